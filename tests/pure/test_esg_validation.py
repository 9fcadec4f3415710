"""The shared validator of supplier ESG values (perf_synergy_esg/esg_engine/validation.py)."""

import pytest
from esg_engine.validation import Spec, convert, parse_number, validate, validate_activity
from hypothesis import given
from hypothesis import strategies as st

NUMBER = Spec("N", "number", "tCO2e", min_value=0.0, max_value=1000.0)
FREE = Spec("F", "number", "%")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.5", 12.5),
        ("12,5", 12.5),
        ("12,500.5", 12500.5),
        (" 7 ", 7.0),
        (3, 3.0),
        ("1e3", 1000.0),
    ],
)
def test_numbers(raw, expected):
    assert parse_number(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["abc", "nan", "inf", True, "1.2.3"])
def test_not_numbers(raw):
    result = validate(FREE, raw)
    assert not result.ok and result.code == "not_number"


def test_range_and_unit_conversion():
    assert validate(NUMBER, "1500", "kgCO2e").value == pytest.approx(1.5)
    assert validate(NUMBER, "2", "t CO2e").value == 2.0
    result = validate(NUMBER, "3", "MWh")
    assert result.code == "bad_unit" and result.params["expected"] == "tCO2e"
    assert validate(NUMBER, "-1").code == "below_min"
    assert validate(NUMBER, "1001").code == "above_max"
    assert validate(NUMBER, "1000").ok and validate(NUMBER, "0").ok  # bounds included
    assert validate(FREE, "-1e9").ok, "no bound when none is set"
    assert validate(NUMBER, "2000000", "kgCO2e").code == "above_max", "range after conversion"


def test_empty_is_no_answer():
    for raw in (None, "", "  "):
        result = validate(NUMBER, raw)
        assert result.ok and result.value is None


def test_boolean_selection_document():
    boolean = Spec("B", "boolean")
    assert validate(boolean, "Yes").value is True
    assert validate(boolean, "否").value is False
    assert validate(boolean, False).value is False
    assert validate(boolean, "maybe").code == "not_boolean"
    selection = Spec("S", "selection", options=("pass", "conditional", "fail"))
    assert validate(selection, "PASS").value == "pass"
    result = validate(selection, "good")
    assert result.code == "not_option" and "conditional" in result.params["options"]
    assert validate(Spec("D", "document"), " ref-1 ").value == "ref-1"


def test_activity():
    assert validate_activity("1,000", "kWh").value == 1000
    assert validate_activity("2", "kWh", "MWh").value == 2000
    assert validate_activity("-1", "kWh").code == "below_min"
    assert validate_activity(None, "kWh").value is None


def test_convert_families():
    assert convert(1, "MWh", "kWh") == 1000
    assert convert(1, "GJ", "kWh") == pytest.approx(277.7777777)
    assert convert(1, "kWh", "t") is None
    assert convert(5, "foo", "foo") == 5


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False))
def test_valid_numbers_respect_range(value):
    result = validate(NUMBER, value)
    assert result.ok == (0.0 <= value <= 1000.0)
    if result.ok:
        assert result.value == value


@given(st.one_of(st.text(max_size=20), st.floats(), st.booleans(), st.none(), st.integers()))
def test_validator_never_crashes(raw):
    for spec in (NUMBER, Spec("B", "boolean"), Spec("S", "selection", options=("a", "b"))):
        result = validate(spec, raw, "kgCO2e")
        assert result.ok or result.code


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_same_value_same_result(value):
    """Idempotence of the validation: the same payload gives the same stored value."""
    assert validate(NUMBER, str(value)) == validate(NUMBER, str(value))
    assert convert(convert(value, "tCO2e", "kgCO2e"), "kgCO2e", "tCO2e") == pytest.approx(value)


@pytest.mark.parametrize(
    ("raw", "unit", "code"),
    [
        (10**400, None, "not_number"),  # beyond the float range: no OverflowError
        (-(10**400), None, "not_number"),
        (1e16, None, "too_large"),
        ("1e308", None, "too_large"),
        (-2e15, None, "too_large"),
        ("2", "ktCO2e", None),  # 2,000 t: fine
        (2e12, "ktCO2e", "too_large"),  # 2e15 t after conversion
    ],
)
def test_magnitude_limit(raw, unit, code):
    result = validate(Spec("F", "number", "tCO2e"), raw, unit)
    assert result.code == (code or "")
    if unit is None:
        assert validate_activity(raw, "kWh").ok == (code is None)


def test_nul_dropped_from_texts():
    assert validate(Spec("D", "document"), "ref\x00-1").value == "ref-1"
    assert validate(Spec("D", "document"), "\x00").value is None
    assert validate(Spec("S", "selection", options=("pass", "fail")), "pa\x00ss").value == "pass"


@given(st.integers(min_value=-(10**500), max_value=10**500))
def test_any_integer_is_an_answer_or_an_error(raw):
    result = validate(FREE, raw)
    assert result.ok == (abs(raw) <= 1e15)
