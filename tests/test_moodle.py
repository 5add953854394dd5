"""Moodle XML question banks, checked against Moodle's documented structure and its Cloze parser.

``parse_cloze`` below follows Moodle's own reading of embedded answers
(question/type/multianswer/questiontype.php: ANSWER_REGEX, the alternative loop, the
unescaping of ``\\}`` and ``\\#`` and the entity decoding), and ``shortanswer_matches`` its
short-answer comparison with ``*`` wildcards (qtype_shortanswer::compare_string_with_wildcard),
so these tests check what Moodle will make of the file, not only that it is XML.
"""

import html
import math
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from fractions import Fraction

import pytest

from probgen.generator import keyfile, registry
from probgen.generator import worksheet as ws
from probgen.generator.instances import sample
from probgen.generator.moodle_bank import category_path, quiz_xml
from probgen.generator.cloze import WRONG_JOIN, decimal_text, inline_html, numeric_answer
from probgen.generator.lms import plain_math
from probgen.generator.cloze import escape as cloze_escape
from probgen.generator.moodle import part_cloze, weights
from probgen.grader.types.arrays import split_weight
from probgen.grader.types.shape import shape_variants
from probgen.generator.seeding import derive_seed

# ---- Moodle's Cloze syntax, as its importer reads it ----------------------------------

_FRACTION = r"=|%(-?[0-9]+(?:[.,][0-9]*)?)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"  # PHP: (?<!\\|&|&amp;)
_FEEDBACK = r".*?(?<!\\)(?=[~}]|$)"
_ALT = f"(?:{_FRACTION})?(?:{_ANSWER})(?:#(?:{_FEEDBACK}))?"
_TYPES = ("NUMERICAL|NM|MULTICHOICE|MC|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH|SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC|"
          "MULTICHOICE_S|MCS|MULTICHOICE_VS|MCVS|MULTICHOICE_HS|MCHS|MULTIRESPONSE|MR|MULTIRESPONSE_H|MRH|"
          "MULTIRESPONSE_S|MRS|MULTIRESPONSE_HS|MRHS")
_SUBQUESTION = re.compile(r"\{(?P<weight>[0-9]*):(?P<type>" + _TYPES + r"):(?P<alts>" + _ALT + f"(?:~{_ALT})*)" + r"\}", re.S)
_ONE_ALT = re.compile(f"~?(?P<fraction>{_FRACTION})?(?P<answer>{_ANSWER})(?:#(?P<feedback>{_FEEDBACK}))?", re.S)
_NUMBER = r"-?(?:(?:[0-9]+[.,]?[0-9]*|[.,][0-9]+)(?:[eE][-+]?[0-9]+)?)"
_NUMERICAL = re.compile(f"^(?P<value>{_NUMBER})(?::(?P<tol>{_NUMBER}))?$")


def _unescape(text):
    return html.unescape(text).replace("\\}", "}").replace("\\#", "#")


def parse_cloze(text):
    """[(weight, type, [(fraction, answer, feedback)])] for every embedded subquestion, in order."""
    found = []
    while True:
        m = _SUBQUESTION.search(text)
        if not m:
            return found, text
        alts, remaining = [], m.group("alts")
        while remaining:
            a = _ONE_ALT.search(remaining)
            if not a:
                break
            fraction = 1.0 if a.group("fraction") == "=" else (
                float(a.group(2).replace(",", ".")) / 100 if a.group(2) else 0.0)
            answer = a.group("answer")
            if m.group("type") not in ("NUMERICAL", "NM"):
                answer = _unescape(answer)
            feedback = _unescape(a.group("feedback") or "")
            alts.append((fraction, answer, feedback))
            remaining = remaining.split(a.group(0), 1)[1]
        found.append((int(m.group("weight") or 1), m.group("type"), alts))
        text = text.replace(m.group(0), f"{{#{len(found)}}}", 1)


def shortanswer_matches(student, pattern, ignorecase=True):
    bits = re.split(r"(?<!\\)\*+", pattern)
    regexp = "^" + ".*".join(re.escape(b.replace("\\*", "*")) for b in bits) + "$"
    return re.match(regexp, student.strip(), re.I if ignorecase else 0) is not None


