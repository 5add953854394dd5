"""Reading shapes, vectors, matrices and tensors in the notations people type."""

from fractions import Fraction

import pytest

from probgen.grader.read.arrays import read_grid
from probgen.grader.read.grid import MAX_ENTRIES, format_nested
from probgen.grader.read.shapes import format_shape, read_shape
from probgen.grader.errors import Unreadable
from probgen.grader.read.numbers import read_number


@pytest.mark.parametrize("value", [
    "(32, 126, 126)", "[32,126,126]", "32x126x126", "32 X 126 X 126", "32 × 126 × 126",
    "32 \\times 126 \\times 126", "$32 \\times 126 \\times 126$", "32, 126, 126", "32 126 126",
    "(32,126,126,)", [32, 126, 126], ["32", "126", "126"], [32.0, 126, 126], "32 by 126 by 126",
])
def test_shape_notations(value):
    assert read_shape(value) == (32, 126, 126)


def test_one_dimensional_shapes():
    assert read_shape("(32,)") == (32,)
    assert read_shape("32") == (32,)
    assert read_shape(32) == (32,)
    assert read_shape([32]) == (32,)


@pytest.mark.parametrize("bad", ["3,,4", "(3, 4.5)", "(3, -4)", "((3, 4))", "(3, a)", "3x", True, [[3, 4]], None])
def test_bad_shapes_say_how_to_write_one(bad):
    with pytest.raises(Unreadable) as info:
        read_shape(bad)
    assert "write it like (3, 4) or 3x4" in str(info.value)


def test_shape_format():
    assert format_shape((3, 3)) == "(3, 3)"
    assert format_shape((32,)) == "(32,)"


def numbers(value, numeric=True):
    grid = read_grid(value, lambda v: read_number(v).value, numeric=numeric, how="write it like [1, 2]")
    return grid.shape, list(grid.entries)


@pytest.mark.parametrize("value", [
    "(1, 2, 3)", "[1, 2, 3]", "[1 2 3]", "1, 2, 3", "1 2 3", [1, 2, 3], ["1", "2", "3"], "(1,2,3)",
    "\\begin{bmatrix}1 & 2 & 3\\end{bmatrix}", "[1,\n 2,\n 3]",
])
def test_vector_notations(value):
    shape, entries = numbers(value)
    assert entries == [1, 2, 3]
    assert shape in {(3,), (1, 3)}


def test_column_latex_vector():
    assert numbers("\\begin{pmatrix}1\\\\ 2\\\\ 3\\end{pmatrix}") == ((3, 1), [1, 2, 3])


@pytest.mark.parametrize("value", [
    [[3, 4], [6, 7]], "[[3,4],[6,7]]", "[3 4; 6 7]", "[3, 4; 6, 7]", "3 4; 6 7", "((3, 4), (6, 7))",
    "\\begin{bmatrix}3 & 4\\\\ 6 & 7\\end{bmatrix}", "\\begin{pmatrix} 3 & 4 \\\\ 6 & 7 \\\\ \\end{pmatrix}",
    "\\left[\\begin{array}{cc}3 & 4\\\\ 6 & 7\\end{array}\\right]", "3 4\n6 7", ["3 4", "6 7"], ["[3, 4]", "[6, 7]"],
    '[["3", "4"], ["6", "7"]]', "{{3, 4}, {6, 7}}",
])
def test_matrix_notations(value):
    assert numbers(value) == ((2, 2), [3, 4, 6, 7])


def test_entries_in_any_number_notation():
    shape, entries = numbers("[7/4, 1.75; \\frac{7}{4}, 1,75e0]".replace("1,75e0", "175e-2"))
    assert shape == (2, 2) and entries == [Fraction(7, 4)] * 4
    assert numbers("[1 -2; 7 / 4 3]") == ((2, 2), [1, -2, Fraction(7, 4), 3])
    assert numbers("[\u22121, 2]") == ((2,), [-1, 2])


def test_tensor_nested_lists():
    shape, entries = numbers("[[[1,2],[3,4]],[[5,6],[7,8]]]")
    assert shape == (2, 2, 2) and entries == list(range(1, 9))


def test_ragged_rows_refused_with_a_howto():
    with pytest.raises(Unreadable, match=r"different lengths \(3 and 2\).*write it like"):
        numbers("[[1,2,3],[4,5]]")


def test_unreadable_entry_stays_in_the_grid():
    grid = read_grid("[1, x, 3]", lambda v: read_number(v).value, numeric=True, how="write it like [1, 2]")
    assert grid.shape == (3,)
    assert grid.entries[0] == 1 and isinstance(grid.entries[1], Unreadable) and grid.entries[2] == 3


def test_single_unreadable_value_is_unreadable():
    with pytest.raises(Unreadable, match="write it like"):
        numbers("hello")


@pytest.mark.parametrize("bad", ["[1, 2", "[1, 2)", "[1,,2]", "[[1], 2]"])
def test_broken_structure(bad):
    with pytest.raises(Unreadable):
        numbers(bad)


def test_limits_on_entries_and_depth():
    with pytest.raises(Unreadable, match=f"{MAX_ENTRIES:,} entries"):
        numbers("[" + ",".join(["1"] * (MAX_ENTRIES + 1)) + "]")
    with pytest.raises(Unreadable, match="nested"):
        numbers("[" * 200 + "1" + "]" * 200)
    deep = 1
    for _ in range(50):
        deep = [deep]
    with pytest.raises(Unreadable, match="nested"):
        numbers(deep)


def test_expression_arrays_keep_parentheses_and_need_commas():
    grid = read_grid("[(x1 + x2), k1 x1]", lambda v: v, numeric=False, how="")
    assert grid.shape == (2,) and grid.entries == ("(x1 + x2)", "k1 x1")
    grid = read_grid("(k1*(x1 + x2), 2)", lambda v: v, numeric=False, how="")
    assert grid.entries == ("k1*(x1 + x2)", "2")


def test_format_nested():
    grid = read_grid([[1, "7/4"], [3, 4]], read_number, numeric=True, how="")
    assert format_nested(grid, lambda n: str(n.value)) == "[[1, 7/4], [3, 4]]"
