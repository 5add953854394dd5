"""The LMS banks of ``probgen export`` (Moodle, Canvas, QTI 2.1) are written a sheet at a time,
so memory does not grow with the roster; the files are the same, byte for byte, as the ones made
from every sheet held in memory, and nothing spooled is left in the export folder."""

import pytest

from probgen.generator import export as ex
from probgen.generator import keyfile, registry
from probgen.generator.exporters import EXPORTERS
from probgen.generator.roster import Student
from probgen.generator.secret import SECRET_FILE, read_secret
from probgen.grader.types import TYPES
from probgen.grader.types.base import AnswerType

BANKS = ["moodle", "canvas", "qti21"]
STUDENTS = [Student("s1", "Ann Lee"), Student("s2", "Émile O'Brien & Co"), Student("s3", "李雷")]


def in_memory(fmt, kinds, n, seed, students, tmp_path):
    """The file the exporter writes from all the export's sheets at once (the export in
    ``tmp_path / "out"`` made the course secret its ids are handed out with)."""
    exporter = EXPORTERS[fmt]
    secret = read_secret(tmp_path / "out" / SECRET_FILE)
    sheets = ex.build(kinds, n, seed, students=students, views=ex._views([exporter], False), secret=secret)
    path = tmp_path / f"in-memory-{exporter.file_name}"
    notes = exporter.write(path, sheets)
    return path.read_bytes(), notes


def left_out(result):
    """The export's sentences about problems an LMS was not given (not its general notes)."""
    return [note for note in result.notes if not note.startswith("note:")]


@pytest.mark.parametrize("fmt", BANKS)
def test_a_streamed_bank_is_the_in_memory_one_byte_for_byte(fmt, tmp_path):
    kinds = registry.latest_kinds()          # every kind: figures, choices, matrices, expressions
    result = ex.export(tmp_path / "out", kinds, len(kinds) + 2, 11, [fmt], students=STUDENTS)
    expected, notes = in_memory(fmt, kinds, len(kinds) + 2, 11, STUDENTS, tmp_path)
    written = (tmp_path / "out" / EXPORTERS[fmt].file_name).read_bytes()
    assert written == expected
    assert left_out(result) == notes
    left = sorted(p.name for p in (tmp_path / "out").iterdir() if p.name.startswith("."))
    assert left == []


@pytest.mark.parametrize("fmt", BANKS)
def test_a_streamed_bank_of_one_sheet_without_a_roster_is_the_in_memory_one(fmt, tmp_path):
    kinds = [registry.find("pooling.output-size"), registry.find("conv1d.entries")]
    ex.export(tmp_path / "out", kinds, 3, 5, [fmt])
    expected, _ = in_memory(fmt, kinds, 3, 5, None, tmp_path)
    assert (tmp_path / "out" / EXPORTERS[fmt].file_name).read_bytes() == expected


@pytest.mark.parametrize("fmt", BANKS)
def test_a_streamed_bank_leaves_out_what_the_lms_cannot_ask_as_the_in_memory_one(fmt, tmp_path, monkeypatch):
    """Every problem of one kind has a part of an answer type no LMS form was written for."""
    base = TYPES["integer"]
    monkeypatch.setitem(TYPES, "tally", AnswerType("tally", base.read, base.compare, base.expected))
    odd = registry.find("pooling.output-size")
    original = keyfile.key_problem

    def tallied(instance, *args, **kwargs):
        key = original(instance, *args, **kwargs)
        if key["template"] == odd.id:
            key = dict(key, parts=[dict(part, type="tally") for part in key["parts"]])
        return key

    monkeypatch.setattr(keyfile, "key_problem", tallied)
    kinds = [odd, registry.find("conv1d.entries")]
    result = ex.export(tmp_path / "out", kinds, 2, 3, [fmt], students=STUDENTS)
    expected, notes = in_memory(fmt, kinds, 2, 3, STUDENTS, tmp_path)
    assert (tmp_path / "out" / EXPORTERS[fmt].file_name).read_bytes() == expected
    assert len(notes) == len(STUDENTS) and left_out(result) == notes
    assert all("(pooling.output-size) is left out" in note for note in notes)


def test_no_banked_sheet_is_kept_while_the_class_is_exported(tmp_path, monkeypatch):
    """What the banks read of a sheet is let go once spooled; before, the export held every
    student's rendered problems for the banks until the end (memory grew with the roster)."""
    import gc
    import weakref

    handed: list[weakref.ref] = []
    alive_at_each_sheet: list[int] = []
    real_for_bank, real_build = ex._for_bank, ex.sheets.build

    def for_bank(sheet, views):
        slim = real_for_bank(sheet, views)
        handed.append(weakref.ref(slim))
        return slim

    def build(*args, **kwargs):
        gc.collect()
        alive_at_each_sheet.append(sum(ref() is not None for ref in handed))
        return real_build(*args, **kwargs)

    monkeypatch.setattr(ex, "_for_bank", for_bank)
    monkeypatch.setattr(ex.sheets, "build", build)
    kinds = [registry.find("pooling.output-size"), registry.find("conv1d.entries")]
    students = [Student(f"s{i}") for i in range(12)]
    ex.export(tmp_path / "out", kinds, 2, 7, BANKS, students=students)
    assert len(handed) == 12 * len(BANKS)
    assert alive_at_each_sheet == [0] * 12