def right(alts):
    return [a for f, a, _ in alts if f == 1.0]


# ---- fixtures ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def instances():
    """Two variants of every kind."""
    return [sample(kind, derive_seed(42, kind.id, v)) for kind in registry.latest_kinds() for v in range(2)]


@pytest.fixture(scope="module")
def quiz(instances):
    text = quiz_xml(instances)
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<quiz>')
    return ET.fromstring(text.encode("utf-8"))


def clozes(quiz):
    return [q for q in quiz.findall("question") if q.get("type") == "cloze"]


def _count(value):
    return sum(_count(v) for v in value) if isinstance(value, list) else 1


# ---- the file ---------------------------------------------------------------------------


def test_quiz_holds_a_category_per_kind_then_its_variants(quiz, instances):
    assert quiz.tag == "quiz"
    current = None
    seen_categories = []
    kind_of = {i.id: i.kind.id for i in instances}
    for question in quiz.findall("question"):
        assert question.get("type") in ("category", "cloze")
        if question.get("type") == "category":
            current = question.find("category/text").text
            seen_categories.append(current)
            assert question.find("name") is None
        else:
            assert current == category_path(kind_of[question.find("name/text").text])
    kinds = list(dict.fromkeys(i.kind.id for i in instances))
    assert seen_categories == [f"$course$/top/probgen/{k}" for k in kinds]


def test_one_cloze_question_per_problem_with_the_documented_elements(quiz, instances):
    questions = clozes(quiz)
    assert [q.find("name/text").text for q in questions] == [i.id for i in instances]
    for question, instance in zip(questions, instances):
        text = question.find("questiontext")
        assert text.get("format") == "html" and text.find("text").text
        feedback = question.find("generalfeedback")
        assert feedback.get("format") == "html"
        assert feedback.find("text").text.strip() == ws.solution(instance, "html").strip()
        assert question.find("penalty").text == "0.3333333" and question.find("hidden").text == "0"
        assert ws.statement(instance, "html").strip() in text.find("text").text


def test_every_part_is_embedded_and_every_subquestion_has_a_right_answer(quiz, instances):
    for question, instance in zip(clozes(quiz), instances):
        key = keyfile.key_problem(instance)
        subquestions, rest = parse_cloze(question.find("questiontext/text").text)
        assert len(subquestions) == sum(_count(p["answer"]) if p["type"] in (
            "vector", "matrix", "tensor", "expression-vector", "expression-matrix") else 1 for p in key["parts"])
        assert not re.search(r"\{\d*:[A-Z_]+:", rest), "a subquestion Moodle would not recognise"
        for _, kind, alts in subquestions:
            assert right(alts), f"{instance.id}: a {kind} subquestion without a right answer"
            assert all(answer.strip() for _, answer, _ in alts)


def _check_numeric(alts, expected, exact):
    (answer,) = right(alts)
    m = _NUMERICAL.match(answer)
    assert m, f"{answer!r} is not a number Moodle reads"
    value, tol = Fraction(m["value"]), Fraction(m["tol"] or 0)
    assert abs(value - expected) <= tol
    if exact:
        assert tol == 0 and value == expected
    else:  # half a unit in the 3rd significant digit: 0.333 is right for 1/3, 0.334 is not
        assert 0 < tol <= abs(expected) / 199
        assert tol == Fraction(10) ** (math.floor(math.log10(abs(expected))) - 2) / 2


