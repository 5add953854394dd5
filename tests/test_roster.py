"""Class rosters: header, id column, safe ids, one clear sentence for every bad roster."""

import pytest

from probgen.generator.roster import RosterError, Student, id_problem, parse_roster, read_roster


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
    ("id\nAb\nab\n", "ids that differ only in case share a folder"),
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
