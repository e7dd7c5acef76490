"""CSV cells never start a formula."""

import pytest

from hearth.core.csv_cells import formula_safe, formula_safe_row


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_start_a_formula_is_quoted(start):
    assert formula_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_ordinary_cells_and_numbers_are_left_alone():
    assert formula_safe_row(["Alex", 3, "a=b", ""]) == ["Alex", "3", "a=b", ""]