def test_parts_become_the_right_subquestion_types_with_the_key_answers(quiz, instances):
    types_seen = set()
    for question, instance in zip(clozes(quiz), instances):
        key = keyfile.key_problem(instance)
        subquestions = iter(parse_cloze(question.find("questiontext/text").text)[0])
        for part in key["parts"]:
            types_seen.add(part["type"])
            answer = part["answer"]
            if part["type"] in ("integer", "number"):
                _, kind, alts = next(subquestions)
                assert kind == "NUMERICAL"
                value = Fraction(answer) if not isinstance(answer, float) else None
                if value is not None:
                    _check_numeric(alts, value, exact=_terminating(value))
            elif part["type"] in ("vector", "matrix", "tensor"):
                for entry in _flat(answer):
                    _, kind, alts = next(subquestions)
                    assert kind == "NUMERICAL"
                    _check_numeric(alts, Fraction(entry), exact=_terminating(Fraction(entry)))
            elif part["type"] == "shape":
                _, kind, alts = next(subquestions)
                assert kind == "SHORTANSWER"
                ok = right(alts)
                dims = [str(d) for d in answer]
                for written in (f"({', '.join(dims)}{',' if len(dims) == 1 else ''})", "x".join(dims), "X".join(dims)):
                    assert any(shortanswer_matches(written, p) for p in ok), written
                assert not any(shortanswer_matches("(" + ", ".join(dims) + ", 1)", p) for p in ok)
            elif part["type"] in ("expression", "expression-vector", "expression-matrix"):
                for entry in ([answer] if part["type"] == "expression" else _flat(answer)):
                    _, kind, alts = next(subquestions)
                    assert kind == "SHORTANSWER_C"
                    ok = right(alts)
                    assert any(shortanswer_matches(entry, p, ignorecase=False) for p in ok)
                    assert any(shortanswer_matches(entry.replace(" ", ""), p, ignorecase=False) for p in ok)
                    if "*" in entry:  # '*' is literal, not Moodle's wildcard
                        assert not any(shortanswer_matches(entry.replace("*", "+"), p) for p in ok)
                    if entry != entry.upper():  # compared case-sensitively: K1 is not k1
                        assert not any(shortanswer_matches(entry.upper(), p, ignorecase=False) for p in ok)
            elif part["type"] == "choice":
                _, kind, alts = next(subquestions)
                assert kind == "MULTICHOICE_V"
                choices = part["options"]["choices"]
                letters = [chr(ord("A") + i) for i in range(len(choices))]
                assert [a for _, a, _ in alts] == [f"({l}) " + inline_html(c) for l, c in zip(letters, choices)]
                index = ord(answer) - ord("A")
                assert right(alts) == [f"({answer}) " + inline_html(choices[index])]
                assert [f for f, _, _ in alts].count(1.0) == 1
                for m in part.get("misconceptions", ()):
                    wrong = alts[ord(m["answer"]) - ord("A")]
                    assert wrong[0] == 0 and wrong[2] == plain_math(m["feedback"])
                    assert "<math" not in wrong[2]
        assert next(subquestions, None) is None
    assert types_seen >= {"integer", "number", "shape", "vector", "matrix", "tensor", "expression",
                          "expression-vector", "expression-matrix", "choice"}


def _flat(value):
    return [e for v in value for e in _flat(v)] if isinstance(value, list) else [value]


def _terminating(value):
    d = value.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def test_misconceptions_give_their_feedback_on_numeric_parts(quiz, instances):
    found = 0
    for question, instance in zip(clozes(quiz), instances):
        key = keyfile.key_problem(instance)
        subquestions = parse_cloze(question.find("questiontext/text").text)[0]
        for part, (_, kind, alts) in zip(key["parts"], subquestions):
            if part["type"] == "integer" and part.get("misconceptions"):
                wrong = {a: f for fraction, a, f in alts if fraction == 0}
                for m in part["misconceptions"]:
                    if m["answer"] != part["answer"]:
                        assert plain_math(m["feedback"]) in wrong[f"{m['answer']}:0"].split(WRONG_JOIN)
                        found += 1
                break
    assert found


def test_weights_keep_the_relative_points_of_parts():
    parts = [{"type": "shape", "answer": [3, 3], "points": 1},
             {"type": "matrix", "answer": [[1, 2], [3, 4]], "points": 2}]
    assert weights(parts) == [1680, 3360]  # parts share 5040 by points, entries share their part's
    assert weights([{"type": "integer", "answer": 1, "points": 3}]) == [5040]
    assert weights([{"type": "integer", "answer": 1, "points": 1}] * 11) == [459] * 2 + [458] * 9

    subquestions, _ = parse_cloze("".join(part_cloze(p, w) for p, w in zip(parts, weights(parts))))
    assert [w for w, _, _ in subquestions] == [1680, 840, 840, 840, 840]


