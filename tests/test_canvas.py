"""Canvas QTI 1.2 (Classic Quizzes), checked against what Canvas's QTI import reads.

The structure follows text2qti and R/exams' exams2canvas (read from their source): a manifest
whose resources name every file, an assessment per kind with its assessment_meta.xml, and in
each item the question type, points, the presentation and the response processing Canvas turns
into answers. Blanks are matched the way Canvas's fill-in-multiple-blanks compares a response
(trimmed, without case); numbers the way its numerical question does (exact or within margin).
"""

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from fractions import Fraction

import pytest

from probgen.generator import keyfile, registry
from probgen.generator import worksheet as ws
from probgen.generator.canvas_package import package, zip_bytes
from probgen.generator.canvas_qti import FIGURE_SRC, Question, blank_answers
from probgen.generator.formats import get
from probgen.generator.instances import sample
from probgen.generator.seeding import derive_seed
from probgen.grader.types import TYPES

Q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
CC = "{http://canvas.instructure.com/xsd/cccv1p0}"
INLINE = get("canvas-html").inline


def question_of(instance):
    return Question(keyfile.key_problem(instance), ws.statement(instance, "canvas-html"),
                    ws.solution(instance, "canvas-html"))


@pytest.fixture(scope="module")
def instances():
    """Two variants of every kind."""
    return [sample(kind, derive_seed(7, kind.id, v)) for kind in registry.latest_kinds() for v in range(2)]


@pytest.fixture(scope="module")
def built(instances):
    return package([question_of(i) for i in instances], INLINE)


@pytest.fixture(scope="module")
def archive(built):
    return zipfile.ZipFile(io.BytesIO(zip_bytes(built.files)))


def xml_of(archive, name):
    return ET.fromstring(archive.read(name))


def items(archive):
    """(assessment root, item) for every item of every assessment."""
    manifest = xml_of(archive, "imsmanifest.xml")
    for resource in manifest.iter(f"{CP}resource"):
        if resource.get("type") == "imsqti_xmlv1p2":
            root = xml_of(archive, resource.find(f"{CP}file").get("href"))
            for item in root.iter(f"{Q}item"):
                yield root, item


def meta(item, label):
    for field in item.iter(f"{Q}qtimetadatafield"):
        if field.find(f"{Q}fieldlabel").text == label:
            return field.find(f"{Q}fieldentry").text
    return None


def canvas_blank_matches(typed, accepted):
    """Canvas's fill-in-multiple-blanks comparison: trimmed, case-insensitive text equality."""
    return any(typed.strip().lower() == a.strip().lower() for a in accepted)


# ---- the package ------------------------------------------------------------------------


def test_manifest_names_every_file_and_every_file_is_named(archive):
    manifest = xml_of(archive, "imsmanifest.xml")
    assert manifest.tag == f"{CP}manifest"
    hrefs = {f.get("href") for f in manifest.iter(f"{CP}file")}
    assert hrefs == set(archive.namelist()) - {"imsmanifest.xml"}
    ids = {r.get("identifier") for r in manifest.iter(f"{CP}resource")}
    for dependency in manifest.iter(f"{CP}dependency"):
        assert dependency.get("identifierref") in ids
    for resource in manifest.iter(f"{CP}resource"):
        if resource.get("type") == "webcontent":  # Canvas imports a file only as its resource's href
            assert resource.get("href") == resource.find(f"{CP}file").get("href")
            assert resource.get("href").startswith("web_resources/")


def test_one_assessment_per_kind_drawing_one_variant(archive, instances):
    kinds_seen = {}
    for root, item in items(archive):
        assessment = root.find(f"{Q}assessment")
        group = assessment.find(f"{Q}section/{Q}section")
        assert group.find(f"{Q}selection_ordering/{Q}selection/{Q}selection_number").text == "1"
        kinds_seen.setdefault(assessment.get("ident"), set()).add(item.get("title").split("@")[0])
    assert all(len(k) == 1 for k in kinds_seen.values())
    assert len(kinds_seen) == len({i.kind.id for i in instances})
    for name in archive.namelist():
        if name.endswith("/assessment_meta.xml"):
            quiz = xml_of(archive, name)
            assert quiz.tag == f"{CC}quiz" and quiz.find(f"{CC}assignment/{CC}quiz_identifierref").text == \
                quiz.get("identifier")


