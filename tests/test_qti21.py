"""QTI 2.1 content package: every item of every kind, the test and the manifest validated
against XML schemas (tests/data/ims/, see its LICENCE.md: IMS CP 1.1 in full, QTI 2.1 as the
subset probgen writes), and every item's response processing run on the key's answers.

``score`` below carries out QTI 2.1's response processing for the operators the export
writes (``equal`` with a tolerance, ``match``, ``gt`` of a ``mapResponse``, ``sum``), reading
a typed response by the declared base type, as a QTI delivery engine does.
"""

import io
import json
import zipfile
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

xmlschema = pytest.importorskip("xmlschema")

from probgen.generator import keyfile, registry  # noqa: E402
from probgen.generator import worksheet as ws  # noqa: E402
from probgen.generator.formats import get  # noqa: E402
from probgen.generator.instances import sample  # noqa: E402
from probgen.generator.qti21 import Question  # noqa: E402
from probgen.generator.qti21_package import package  # noqa: E402
from probgen.generator.seeding import derive_seed  # noqa: E402

import xml.etree.ElementTree as ET  # noqa: E402

DATA = Path(__file__).parent / "data" / "ims"
Q = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def schemas():
    return xmlschema.XMLSchema(DATA / "qti21-subset.xsd"), xmlschema.XMLSchema(DATA / "imscp_v1p1.xsd")


@pytest.fixture(scope="module")
def instances():
    return [sample(kind, derive_seed(11, kind.id, v)) for kind in registry.latest_kinds() for v in range(2)]


@pytest.fixture(scope="module")
def files(instances):
    questions = [Question(keyfile.key_problem(i), ws.statement(i, "html"), ws.solution(i, "html")) for i in instances]
    return package(questions, get("html").inline, "Week 3")


def test_every_item_the_test_and_the_manifest_are_valid(files, schemas):
    qti, cp = schemas
    items = [name for name in files if name.startswith("items/")]
    assert items
    for name in items + ["assessment.xml"]:
        errors = list(qti.iter_errors(io.BytesIO(files[name])))
        assert not errors, f"{name}: {errors[0].reason} at {errors[0].path}"
    errors = list(cp.iter_errors(io.BytesIO(files["imsmanifest.xml"])))
    assert not errors, errors[0]


def test_the_schemas_refuse_what_qti_refuses(files, schemas):
    qti, _ = schemas
    name = next(n for n in files if n.startswith("items/"))
    good = files[name].decode()
    for broken in (good.replace(' adaptive="false"', ""),                       # a required attribute
                   good.replace("<itemBody", "<itemBody><table><tr><td/></tr></table>", 1),  # rows outside tbody
                   good.replace('cardinality="single"', 'cardinality="one"', 1),  # a value QTI does not know
                   good.replace("<itemBody>", "<itemBody><figure/>", 1)):         # HTML outside QTI's subset
        assert not qti.is_valid(io.BytesIO(broken.encode()))


def test_manifest_lists_every_file_and_the_test_every_item(files):
    manifest = ET.fromstring(files["imsmanifest.xml"])
    hrefs = {f.get("href") for f in manifest.iter(f"{CP}file")}
    assert hrefs == set(files) - {"imsmanifest.xml"}
    types = {r.get("type") for r in manifest.iter(f"{CP}resource")}
    assert types == {"imsqti_test_xmlv2p1", "imsqti_item_xmlv2p1", "webcontent"}
    test = ET.fromstring(files["assessment.xml"])
    refs = [r.get("href") for r in test.iter(f"{Q}assessmentItemRef")]
    assert sorted(refs) == sorted(n for n in files if n.startswith("items/"))
    for section in test.iter(f"{Q}assessmentSection"):
        assert section.find(f"{Q}selection").get("select") == "1"
        kinds = {ET.fromstring(files[r.get("href")]).get("title").split("@")[0]
                 for r in section.iter(f"{Q}assessmentItemRef")}
        assert len(kinds) == 1


# ---- QTI response processing, for the operators the export writes ----------------------


def _typed(declaration, text):
    base = declaration.get("baseType")
    if text is None:
        return None
    if base == "float":
        try:
            return Fraction(text.strip())
        except ValueError:
            return None   # a delivery engine refuses it: no value
    return text