def test_every_variant_of_a_kind_has_the_same_default_mark(quiz, instances):
    marks = {}
    for question, instance in zip(clozes(quiz), instances):
        subquestions, _ = parse_cloze(question.find("questiontext/text").text)
        mark = sum(w for w, _, _ in subquestions)  # Moodle's default mark of a Cloze question
        assert int(question.find("defaultgrade").text) == mark
        marks.setdefault(instance.kind.id, set()).add(mark)
    assert all(m == {5040} for m in marks.values()), {k: m for k, m in marks.items() if m != {5040}}
    uneven = {3: [1, 1, 1], 5: [2, 1, 1, 1, 1]}
    assert split_weight(3, 3) == uneven[3] and split_weight(6, 5) == uneven[5]


@pytest.mark.parametrize("value, options, text", [
    (8, None, "8:0"),
    (-3, None, "-3:0"),
    ("7/4", None, "1.75:0"),
    ("-1/8", None, "-0.125:0"),
    ("7/9", None, "0.7777777778:0.0005"),
    ("-31/9", None, "-3.444444444:0.005"),
    ("22/145", None, "0.1517241379:0.0005"),
    (99883155456, None, "99883155456:0"),
    (0.1, None, "0.1:0.0000001"),
    ("1/3", {"abs_tol": 0.01}, "0.3333333333:0.01"),
])
def test_numbers_as_moodle_reads_them(value, options, text):
    assert numeric_answer(value, options) == text
    assert _NUMERICAL.match(text)


def test_decimals_are_plain_notation():
    assert decimal_text(Fraction(1, 10**12)) == "0.000000000001"
    assert decimal_text(Fraction(10**20)) == "100000000000000000000"


def test_shape_variants():
    assert shape_variants([3, 3])[:3] == ["(3, 3)", "(3,3)", "3x3"]
    assert "(4,)" in shape_variants([4]) and "4" in shape_variants([4])


@pytest.mark.parametrize("text", ["a}b", "50% #1", "x ~ y", "A & B < C", "&#x000D7; and &amp;", "\\}", "end\\"])
def test_cloze_escaping_survives_moodles_reading(text):
    cloze = "{1:MULTICHOICE_V:=" + cloze_escape(text) + "#" + cloze_escape(text) + "~other}"
    (sub,), _ = parse_cloze(cloze)
    (fraction, answer, feedback), other = sub[2]
    assert fraction == 1.0 and answer == text and feedback == text and other[1] == "other"


def test_xml_is_escaped_by_the_library_not_by_hand():
    instance = sample(registry.find("concepts.kernel-as-input"), 3)
    text = quiz_xml([instance], statement=lambda i: "<p>x < y & z</p>", solution=lambda i: "<p>]]></p>")
    root = ET.fromstring(text)
    question = clozes(root)[0]
    assert question.find("questiontext/text").text.startswith('<div class="probgen-statement"><p>x < y & z</p>')
    assert question.find("generalfeedback/text").text == "<p>]]></p>"


# ---- what issue 13 found in a real Moodle --------------------------------------------


def test_question_text_and_solution_are_cdata_sections(instances):
    text = quiz_xml(instances[:3])
    assert len(re.findall(r'<questiontext format="html">\s*<text><!\[CDATA\[<div class="probgen-statement">', text)) == 3
    assert len(re.findall(r'<generalfeedback format="html">\s*<text><!\[CDATA\[', text)) == 3
    assert "&lt;p&gt;" not in text


def test_cdata_keeps_a_closing_bracket_pair_inside_html():
    instance = sample(registry.find("concepts.kernel-as-input"), 3)
    text = quiz_xml([instance], statement=lambda i: "<p>a]]>b</p>", solution=lambda i: "<p>]]></p>")
    question = clozes(ET.fromstring(text))[0]
    assert "<p>a]]>b</p>" in question.find("questiontext/text").text
    assert question.find("generalfeedback/text").text == "<p>]]></p>"


