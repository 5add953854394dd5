"""Worked solutions fit the page: no line of a compiled LaTeX solution sheet runs into the margin
where a solution lists many window computations or long shapes."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from probgen.generator import registry, worksheet

PDFLATEX = shutil.which("pdflatex")


def overfull_lines(kind_ids, n, seed, difficulty, tmp_path):
    """The 'Overfull \\hbox' widths (pt) pdflatex reports for a solution sheet of these kinds."""
    kinds = [registry.find(kind_id) for kind_id in kind_ids]
    tex = worksheet.render_sheet(worksheet.build(kinds, n, seed, difficulty), "tex", solutions=True)
    (tmp_path / "sheet.tex").write_text(tex)
    subprocess.run([PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "sheet.tex"], cwd=tmp_path,
                   capture_output=True, timeout=120)
    log = (tmp_path / "sheet.log").read_text(errors="replace")
    assert "Output written" in log
    return [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide\)", log)]


@pytest.mark.skipif(PDFLATEX is None, reason="no pdflatex installed")
@pytest.mark.parametrize("kind_ids, difficulty", [
    (("pooling.max-values", "pooling.avg-values"), "hard"),
    (("pooling.max-values", "pooling.avg-values"), "medium"),
    (("layers.batched-shapes",), "medium"),
])
def test_pooling_windows_and_batch_shapes_stay_inside_the_margins(kind_ids, difficulty, tmp_path):
    assert overfull_lines(kind_ids, 8, 11, difficulty, tmp_path) == []


def test_each_max_pool_window_gets_its_own_line():
    kind = registry.find("pooling.max-values")
    sheet = worksheet.build([kind], 1, 11, "medium")
    text = worksheet.render_sheet(sheet, "md", solutions=True)
    windows = re.findall(r"^Y\[\d+, \d+\] &= \\max\\\{", text, flags=re.M)
    steps = sheet.instances[0].steps()
    assert len(windows) == sum(len(line) for line in steps["windows"]) > 1
