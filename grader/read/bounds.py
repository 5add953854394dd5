"""What one answer may be, stated once: every bound the readers enforce before work starts.

An answer past a bound scores zero with one sentence saying which bound, and the rest of
the submission is graded; no answer within them takes more than milliseconds to read and
compare (``benchmarks/hostile.py`` measures the slowest). The README's reliability section
lists :data:`ANSWER_BOUNDS` (a test keeps the two in step). The largest answer any kind makes
is far inside each: 140 array entries, under 100 characters per expression, ~1,800
characters for a whole expression matrix.
"""

from __future__ import annotations

# ---- text ----------------------------------------------------------------------------
NUMBER_TEXT = 1_000            # characters of a number answer (or one array entry)
ARITHMETIC_TEXT = 500          # characters of arithmetic in a number answer (3·3·64 + 64)
EXPRESSION_TEXT = 1_000        # characters of one expression
ARRAY_TEXT = 10_000            # characters of an array answer, all its strings together
EXPRESSION_ARRAY_TEXT = 4_000  # the same for an array of expressions
CHOICE_TEXT = 2_000            # characters of a shape or choice answer

# ---- nesting -------------------------------------------------------------------------
LIST_DEPTH = 10                # lists inside lists
BRACKET_DEPTH = 60             # brackets inside brackets in any text
EXPRESSION_DEPTH = 50          # brackets and exponents inside one expression
DIMENSIONS = 32                # dimensions of an array or a shape

# ---- size ----------------------------------------------------------------------------
ARRAY_ENTRIES = 1_000          # entries of any array answer...
EXPECTED_ENTRIES_FACTOR = 2    # ... and at most twice the expected shape's (16 more for small parts)
EXPECTED_ENTRIES_SLACK = 16

# ---- numbers -------------------------------------------------------------------------
DIGITS = 400                   # digits of any number written or computed (1e999999999 is refused)
EXPONENT_DIGITS = 6            # digits of a written power of ten (1e999999)
EXPONENT = 100                 # a whole exponent in an expression, -100 to 100
DEGREE = 1_000                 # degree of an expression's numerator or denominator

ANSWER_BOUNDS: tuple[tuple[str, int], ...] = (
    ("characters of a number answer or array entry", NUMBER_TEXT),
    ("characters of arithmetic in a number answer", ARITHMETIC_TEXT),
    ("characters of one expression", EXPRESSION_TEXT),
    ("characters of an array answer (all its text together)", ARRAY_TEXT),
    ("characters of an array of expressions", EXPRESSION_ARRAY_TEXT),
    ("characters of a shape or choice answer", CHOICE_TEXT),
    ("lists inside lists", LIST_DEPTH),
    ("brackets inside brackets", BRACKET_DEPTH),
    ("brackets and exponents inside one expression", EXPRESSION_DEPTH),
    ("dimensions of an array or shape", DIMENSIONS),
    ("entries of an array answer", ARRAY_ENTRIES),
    ("times the expected shape's entries (plus 16), counted before any entry is read", EXPECTED_ENTRIES_FACTOR),
    ("digits of a number, written or computed", DIGITS),
    ("digits of a written power of ten", EXPONENT_DIGITS),
    ("largest whole exponent in an expression", EXPONENT),
    ("degree of an expression's numerator or denominator", DEGREE),
)
