"""The README's screenshot of the practice page, made the way a student sees it.

    python docs/screenshot.py                 # writes docs/practice.png
    python docs/screenshot.py --views DIR     # also a problem, after a check, with the solution, at 320 px

It runs ``probgen practice --template pooling.max-values --seed 3`` with a scratch progress
file, opens it in Debian's Chromium (headless, through Playwright, calling no other host),
answers part (a) right and part (b) with one entry wrong, and checks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from practice_server import launch_chromium, running  # noqa: E402

KIND, SEED = "pooling.max-values", "3"


def answer_and_check(page) -> None:
    page.fill("#answer-a", "(3, 4)")
    page.fill("#answer-b", "14 15 15 15\n14 15 15 15\n11 15 15 14")
    page.wait_for_selector("#preview-b math")
    page.click("#check")
    page.wait_for_selector("#result-b:not([hidden])")
    page.mouse.move(0, 0)                    # no hover colour on a button


def shoot_problem(page, path: Path, margin: int = 16) -> None:
    """The problem, from its heading to the announced result, with a margin."""
    top = page.locator("#problem-title").bounding_box()
    bottom = page.locator("#status").bounding_box()
    left = max(0, top["x"] - margin)
    clip = {"x": left, "y": top["y"] - margin, "width": page.viewport_size["width"] - 2 * left,
            "height": bottom["y"] + bottom["height"] - top["y"] + 2 * margin}
    page.screenshot(path=str(path), clip=clip, full_page=True)
    print(f"wrote {path}")


def shoot(page, path: Path, *, full: bool = True) -> None:
    page.screenshot(path=str(path), full_page=full)
    print(f"wrote {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=HERE / "practice.png")
    parser.add_argument("--views", type=Path, help="also write the page's views for a look into this folder")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch, running("--template", KIND, "--seed", SEED,
                                                            db=Path(scratch) / "progress.sqlite3") as server:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            page = browser.new_page(viewport={"width": 860, "height": 1000}, device_scale_factor=1)
            page.goto(server.url)
            if args.views:
                args.views.mkdir(parents=True, exist_ok=True)
                shoot(page, args.views / "1-problem.png")
            answer_and_check(page)
            shoot_problem(page, args.out)
            if args.views:
                shoot(page, args.views / "2-checked.png")
                page.click("#show-solution")
                page.wait_for_selector("#solution:not([hidden])")
                shoot(page, args.views / "3-solution.png")
                page.set_viewport_size({"width": 320, "height": 900})
                shoot(page, args.views / "4-narrow.png")
            browser.close()


if __name__ == "__main__":
    main()
