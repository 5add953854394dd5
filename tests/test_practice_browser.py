"""The practice page in a real browser: Debian's Chromium driven by Playwright, against
``probgen practice`` run as a user runs it.

A problem of every topic answered from the key is marked correct part by part; an answer
that matches a named misconception gets its feedback; typing shows the preview; keyboard
alone works in the order box, preview, Check, and results are announced in a live region;
the page fits 320 px; and every request the page makes goes to 127.0.0.1. Skipped only
where Chromium is not installed locally; under CI (``CI=true``) a missing browser fails.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from practice_server import CHROMIUM, launch_chromium, running
from probgen.generator import registry
from probgen.generator.practice import problems
from probgen.grader.types.base import display_raw

IN_CI = os.environ.get("CI") == "true"
TOPICS = registry.topics()
SEED = 1


def _need_browser():
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium); CI installs it and runs this test"
    if IN_CI:
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    args = [arg for topic in TOPICS for arg in ("--topic", topic)]
    with running(*args, "--seed", str(SEED), db=tmp_path_factory.mktemp("practice") / "progress.sqlite3") as page:
        yield page


class Visit:
    """A browser tab on the page, recording every request it makes and every error it logs."""

    def __init__(self, browser, base: str, width: int = 1000) -> None:
        self.base = base.rstrip("/")
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss()))

    def open(self, ref: problems.Ref):
        self.page.goto(f"{self.base}/practice?{ref.query()}")
        return self.page

    def close(self) -> None:
        self.context.close()
        hosts = {urlsplit(url).hostname for url in self.requests if not url.startswith(("data:", "about:"))}
        assert hosts <= {"127.0.0.1"}, hosts
        assert not self.errors, self.errors          # a CSP violation is logged as an error too
        assert not self.dialogs, self.dialogs


@pytest.fixture
def visit(browser, server):
    opened: list[Visit] = []

    def open_visit(width: int = 1000) -> Visit:
        opened.append(Visit(browser, server.url, width))
        return opened[-1]

    yield open_visit
    for one in opened:
        one.close()


def visit_base(page) -> str:
    return page.url.split("/practice?")[0] + "/"


def expect():
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect


def position_of(topic: str) -> problems.Ref:
    """The first problem of ``topic`` on the page of every topic that the server shows."""
    start = problems.pinned(TOPICS, [], SEED)
    kinds = problems.kinds_of(start)
    return start.at(next(i for i, kind in enumerate(kinds) if kind.topic == topic))


def answer(page, part: dict, value) -> None:
    if part["type"] == "choice":
        page.check(f'input[name="{part["label"]}"][value="{value}"]')
    else:
        page.fill(f'#answer-{part["label"]}', display_raw(value))


def check_and_wait(page) -> None:
    page.click("#check")
    expect()(page.locator("#status")).to_contain_text("Checked:")


@pytest.mark.parametrize("topic", TOPICS)
def test_a_problem_of_every_topic_answered_from_the_key_is_marked_correct(visit, topic):
    ref = position_of(topic)
    page = visit().open(ref)
    key = problems.problem(ref).key
    expect()(page.locator("#problem-title")).to_contain_text(key["title"])
    for part in key["parts"]:
        answer(page, part, part["answer"])
    check_and_wait(page)
    for part in key["parts"]:
        expect()(page.locator(f'#result-{part["label"]}')).to_have_class("result correct")
    points = sum(part["points"] for part in key["parts"])
    expect()(page.locator("#status")).to_contain_text(f"Checked: {points} of {points} point")


def test_an_answer_matching_a_misconception_gets_its_feedback(visit):
    ref = problems.pinned([], ["conv2d.output-size"], 2)
    page = visit().open(ref)
    part = next(p for p in problems.problem(ref).key["parts"] if p.get("misconceptions"))
    mistake = part["misconceptions"][0]
    answer(page, part, mistake["answer"])
    check_and_wait(page)
    result = page.locator(f'#result-{part["label"]}')
    expect()(result).to_have_class("result not-correct")
    expect()(result).to_contain_text(mistake["feedback"])
    expect()(page.locator("#status")).to_contain_text(mistake["feedback"].rstrip("."))


def test_typing_shows_how_the_answer_is_read_and_hostile_text_stays_text(visit):
    page = visit().open(problems.pinned([], ["pooling.max-values"], 3))
    preview = page.locator("#preview-a")
    page.fill("#answer-a", "3x4")
    expect()(preview).to_contain_text("Read as (3, 4)")
    assert preview.locator("math").count() == 1
    page.fill("#answer-b", "1 2\n3 4")
    expect()(page.locator("#preview-b")).to_contain_text("Read as [[1, 2], [3, 4]]")
    assert page.locator("#preview-b mtable").count() == 1
    hostile = "<img src=x onerror=alert(1)>"
    page.fill("#answer-a", hostile)
    expect()(preview).to_contain_text("Cannot read this")
    expect()(preview).to_contain_text(hostile)
    check_and_wait(page)
    expect()(page.locator("#result-a")).to_contain_text(hostile)
    assert page.locator("img").count() == 0


def test_keyboard_alone_works_in_the_order_box_preview_check(visit):
    page = visit().open(problems.pinned([], ["pooling.max-values"], 3))
    page.focus("#answer-a")
    order = ["answer-a"]
    for _ in range(5):
        page.keyboard.press("Tab")
        order.append(page.evaluate("document.activeElement.id"))
    assert order == ["answer-a", "preview-a", "answer-b", "preview-b", "check", "show-solution"]
    status = page.locator("#status")
    assert (status.get_attribute("role"), status.get_attribute("aria-live")) == ("status", "polite")
    page.focus("#answer-a")
    page.keyboard.type("(2, 2)")  # the output shape of this max-pool problem
    page.keyboard.press("Enter")                                  # Enter in a box checks
    expect()(status).to_contain_text("Checked: 1 of 3 points. (a) correct. (b) not correct: No answer.")
    page.focus("#show-solution")
    page.keyboard.press("Enter")
    expect()(page.locator("#solution")).to_be_visible()
    expect()(status).to_contain_text("worked solution is shown")
    described = page.get_attribute("#answer-a", "aria-describedby")
    assert described == "preview-a result-a"


def test_show_solution_and_another_one_work_after_any_number_of_checks(visit):
    ref = problems.pinned([], ["pooling.max-values"], 3)
    page = visit().open(ref)
    for _ in range(3):
        check_and_wait(page)
    page.click("#show-solution")
    solution = page.locator("#solution")
    expect()(solution).to_be_visible()
    expect()(solution).to_contain_text("Solution")
    expect()(page.locator("#solution-answers")).to_contain_text("As typed: (2, 2)")
    page.click("#another")
    expect()(page.locator("#problem-title")).to_contain_text("Problem 2.")
    assert page.url.endswith("&n=1")
    assert problems.problem(ref.at(1)).id in page.locator(".problem .meta code").inner_text()


def _luminance(rgb: tuple[float, ...]) -> float:
    channels = [c / 255 for c in rgb[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(fore: tuple[float, ...], back: tuple[float, ...]) -> float:
    light, dark = sorted((_luminance(fore), _luminance(back)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


COLOURS = """(selector) => Array.from(document.querySelectorAll(selector)).map((node) => {
  let back = node, bg = 'rgba(0, 0, 0, 0)';
  while (back && (bg = getComputedStyle(back).backgroundColor) === 'rgba(0, 0, 0, 0)') { back = back.parentElement; }
  return [getComputedStyle(node).color, back ? bg : 'rgb(255, 255, 255)'];
})"""


def test_text_keeps_a_readable_contrast(visit):
    page = visit().open(problems.pinned([], ["pooling.max-values"], 3))
    page.fill("#answer-a", "three")
    page.fill("#answer-b", "1 2; 3 4")
    check_and_wait(page)
    selectors = ".result, .result p, output.preview, output.preview .what, .meta, button, a, .status, label"
    pairs = page.evaluate(COLOURS, selectors)
    assert len(pairs) > 10
    for fore, back in pairs:
        ratio = _contrast(tuple(map(float, re.findall(r"[\d.]+", fore))), tuple(map(float, re.findall(r"[\d.]+", back))))
        assert ratio >= 4.5, (fore, back, ratio)


def test_the_page_fits_320_pixels(visit):
    page = visit(width=320).open(problems.pinned([], ["pooling.max-values"], 3))
    width = "document.documentElement.scrollWidth"
    assert page.evaluate(width) <= 320
    page.click("#show-solution")
    expect()(page.locator("#solution")).to_be_visible()
    assert page.evaluate(width) <= 320
    box = page.locator("#answer-a").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    page.goto(visit_base(page))                                  # the start page, with the progress table
    expect()(page.locator("#progress-title")).to_be_visible()
    assert page.evaluate(width) <= 320


def test_requests_stay_on_this_machine(visit):
    one = visit()
    page = one.open(problems.pinned([], ["conv2d.multi-channel"], 4))
    with page.expect_response(lambda response: urlsplit(response.url).path == "/api/preview"):
        page.fill(".part .box >> nth=0", "(1, 2, 3)")  # the preview is debounced: wait for it, then check
    check_and_wait(page)
    page.click("#show-solution")
    expect()(page.locator("#solution")).to_be_visible()
    paths = {urlsplit(url).path for url in one.requests}
    assert {"/practice", "/static/practice.js", "/static/sheet.css", "/static/practice.css", "/api/preview",
            "/api/check", "/api/solution"} <= paths
    assert {urlsplit(url).hostname for url in one.requests} == {"127.0.0.1"}
