"""The ``choice`` answer type: one option of several, given by its letter or its text."""

from __future__ import annotations

from typing import Any

from ..read.choices import read_choice
from .base import CORRECT, NOT_CORRECT, AnswerType, Outcome, Spec


def _compare(reference: str, answer: str, spec: Spec) -> Outcome:
    return CORRECT if reference == answer else NOT_CORRECT


def _expected(reference: str, raw: Any, spec: Spec) -> str:
    return reference


TYPES = (
    AnswerType("choice", lambda value, spec: read_choice(value, spec.choices), _compare, _expected),
)