@pytest.mark.parametrize("text", ["R&", "a & b &", "x/y", 'say "hi"', "back\\", "til~de", "a}b#c"])
def test_an_answer_ending_in_a_special_character_does_not_swallow_its_neighbour(text):
    cloze = ("{1:SHORTANSWER_C:=" + cloze_escape(text) + "~%0%" + cloze_escape(text) + "x#" + cloze_escape(text)
             + "}{1:NUMERICAL:=3:0}")
    (first, second), rest = parse_cloze(cloze)
    assert [(f, a, fb) for f, a, fb in first[2]] == [(1.0, text, ""), (0.0, text + "x", text)]
    assert second[1] == "NUMERICAL" and rest == "{#1}{#2}"


def _typed(entry):
    """An answer probgen accepts, as a student types it into Moodle's box: a fraction as the
    statement's note asks, a decimal with the least significant digits probgen takes."""
    value = Fraction(entry)
    if value.denominator == 1 or _terminating(value):
        return decimal_text(value)
    return format(Decimal(value.numerator) / Decimal(value.denominator), ".3g")


def _numerical_scores(alts, typed):
    typed = Fraction(typed)
    for fraction, answer, _ in alts:
        m = _NUMERICAL.match(answer)
        if abs(typed - Fraction(m["value"])) <= Fraction(m["tol"] or 0):
            return fraction
    return 0.0


def test_every_key_answer_typed_as_probgen_accepts_it_scores_full_in_every_kind(quiz, instances):
    """Moodle's reading of every subquestion of every kind, and the key's answer typed into it."""
    noted = set()
    for question, instance in zip(clozes(quiz), instances):
        key = keyfile.key_problem(instance)
        text = question.find("questiontext/text").text
        subquestions = iter(parse_cloze(text)[0])
        for part in key["parts"]:
            entries = _flat(part["answer"]) if isinstance(part["answer"], list) and part["type"] != "shape" else [part["answer"]]
            for entry in entries:
                _, kind, alts = next(subquestions)
                if kind == "NUMERICAL":
                    if isinstance(entry, str) and "/" in entry:
                        noted.add(instance.kind.id)
                    assert _numerical_scores(alts, _typed(entry)) == 1.0, (instance.id, part["label"], entry)
                elif kind == "SHORTANSWER_C":
                    assert any(shortanswer_matches(entry, p, ignorecase=False) for p in right(alts))
                elif kind == "SHORTANSWER":
                    written = "(" + ", ".join(str(d) for d in entry) + ("," if len(entry) == 1 else "") + ")"
                    assert any(shortanswer_matches(written, p) for p in right(alts))
                    assert any(shortanswer_matches("( " + ", ".join(str(d) for d in entry) + " )", p) for p in right(alts))
                else:
                    assert right(alts)[0].startswith(f"({entry}) ")
    for kind_id in noted:  # a kind whose answers are fractions asks for decimals in Moodle
        for question, instance in zip(clozes(quiz), instances):
            if instance.kind.id == kind_id:
                assert "type decimals instead of fractions" in question.find("questiontext/text").text


def test_reordered_and_respaced_expressions_are_accepted():
    part = {"label": "a", "type": "expression", "answer": "g1*x1 + g2*x3 + g3*x5", "options": {}}
    (sub,), _ = parse_cloze(part_cloze(part, 720))
    ok = right(sub[2])
    for typed in ["g1*x1 + g2*x3 + g3*x5", "g3*x5+g1*x1+g2*x3", "g1 * x1 + g2 * x3 + g3 * x5", "x1*g1 + x3*g2 + x5*g3",
                  "(g1*x1 + g2*x3 + g3*x5)"]:
        assert any(shortanswer_matches(typed, p, ignorecase=False) for p in ok), typed
    for typed in ["G1*X1 + G2*X3 + G3*X5", "g1*x1 + g2*x3"]:
        assert not any(shortanswer_matches(typed, p, ignorecase=False) for p in ok), typed
