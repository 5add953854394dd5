"""Class rosters: header, id column, safe ids, one clear sentence for every bad roster."""

import json
from pathlib import Path

import pytest

from probgen.generator.roster import RosterError, Student, id_problem, parse_roster, read_roster

HOSTILE_NAMES = Path(__file__).parent / "data" / "hostile-names.json"


def test_reads_ids_names_and_emails_in_file_order():
    text = "id,name,email\ns1,Ann Lee,ann@example.org\ns2,Bob,\n\ns3,,c@example.org\n"
    assert parse_roster(text) == [Student("s1", "Ann Lee", "ann@example.org"), Student("s2", "Bob", ""),
                                  Student("s3", "", "c@example.org")]


def test_header_names_are_trimmed_case_free_and_columns_may_come_in_any_order():
    students = parse_roster(" Email ; ID ;Name\nx@y;  a-1 ; Ann\n")
    assert students == [Student("a-1", "Ann", "x@y")]


def test_byte_order_mark_tabs_quotes_and_extra_columns(tmp_path):
    path = tmp_path / "roster.csv"
    path.write_bytes("\ufeffid\tname\tgroup\ns1\t\"Lee, Ann\"\tA\n".encode("utf-8"))
    assert read_roster(path) == [Student("s1", "Lee, Ann", "")]


@pytest.mark.parametrize("text, words", [
    ("", "is empty"),
    ("\n\n", "is empty"),
    ("name,email\nAnn,a@x\n", "has no id column in its header row (its columns are: name, email)."),
    ("id,name\n", "lists no students"),
    ("id,name\n,Ann\n", "row 2 of roster.csv has no student id."),
    ("id\ns1\ns2\ns1\n", "lists student 's1' twice, in rows 2 and 4."),
    ("id\nAb\nab\n", "ids that differ only in case or in how an accent is encoded share a folder"),
    ("id\n../etc\n", "cannot be part of a folder name"),
    ("id\na/b\n", "contains '/'"),
    ("id\na\\b\n", "contains '\\\\'"),
    ("id\n..\n", "'..'"),
    ("id\n.hidden\n", "starts with a dot"),
    ("id\nCON\n", "Windows reserves"),
    ("id\n" + "x" * 65 + "\n", "longer than 64 characters"),
    ('id\n"unterminated\n', "not a readable CSV file"),
])
def test_bad_rosters_are_one_sentence(text, words):
    with pytest.raises(RosterError) as info:
        parse_roster(text, "roster.csv")
    message = str(info.value)
    assert words in message
    assert message.endswith(".") and "\n" not in message and "Traceback" not in message
    assert "roster.csv" in message


def test_file_errors_are_one_sentence(tmp_path):
    with pytest.raises(RosterError, match="does not exist"):
        read_roster(tmp_path / "missing.csv")
    with pytest.raises(RosterError, match="is a directory"):
        read_roster(tmp_path)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("id,name\ns1,Jos\xe9\n".encode("latin-1"))
    with pytest.raises(RosterError, match="is not UTF-8 text"):
        read_roster(latin)


@pytest.mark.parametrize("good", ["s1", "2026-017", "ann.lee", "ann@example.org", "Émile", "a b", "x_y+z"])
def test_ordinary_ids_are_fine(good):
    assert id_problem(good) is None


# ---- issue 11: control and invisible characters, NFC/NFD duplicates, blank lines in names ----

@pytest.mark.parametrize("student_id, words", [
    ("abc\u202e1", "U+202E (RIGHT-TO-LEFT OVERRIDE), which reorders the text after it"),
    ("ab\u0085c", "control character U+0085"),
    ("a\u009bb", "control character U+009B"),
    ("a\u200bb", "invisible character U+200B (ZERO WIDTH SPACE)"),
    ("a\u200db", "invisible character U+200D"),
    ("a\ufeffb", "invisible character U+FEFF"),
    ("a\x7fb", "control character U+007F"),
    ("a\u00a0b", "space character U+00A0"),
])
def test_roster_ids_with_bidi_c1_and_zero_width_characters_are_refused(student_id, words):
    with pytest.raises(RosterError) as info:
        parse_roster(f"id,name\nok,Ann\n\"{student_id}\",Bob\n", "roster.csv")
    message = str(info.value)
    assert words in message and "row 3 of roster.csv" in message
    assert message.endswith(".") and "\n" not in message
    assert "\u202e" not in message and "\x9b" not in message and "\x7f" not in message   # shown escaped


def test_roster_ids_that_differ_only_in_nfc_and_nfd_are_refused_as_duplicates():
    nfc, nfd = "zo\u00eb", "zoe\u0308"
    with pytest.raises(RosterError, match=r"twice, in rows 2 and 3 .*how an accent is encoded"):
        parse_roster(f"id\n{nfc}\n{nfd}\n", "roster.csv")


@pytest.mark.parametrize("name, words", [
    *[tuple(row) for row in json.loads(HOSTILE_NAMES.read_text(encoding="utf-8"))["refused_names"]],
    ("A" * 201, "longer than 200 characters"),
])
def test_roster_names_with_controls_or_bidi_overrides_are_refused_naming_the_row(name, words):
    with pytest.raises(RosterError) as info:
        parse_roster("id,name\ns1,\"" + name.replace('"', '""') + "\"\n", "roster.csv")
    assert words in str(info.value)
    assert str(info.value).endswith("correct it in the roster.")


def test_roster_names_lose_invisible_characters_and_blank_lines_and_are_nfc():
    text = ("id,name\n"
            "s1,\"Ann\u200b Lee\u00ad\ufeff\"\n"
            "s2,\"Zoe\u0308\n\nBronte\u0308\"\n"
            "s3,\"Ana \U0001F469\U0001F3FD\u200d\U0001F4BB Silva\"\n"
            "s4,\"\u0645\u0631\u200c\u06cc\u0645\u200f\"\n")
    students = parse_roster(text)
    assert [s.name for s in students] == ["Ann Lee", "Zo\u00eb Bront\u00eb",
                                          "Ana \U0001F469\U0001F3FD\u200d\U0001F4BB Silva",   # joiner kept
                                          "\u0645\u0631\u200c\u06cc\u0645"]                    # ZWNJ kept, RLM gone


INTERNATIONAL = ["Ἀριστοτέλης Παπαδόπουλος", "Иван Петров", "王小明", "김민준", "محمد عبد الله", "דוד כהן",
                 "अनन्या शर्मा", "Nguyễn Thị Minh Khai", "Zoë Brontë", "😀 Emoji"]


@pytest.mark.parametrize("name", INTERNATIONAL)
def test_names_in_every_script_are_kept_as_written(name):
    assert parse_roster(f"id,name\ns1,{name}\n") == [Student("s1", name, "")]
