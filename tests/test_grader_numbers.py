"""Reading numbers: every notation gives the exact value, nonsense is refused with a how-to."""

from decimal import Decimal
from fractions import Fraction

import pytest

from probgen.grader.errors import Unreadable
from probgen.grader.read.numbers import format_number, read_integer, read_number, terminates


@pytest.mark.parametrize("text, value", [
    ("7/4", Fraction(7, 4)),
    ("1.75", Fraction(7, 4)),
    ("-3", -3),
    ("+7", 7),
    ("7.0", 7),
    ("7.", 7),
    (".5", Fraction(1, 2)),
    ("\\frac{7}{4}", Fraction(7, 4)),
    ("\\dfrac{7}{4}", Fraction(7, 4)),
    ("\\frac74", Fraction(7, 4)),
    ("-\\frac{7}{4}", Fraction(-7, 4)),
    ("\\frac{-7}{4}", Fraction(-7, 4)),
    ("7 / 4", Fraction(7, 4)),
    ("$7/4$", Fraction(7, 4)),
    ("\\(1.75\\)", Fraction(7, 4)),
    ("9.9883155456e10", 99883155456),
    ("9.9883155456E+10", 99883155456),
    ("99,883,155,456", 99883155456),
    ("99 883 155 456", 99883155456),
    ("99\u2009883\u2009155\u2009456", 99883155456),
    ("99_883_155_456", 99883155456),
    ("99{,}883{,}155{,}456", 99883155456),
    ("99\\,883\\,155\\,456", 99883155456),
    ("9.9883155456 \\times 10^{10}", 99883155456),
    ("9.9883155456 × 10^10", 99883155456),
    ("1.5 \\cdot 10^{-3}", Fraction(3, 2000)),
    ("10^6", 1_000_000),
    ("\u22123", -3),
    ("\u2212\\frac{1}{3}", Fraction(-1, 3)),
    ("(-3)", -3),
    ("  42  ", 42),
    ("1,234.5", Fraction(2469, 2)),
    ("2·3", 6),
    ("2 \\cdot 3", 6),
    ("3*3*64 + 64", 640),
    ("3 × 3 × 64 + 64", 640),
    ("2^10", 1024),
    ("(3 + 4)/2", Fraction(7, 2)),
    ("\\frac{1}{3} + 1", Fraction(4, 3)),
])
def test_notations_read_exactly(text, value):
    assert read_number(text).value == value


def test_scientific_is_exact_not_float():
    # 0.1 + 0.2 style float error would make these differ; Fraction reading keeps them equal.
    assert read_number("1.0000000000000001e20").value == 100000000000000010000
    assert read_number("0.1").value == Fraction(1, 10)


@pytest.mark.parametrize("value, expected", [
    (7, 7), (-3, -3), (10**300, 10**300), (Fraction(7, 4), Fraction(7, 4)),
    (1.75, Fraction(7, 4)), (0.1, Fraction(1, 10)), (Decimal("0.3330"), Fraction(333, 1000)),
])
def test_json_values(value, expected):
    assert read_number(value).value == expected


def test_json_float_is_inexact_and_keeps_its_digits():
    number = read_number(0.333)
    assert number.inexact and number.decimal and number.digits == 3
    assert read_number(Decimal("0.3330")).digits == 4
    assert not read_number("0.333").inexact


def test_significant_digits_counted_as_written():
    assert read_number("0.333").digits == 3
    assert read_number("0.0333").digits == 3
    assert read_number("3.330e-1").digits == 4
    assert read_number("12").decimal is False


@pytest.mark.parametrize("bad", [
    "abc", "3,,4", "1..2", "7/", "/4", "1/2/3", "--", "3,5", "nan", "NaN", "inf", "Infinity",
    "1e999999", "1e-500", "9" * 401, "1" * 1001, "7/0", "0x1F", "1 2", "3e",
    "2·x", "9^9^9^9", "2^1000 * 2", "(1 + 2", "__import__('os')", "1/(2-2)",
])
def test_nonsense_is_unreadable_with_a_howto(bad):
    with pytest.raises(Unreadable) as info:
        read_number(bad)
    message = str(info.value)
    assert message.endswith(".") and "\n" not in message


@pytest.mark.parametrize("bad", [True, False, None, float("nan"), float("inf"), Decimal("NaN"), [1], {"a": 1}])
def test_non_numbers_refused(bad):
    with pytest.raises(Unreadable):
        read_number(bad)


def test_unreadable_message_says_how_to_write_it():
    with pytest.raises(Unreadable, match=r"write it like 7/4, 1\.75"):
        read_number("seven")
    with pytest.raises(Unreadable, match="use a point for decimals"):
        read_number("3,5")


def test_huge_integers_stay_exact_up_to_the_limit():
    big = "9" * 400
    assert read_number(big).value == int(big)
    with pytest.raises(Unreadable, match="too many digits"):
        read_number("9" * 401)


def test_read_integer():
    assert read_integer("7.0") == 7
    assert read_integer("1,024") == 1024
    assert read_integer(12) == 12
    with pytest.raises(Unreadable, match="not a whole number"):
        read_integer("7.5")


def test_terminates_and_format():
    assert terminates(Fraction(7, 4)) and terminates(Fraction(1, 20))
    assert not terminates(Fraction(1, 3))
    assert format_number(read_number("7/4")) == "7/4"
    assert format_number(read_number(42)) == "42"
    assert format_number(read_number(0.1)) == "0.1"


def test_arithmetic_in_numbers_never_imports_sympy_and_explains_refusals():
    with pytest.raises(Unreadable, match="exponent 387420489 is too large"):
        read_number("9^9^9^9")
    assert read_number("3*3*64 + 64").decimal is False
