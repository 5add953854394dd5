"""The Canvas QTI zip around the questions of :mod:`.canvas_qti`: an assessment per problem kind,
Canvas's metadata of each, the manifest, and the figures.

Each assessment holds one question group ("pick 1", its points the kind's) with every variant
of the kind, so a quiz made from it draws one variant per student and Canvas's bank of the
assessment holds them all. A problem Canvas cannot ask as probgen grades it is left out with a
sentence naming its part and kind (:class:`.lms.CannotExpress`); the rest is exported.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any, Sequence

from .canvas_qti import (CANVAS_NS, CP_NS, FIGURE_FOLDER, QTI_NS, XSI, Package, Question, meta_fields, points_of,
                         sub, ident, question_item)
from .lms import CannotExpress, left_out, zip_bytes  # noqa: F401  (zip_bytes: the zip of the files)

CANVAS_LOM = "http://ltsc.ieee.org/xsd/imsccv1p1/LOM/resource"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_v1p2"
META_RESOURCE = "associatedcontent/imscc_xmlv1p1/learning-application-resource"


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode").encode("utf-8") + b"\n"


def assessment_xml(assessment_id: str, title: str, items: Sequence[ET.Element], points_per_item: float) -> bytes:
    """One kind's assessment: a question group drawing one of its variants."""
    root = ET.Element("questestinterop", {"xmlns": QTI_NS, "xmlns:xsi": XSI,
                                          "xsi:schemaLocation": f"{QTI_NS} http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"})
    assessment = sub(root, "assessment", ident=assessment_id, title=title)
    meta_fields(assessment, [("cc_maxattempts", "1")])
    group = sub(sub(assessment, "section", ident="root_section"), "section", ident=assessment_id + "_group",
                 title=title)
    selection = sub(sub(group, "selection_ordering"), "selection")
    sub(selection, "selection_number", "1")
    sub(sub(selection, "selection_extension"), "points_per_item", f"{points_per_item:g}")
    group.extend(items)
    return _xml(root)


_SLOT = "probgen-items-here"
ITEM_LEVEL = 4   # questestinterop > assessment > section > question group > item


def assessment_ends(assessment_id: str, title: str, points_per_item: float) -> tuple[bytes, bytes]:
    """:func:`assessment_xml` before its items and after them: with :func:`item_bytes` of each item
    between, the same file, so an assessment can be written an item at a time."""
    whole = assessment_xml(assessment_id, title, [ET.Element(_SLOT)], points_per_item)
    head, tail = whole.split(b"\n" + b"  " * ITEM_LEVEL + f"<{_SLOT} />".encode("ascii"))
    return head, tail


def item_bytes(item: ET.Element) -> bytes:
    """An item as :func:`assessment_xml` writes it, with the line break and indent before it."""
    ET.indent(item, level=ITEM_LEVEL)
    return ("\n" + "  " * ITEM_LEVEL + ET.tostring(item, encoding="unicode")).encode("utf-8")


def assessment_meta(assessment_id: str, title: str, points: float) -> bytes:
    """Canvas's metadata of a quiz (``assessment_meta.xml``), as Canvas's own export writes it."""
    root = ET.Element("quiz", {"identifier": assessment_id, "xmlns": CANVAS_NS, "xmlns:xsi": XSI,
                               "xsi:schemaLocation": f"{CANVAS_NS} https://canvas.instructure.com/xsd/cccv1p0.xsd"})
    for tag, text in [("title", title), ("description", ""), ("shuffle_answers", "false"),
                      ("scoring_policy", "keep_highest"), ("quiz_type", "assignment"),
                      ("points_possible", f"{points:.1f}"), ("show_correct_answers", "true"),
                      ("allowed_attempts", "1"), ("one_question_at_a_time", "false"), ("cant_go_back", "false"),
                      ("available", "false")]:
        sub(root, tag, text)
    assignment = sub(root, "assignment", identifier=assessment_id + "_assignment")
    for tag, text in [("title", title), ("workflow_state", "unpublished"), ("quiz_identifierref", assessment_id),
                      ("points_possible", f"{points:.1f}"), ("grading_type", "points"),
                      ("submission_types", "online_quiz")]:
        sub(assignment, tag, text)
    return _xml(root)


def manifest_xml(manifest_id: str, assessments: Sequence[str], figures: Sequence[str]) -> bytes:
    """``imsmanifest.xml``: each assessment with its metadata as a dependency, and each figure
    as web content (Canvas imports a file only as the ``href`` of its own resource)."""
    root = ET.Element("manifest", {"identifier": manifest_id, "xmlns": CP_NS, "xmlns:lom": CANVAS_LOM,
                                   "xmlns:imsmd": IMSMD, "xmlns:xsi": XSI,
                                   "xsi:schemaLocation": f"{CP_NS} http://www.imsglobal.org/xsd/imscp_v1p1.xsd"})
    metadata = sub(root, "metadata")
    sub(metadata, "schema", "IMS Content")
    sub(metadata, "schemaversion", "1.1.3")
    sub(root, "organizations")
    resources = sub(root, "resources")
    for assessment_id in assessments:
        resource = sub(resources, "resource", identifier=assessment_id, type="imsqti_xmlv1p2")
        sub(resource, "file", href=f"{assessment_id}/{assessment_id}.xml")
        sub(resource, "dependency", identifierref=assessment_id + "_meta")
        meta_href = f"{assessment_id}/assessment_meta.xml"
        meta = sub(resources, "resource", identifier=assessment_id + "_meta", type=META_RESOURCE, href=meta_href)
        sub(meta, "file", href=meta_href)
    for name in figures:
        href = FIGURE_FOLDER + name
        figure = sub(resources, "resource", identifier=ident("probgen_f_", name), type="webcontent", href=href)
        sub(figure, "file", href=href)
    return _xml(root)


def package(questions: Sequence[Question], inline: Any) -> Package:
    """The zip's files: an assessment per kind (in the order kinds first appear), the figures, the
    manifest; problems Canvas cannot ask are left out, each with its sentence in ``skipped``."""
    out = Package()
    by_kind: dict[str, list[Question]] = {}
    for q in questions:
        by_kind.setdefault(q.key["template"], []).append(q)
    figures: dict[str, str] = {}
    assessments = []
    for kind_id, group in by_kind.items():
        items = []
        for q in group:
            try:
                items.append(question_item(q, inline, figures))
            except CannotExpress as exc:
                out.skipped.append(str(exc))
            except ValueError as exc:  # a part of a type the LMS exports do not know
                out.skipped.append(left_out(q.key, "Canvas", exc))
        if not items:
            continue
        assessment_id = ident("probgen_a_", kind_id)
        title = f"probgen: {group[0].key.get('title') or kind_id} ({kind_id})"
        points = max(points_of(q.key) for q in group)  # a group gives every variant it draws the same points
        out.files[f"{assessment_id}/{assessment_id}.xml"] = assessment_xml(assessment_id, title, items, points)
        out.files[f"{assessment_id}/assessment_meta.xml"] = assessment_meta(assessment_id, title, points)
        assessments.append(assessment_id)
    for name, svg in figures.items():
        out.files[FIGURE_FOLDER + name] = svg.encode("utf-8")
    manifest_id = ident("probgen_m_", "|".join(q.key["id"] for q in questions))
    out.files = {"imsmanifest.xml": manifest_xml(manifest_id, assessments, list(figures)), **out.files}
    return out