def test_every_problem_is_one_item_with_its_points(archive, instances):
    by_id = {i.id: keyfile.key_problem(i) for i in instances}
    titles, per_item, most = [], {}, {}
    for root, item in items(archive):
        key = by_id[item.get("title")]
        titles.append(item.get("title"))
        assert float(meta(item, "points_possible")) == sum(p["points"] for p in key["parts"])
        per_item[root.find(f".//{Q}points_per_item")] = float(root.find(f".//{Q}points_per_item").text)
        most[root.find(f".//{Q}points_per_item")] = max(most.get(root.find(f".//{Q}points_per_item"), 0),
                                                        sum(p["points"] for p in key["parts"]))
    assert per_item == most  # a group draws its variants at the most points any of them has
    assert sorted(titles) == sorted(by_id)


def test_math_is_equation_images_and_figures_are_files_in_the_zip(archive):
    names = set(archive.namelist())
    figures = equations = 0
    for _, item in items(archive):
        for mattext in item.iter(f"{Q}mattext"):
            text = mattext.text or ""
            assert "<math" not in text and "<svg" not in text
            for src in re.findall(r'src="([^"]+)"', text):
                if src.startswith(FIGURE_SRC):
                    assert "web_resources/probgen/" + src[len(FIGURE_SRC):] in names
                    figures += 1
                else:
                    assert src.startswith("/equation_images/")
        html = item.find(f"{Q}presentation/{Q}material/{Q}mattext").text
        equations += html.count('class="equation_image"')
    assert figures > 0 and equations > 100


# ---- questions as probgen grades them -------------------------------------------------


def test_each_kind_gets_the_question_type_its_parts_need(archive, instances):
    by_id = {i.id: keyfile.key_problem(i) for i in instances}
    seen = set()
    for _, item in items(archive):
        key = by_id[item.get("title")]
        boxes = [b for p in key["parts"] for b in TYPES[p["type"]].boxes(p)]
        qtype = meta(item, "question_type")
        seen.add(qtype)
        if len(boxes) > 1:
            assert qtype == "fill_in_multiple_blanks_question"
        else:
            assert qtype == {"number": "numerical_question", "choice": "multiple_choice_question",
                             "text": "short_answer_question"}[boxes[0].kind]
    assert seen == {"fill_in_multiple_blanks_question", "numerical_question", "multiple_choice_question",
                    "short_answer_question"}


def _flat(value):
    return [e for v in value for e in _flat(v)] if isinstance(value, list) else [value]


def test_every_key_answer_scores_full_in_every_kind(archive, instances):
    by_id = {i.id: keyfile.key_problem(i) for i in instances}
    for _, item in items(archive):
        key = by_id[item.get("title")]
        qtype = meta(item, "question_type")
        proc = item.find(f"{Q}resprocessing")
        html = item.find(f"{Q}presentation/{Q}material/{Q}mattext").text
        if qtype == "fill_in_multiple_blanks_question":
            lids = {lid.get("ident")[len("response_"):]: lid for lid in item.iter(f"{Q}response_lid")}
            assert set(re.findall(r"\[(ans_[a-z0-9_]+)\]", html)) == set(lids)  # every blank in the text has answers
            scored = {c.find(f"{Q}conditionvar/{Q}varequal").text for c in proc.findall(f"{Q}respcondition")
                      if c.find(f"{Q}setvar") is not None}
            for part in key["parts"]:
                entries = [part["answer"]] if part["type"] in ("shape", "expression", "integer", "number", "choice") \
                    else _flat(part["answer"])
                names = [n for n in lids if n == "ans_" + part["label"] or n.startswith(f"ans_{part['label']}_")]
                assert len(names) == len(entries)
                for name, entry in zip(names, entries):
                    labels = lids[name].findall(f".//{Q}response_label")
                    accepted = [lab.find(f".//{Q}mattext").text for lab in labels]
                    assert all(lab.get("ident") in scored for lab in labels)
                    typed = entry if not isinstance(entry, list) else "(" + ", ".join(map(str, entry)) + ")"
                    assert canvas_blank_matches(str(typed), accepted), (item.get("title"), name, typed, accepted)
        elif qtype == "numerical_question":
            (part,) = key["parts"]
            either = proc.find(f".//{Q}or")
            exact = Fraction(either.find(f"{Q}varequal").text)
            low, high = Fraction(either.find(f".//{Q}vargte").text), Fraction(either.find(f".//{Q}varlte").text)
            (value,) = _flat(part["answer"]) if isinstance(part["answer"], list) else [part["answer"]]
            assert exact == Fraction(value) and low <= exact <= high
        elif qtype == "multiple_choice_question":
            (part,) = key["parts"]
            right = [c for c in proc.findall(f"{Q}respcondition") if c.find(f"{Q}setvar") is not None]
            (chosen,) = [c.find(f".//{Q}varequal").text for c in right]
            assert chosen.endswith("_" + part["answer"])
            labels = item.findall(f".//{Q}response_label")
            assert [lab.find(f".//{Q}mattext").text[:3] for lab in labels] == [
                f"({chr(65 + i)})" for i in range(len(labels))]
        else:
            (part,) = key["parts"]
            accepted = [v.text for v in proc.iter(f"{Q}varequal")]
            written = part["answer"] if isinstance(part["answer"], str) else "(" + ", ".join(map(str, part["answer"])) + ")"
            assert written in accepted


