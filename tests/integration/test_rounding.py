"""The close's rounder (perf_synergy/tools/rounding.py) gives what Odoo's float_round gives,
for any float and for floats already rounded to the digits (the common case it speeds up)."""

import math

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

float_utils = pytest.importorskip("odoo.tools.float_utils")
rounding = pytest.importorskip("odoo.addons.perf_synergy.tools.rounding")

any_float = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15)
digits = st.integers(min_value=0, max_value=6)


def same(a, b):
    return a == b and math.copysign(1, a) == math.copysign(1, b)


@given(value=any_float, scale=digits)
@example(value=-0.0, scale=4)
@example(value=2.675, scale=2)
@example(value=1.00005, scale=4)
@example(value=-1.00005, scale=4)
@example(value=527765581332481.0, scale=0)  # float_round moves it: its epsilon is 0.5
def test_any_float_rounds_as_float_round(value, scale):
    expected = float_utils.float_round(value, precision_digits=scale)
    assert same(rounding.float_rounder(scale)(value), expected)


@given(units=st.integers(min_value=-(10**14), max_value=10**14), scale=digits)
def test_a_stored_decimal_comes_back_unchanged(units, scale):
    value = float(f"{units}e-{scale}")  # the float PostgreSQL gives for a stored decimal
    expected = float_utils.float_round(value, precision_digits=scale)
    assert same(rounding.float_rounder(scale)(value), expected)
