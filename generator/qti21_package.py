"""The QTI 2.1 content package around :mod:`.qti21`'s items: the assessmentTest, the IMS CP
manifest and the zip.

The test has one part and a section per problem kind that selects one of the kind's variants
(``<selection select="1"/>``), so a student sitting it gets one variant of each kind; the
test's ``SCORE`` is the sum of its items'.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Sequence

from .lms import left_out, zip_bytes
from .qti21 import CP, CP_XSD, FIGURES, QTI, QTI_XSD, TEST_FILE, XSI, Question, qtag, sub, item_xml, qti_id, xml_bytes

__all__ = ["package", "zip_bytes"]


def test_xml(title: str, sections: Sequence[tuple[str, str, list[str]]]) -> bytes:
    """The assessmentTest: ``sections`` are (identifier, title, item identifiers)."""
    test = ET.Element(qtag("assessmentTest"), {f"{{{XSI}}}schemaLocation": f"{QTI} {QTI_XSD}",
                                            "identifier": qti_id("T", title), "title": title})
    outcome = sub(test, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    sub(sub(outcome, "defaultValue"), "value", "0")
    part = sub(test, "testPart", identifier="P1", navigationMode="nonlinear", submissionMode="simultaneous")
    for section_id, section_title, item_ids in sections:
        section = sub(part, "assessmentSection", identifier=section_id, title=section_title, visible="true")
        sub(section, "selection", select="1")
        for item_id in item_ids:
            sub(section, "assessmentItemRef", identifier=item_id, href=f"items/{item_id}.xml")
    processing = sub(test, "outcomeProcessing")
    total = sub(sub(processing, "setOutcomeValue", identifier="SCORE"), "sum")
    sub(total, "testVariables", variableIdentifier="SCORE")
    return xml_bytes(test)


def manifest_xml(item_figures: dict[str, list[str]], figures: Sequence[str]) -> bytes:
    """``imsmanifest.xml`` (IMS CP 1.1): the test depending on its items, each item with its
    file and its figures' files, and each figure as web content."""
    def cp(tag: str) -> str:
        return f"{{{CP}}}{tag}"

    manifest = ET.Element(cp("manifest"), {f"{{{XSI}}}schemaLocation": f"{CP} {CP_XSD} {QTI} {QTI_XSD}",
                                           "identifier": qti_id("M", "|".join(item_figures))})
    metadata = ET.SubElement(manifest, cp("metadata"))
    ET.SubElement(metadata, cp("schema")).text = "QTIv2.1 Package"
    ET.SubElement(metadata, cp("schemaversion")).text = "1.0.0"
    ET.SubElement(manifest, cp("organizations"))
    resources = ET.SubElement(manifest, cp("resources"))
    test = ET.SubElement(resources, cp("resource"), identifier="RTEST", type="imsqti_test_xmlv2p1", href=TEST_FILE)
    ET.SubElement(test, cp("file"), href=TEST_FILE)
    for item_id in item_figures:
        ET.SubElement(test, cp("dependency"), identifierref="R" + item_id)
    for item_id, names in item_figures.items():
        href = f"items/{item_id}.xml"
        resource = ET.SubElement(resources, cp("resource"), identifier="R" + item_id, type="imsqti_item_xmlv2p1",
                                 href=href)
        ET.SubElement(resource, cp("file"), href=href)
        for name in names:
            ET.SubElement(resource, cp("file"), href=FIGURES + name)
    for name in figures:
        resource = ET.SubElement(resources, cp("resource"), identifier=qti_id("F", name), type="webcontent",
                                 href=FIGURES + name)
        ET.SubElement(resource, cp("file"), href=FIGURES + name)
    ET.register_namespace("", CP)
    try:
        return xml_bytes(manifest)
    finally:
        ET.register_namespace("", QTI)


def package(questions: Sequence[Question], inline: Any, title: str = "probgen",
            skipped: list[str] | None = None) -> dict[str, bytes]:
    """The package's files by path: manifest, test, an item per problem, the figures. With
    ``skipped``, a problem with a part QTI cannot be given is left out and named there."""
    files: dict[str, bytes] = {}
    sections: dict[str, tuple[str, list[str]]] = {}
    item_figures: dict[str, list[str]] = {}
    figures: dict[str, str] = {}
    for q in questions:
        before = set(figures)
        try:
            item_id, data = item_xml(q, inline, figures)
        except ValueError as exc:  # a part of a type the LMS exports do not know
            if skipped is None:
                raise
            skipped.append(left_out(q.key, "QTI 2.1", exc))
            continue
        files[f"items/{item_id}.xml"] = data
        item_figures[item_id] = [name for name in figures if name not in before]
        kind_id = q.key["template"]
        sections.setdefault(kind_id, (f"{q.key.get('title') or kind_id} ({kind_id})", []))[1].append(item_id)
    for name, svg in figures.items():
        files[FIGURES + name] = svg.encode("utf-8")
    test = test_xml(title, [(qti_id("S", kind_id), section_title, ids)
                            for kind_id, (section_title, ids) in sections.items()])
    return {"imsmanifest.xml": manifest_xml(item_figures, list(figures)), TEST_FILE: test, **files}