def test_fraction_blanks_take_the_fraction_and_its_rounded_decimals():
    box = TYPES["number"].boxes({"answer": "1/3", "options": {}})[0]
    accepted = blank_answers(box)
    for typed in ("1/3", "0.333", "0.3333", ".3333", "0.33333", "0.333333"):
        assert canvas_blank_matches(typed, accepted), typed
    assert not canvas_blank_matches("0.334", accepted) and not canvas_blank_matches("0.33", accepted)
    # only what probgen's grader accepts: 22/145 = 0.15172... correctly rounded (0.152, 0.1517),
    # never a decimal that is not its rounding (0.1518, 0.151)
    accepted = blank_answers(TYPES["number"].boxes({"answer": "22/145", "options": {}})[0])
    assert canvas_blank_matches("0.1517", accepted) and canvas_blank_matches("0.152", accepted)
    assert not canvas_blank_matches("0.1518", accepted) and not canvas_blank_matches("0.151", accepted)
    assert blank_answers(TYPES["number"].boxes({"answer": "7/4", "options": {}})[0])[:2] == ["1.75", "7/4"]
    assert blank_answers(TYPES["integer"].boxes({"answer": -3, "options": {}})[0]) == ["-3", "-3.0"]


def test_a_number_canvas_would_round_to_zero_is_left_out_with_a_sentence(instances):
    instance = next(i for i in instances if i.kind.id == "conv1d.output-length")
    good = question_of(instance)
    tiny_key = dict(good.key, id=good.key["id"] + "x", parts=[dict(good.key["parts"][0], type="number",
                                                                    answer="1/100000", misconceptions=[])])
    built = package([Question(tiny_key, good.statement, good.solution), good], INLINE)
    assert built.skipped == [f"part (a) of conv1d.output-length ({tiny_key['id']}) is left out of the Canvas "
                             "export: its answer 0.00001 is below 0.0001, which Canvas rounds to 0."]
    archive = zipfile.ZipFile(io.BytesIO(zip_bytes(built.files)))
    assert [item.get("title") for _, item in items(archive)] == [good.key["id"]]


def test_export_writes_canvas_zip_through_the_command_line(run_probgen, tmp_path):
    res = run_probgen("export", "--topic", "pooling", "--template", "concepts.cnn-vs-mlp", "--seed", "5",
                      "--format", "canvas", "--out", "out")
    assert res.returncode == 0, res.stderr
    assert "wrote out/canvas.zip" in res.stdout
    key = json.loads((tmp_path / "out" / "answer-key.json").read_text())
    archive = zipfile.ZipFile(tmp_path / "out" / "canvas.zip")
    assert sorted(item.get("title") for _, item in items(archive)) == sorted(p["id"] for p in key["problems"])
    again = run_probgen("export", "--topic", "pooling", "--template", "concepts.cnn-vs-mlp", "--seed", "5",
                        "--format", "canvas", "--out", "again", "--secret", "out/course-secret.txt")  # same course
    assert (tmp_path / "again" / "canvas.zip").read_bytes() == (tmp_path / "out" / "canvas.zip").read_bytes()