def _value(expr, item, responses):
    tag = expr.tag[len(Q):]
    if tag == "variable":
        ident = expr.get("identifier")
        return responses.get(ident) if ident.startswith("RESPONSE") else item["outcomes"][ident]
    if tag == "correct":
        declaration = item["declarations"][expr.get("identifier")]
        return _typed(declaration, declaration.find(f"{Q}correctResponse/{Q}value").text)
    if tag == "baseValue":
        return Fraction(expr.text) if expr.get("baseType") == "float" else expr.text
    if tag == "mapResponse":
        declaration = item["declarations"][expr.get("identifier")]
        given = responses.get(expr.get("identifier"))
        for entry in declaration.iter(f"{Q}mapEntry"):
            key = entry.get("mapKey")
            same = given == key if entry.get("caseSensitive") == "true" else (given or "").lower() == key.lower()
            if given is not None and same:
                return Fraction(entry.get("mappedValue"))
        return Fraction(declaration.find(f"{Q}mapping").get("defaultValue", "0"))
    args = [_value(e, item, responses) for e in expr]
    if tag == "sum":
        return sum(args)
    if None in args:
        return None
    if tag == "match":
        return args[0] == args[1]
    if tag == "gt":
        return args[0] > args[1]
    if tag == "equal":
        if expr.get("toleranceMode") == "exact":
            return args[0] == args[1]
        tolerance = Fraction(expr.get("tolerance").split()[0])
        return abs(args[0] - args[1]) <= tolerance
    raise AssertionError(f"an operator the test does not know: {tag}")


def score(item_xml, typed):
    """SCORE of an item after its response processing, ``typed`` mapping response ids to text."""
    root = ET.fromstring(item_xml)
    declarations = {d.get("identifier"): d for d in root.iter(f"{Q}responseDeclaration")}
    item = {"declarations": declarations, "outcomes": {"SCORE": Fraction(0)}}
    responses = {rid: _typed(declarations[rid], text) for rid, text in typed.items()}
    for rule in root.find(f"{Q}responseProcessing"):
        if rule.tag == f"{Q}responseCondition":
            branch = rule.find(f"{Q}responseIf")
            test, *actions = list(branch)
            if _value(test, item, responses):
                for action in actions:
                    item["outcomes"][action.get("identifier")] = _value(action[0], item, responses)
    return item["outcomes"]["SCORE"], Fraction(root.find(f".//{Q}outcomeDeclaration[@identifier='MAXSCORE']//{Q}value").text)


def _entries(part):
    answer = part["answer"]
    if part["type"] in ("shape",):
        return [((), "(" + ", ".join(map(str, answer)) + ("," if len(answer) == 1 else "") + ")")]
    if not isinstance(answer, list):
        return [((), answer)]
    out = []

    def walk(value, where):
        if isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, where + (i,))
        else:
            out.append((where, value))
    walk(answer, ())
    return out


def _as_typed(part, value):
    """The key's answer as a student types it: a fraction as a correctly rounded decimal."""
    if part["type"] in ("integer", "number", "vector", "matrix", "tensor") and isinstance(value, str) and "/" in value:
        exact = Fraction(value)
        return format(Decimal(exact.numerator) / Decimal(exact.denominator), ".4g")
    return str(value)


def test_every_key_answer_scores_full_marks_in_every_kind(files, instances):
    by_title = {ET.fromstring(data).get("title"): data for name, data in files.items() if name.startswith("items/")}
    kinds_checked = set()
    for instance in instances:
        key = keyfile.key_problem(instance)
        typed = {}
        for part in key["parts"]:
            for where, value in _entries(part):
                rid = "_".join(["RESPONSE", part["label"], *map(str, where)])
                typed[rid] = _as_typed(part, value)
        got, full = score(by_title[key["id"]], typed)
        assert full == sum(Fraction(str(p["points"])) for p in key["parts"])
        assert abs(got - full) < Fraction(1, 10**5), (key["id"], got, full)
        assert score(by_title[key["id"]], {})[0] == 0
        kinds_checked.add(instance.kind.id)
    assert kinds_checked == {k.id for k in registry.latest_kinds()}


def test_upper_case_expressions_score_nothing(files, instances):
    instance = next(i for i in instances if i.kind.id == "conv1d.entries")
    key = keyfile.key_problem(instance)
    part = next(p for p in key["parts"] if p["type"] == "expression")
    by_title = {ET.fromstring(data).get("title"): data for name, data in files.items() if name.startswith("items/")}
    rid = f"RESPONSE_{part['label']}"
    assert score(by_title[key["id"]], {rid: part["answer"]})[0] == 1
    assert score(by_title[key["id"]], {rid: part["answer"].replace(" ", "")})[0] == 1
    assert score(by_title[key["id"]], {rid: part["answer"].upper()})[0] == 0


def test_export_writes_qti21_zip_through_the_command_line(run_probgen, tmp_path, schemas):
    res = run_probgen("export", "--topic", "pooling", "--seed", "5", "--format", "qti21,canvas", "--out", "out")
    assert res.returncode == 0, res.stderr
    assert "wrote out/qti21.zip" in res.stdout and "wrote out/canvas.zip" in res.stdout
    key = json.loads((tmp_path / "out" / "answer-key.json").read_text())
    archive = zipfile.ZipFile(tmp_path / "out" / "qti21.zip")
    titles = sorted(ET.fromstring(archive.read(n)).get("title") for n in archive.namelist() if n.startswith("items/"))
    assert titles == sorted(p["id"] for p in key["problems"])
    qti, cp = schemas
    assert cp.is_valid(io.BytesIO(archive.read("imsmanifest.xml")))
    assert qti.is_valid(io.BytesIO(archive.read("assessment.xml")))
