"""The scoring curve of DESIGN.md section 4, tested without Odoo."""

import pytest
from engine.scoring import (
    BAND,
    HIGHER_BETTER,
    LOWER_BETTER,
    TARGET_SCORE,
    Curve,
    ScoringError,
    achievement,
    line_result,
    resolve_curve,
    score,
    scorecard_totals,
    segment,
    weighted_score,
)
from hypothesis import assume, example, given
from hypothesis import strategies as st

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=0.01, max_value=1e6, allow_nan=False, allow_infinity=False)
caps = st.floats(min_value=100, max_value=200)


@st.composite
def curves(draw):
    direction = draw(st.sampled_from([HIGHER_BETTER, LOWER_BETTER, BAND]))
    cap = draw(caps)
    if direction == BAND:
        low = draw(finite)
        high = low + draw(st.floats(min_value=0, max_value=1e4))
        return resolve_curve(BAND, band_low=low, band_high=high, cap=cap)
    target = draw(positive)
    gap_floor = draw(st.floats(min_value=0.01, max_value=1e4))
    gap_stretch = draw(st.floats(min_value=0.01, max_value=1e4))
    if direction == HIGHER_BETTER:
        return resolve_curve(
            direction, target, floor=target - gap_floor, stretch=target + gap_stretch, cap=cap
        )
    return resolve_curve(
        direction, target, floor=target + gap_floor, stretch=target - gap_stretch, cap=cap
    )


# Examples straight from the design.
def test_higher_better_defaults():
    curve = resolve_curve(HIGHER_BETTER, 100)
    assert (curve.floor, curve.stretch, curve.cap) == (0, 120, 120)
    assert score(curve, 0) == 0
    assert score(curve, 50) == 50
    assert score(curve, 100) == 100
    assert score(curve, 110) == pytest.approx(110)
    assert score(curve, 120) == 120
    assert score(curve, 500) == 120
    assert score(curve, -10) == 0


def test_lower_better_defaults():
    curve = resolve_curve(LOWER_BETTER, 10)
    assert (curve.floor, curve.stretch) == (20, 8)
    assert score(curve, 20) == 0
    assert score(curve, 15) == 50
    assert score(curve, 10) == 100
    assert score(curve, 9) == pytest.approx(110)
    assert score(curve, 8) == 120
    assert score(curve, 0) == 120
    assert score(curve, 30) == 0


# A floor or stretch of 0 is a value, never "use the default" (DESIGN.md section 4).
def test_zero_stretch_is_a_value():
    """Lower is better, target 2, floor 6, stretch 0 (zero incidents): docs/formulas.md § 1."""
    curve = resolve_curve(LOWER_BETTER, 2, floor=6, stretch=0.0)
    assert (curve.floor, curve.stretch) == (6, 0)
    assert score(curve, 1) == pytest.approx(110)  # 100 + (2 - 1) / (2 - 0) x 20
    assert score(curve, 0) == 120
    assert score(curve, 4) == pytest.approx(50)  # (6 - 4) / (6 - 2) x 100
    assert line_result(LOWER_BETTER, 1, 2, floor=6, stretch=0.0) == (
        pytest.approx(110),
        pytest.approx(200),
    )
    # Left empty, the stretch is the default 0.8 x 2 = 1.6: 1 is beyond it, at the cap.
    assert line_result(LOWER_BETTER, 1, 2, floor=6)[0] == 120


def test_zero_floor_is_a_value():
    # Lower is better, target 0: an explicit floor of 0 is kept (and refused as not above
    # the target) rather than read as "missing".
    with pytest.raises(ScoringError) as error:
        resolve_curve(LOWER_BETTER, 0, floor=0.0)
    assert "must be above the target" in str(error.value)
    # A band whose lower floor is 0 keeps it (the default would be 10 - 5 = 5).
    curve = resolve_curve(BAND, band_low=10, band_high=15, floor=0.0)
    assert curve.floor == 0
    assert score(curve, 5) == pytest.approx(50)


@given(
    st.sampled_from([HIGHER_BETTER, LOWER_BETTER]),
    st.floats(min_value=0.01, max_value=1e4),
    st.floats(min_value=0.01, max_value=1e4),
    caps,
)
def test_a_given_zero_is_never_replaced_by_the_default(direction, target, gap, cap):
    """0 given as the floor (higher is better) or the stretch (lower is better) is the curve's
    point, whatever the target: score 0 at 0, resp. the cap at 0."""
    if direction == HIGHER_BETTER:
        curve = resolve_curve(direction, target, floor=0.0, stretch=target + gap, cap=cap)
        assert curve.floor == 0.0
        assert score(curve, 0.0) == 0.0
        assert score(curve, target / 2) == pytest.approx(50)
    else:
        curve = resolve_curve(direction, target, floor=target + gap, stretch=0.0, cap=cap)
        assert curve.stretch == 0.0
        assert score(curve, 0.0) == cap
        assert score(curve, target / 2) == pytest.approx(100 + (cap - 100) / 2)


def test_given_flags_tell_empty_from_zero():
    """tools/given.py: the "<name>_set" flag that an Odoo Float cannot carry itself."""
    from tools.given import given as given_value
    from tools.given import sync_given_flags

    assert sync_given_flags({"floor": 0.0}, ("floor", "stretch")) == {
        "floor": 0.0,
        "floor_set": True,
    }
    assert sync_given_flags({"stretch": False}, ("floor", "stretch")) == {
        "stretch": 0.0,
        "stretch_set": False,
    }
    assert sync_given_flags({"floor": 5.0, "floor_set": False}, ("floor",)) == {
        "floor": 0.0,
        "floor_set": False,
    }
    assert sync_given_flags({"floor_set": True}, ("floor",)) == {"floor_set": True}

    class Row:
        floor, floor_set, stretch, stretch_set = 0.0, True, 0.0, False

    assert given_value(Row, "floor") == 0.0
    assert given_value(Row, "stretch") is None


def test_zero_incidents_target_needs_a_floor():
    with pytest.raises(ScoringError) as error:
        resolve_curve(LOWER_BETTER, 0)
    assert error.value.field == "floor"
    assert "explicit floor" in str(error.value)
    curve = resolve_curve(LOWER_BETTER, 0, floor=5)
    assert score(curve, 0) == 100
    assert score(curve, 5) == 0
    assert score(curve, 2.5) == 50


def test_stretch_on_wrong_side_is_refused():
    with pytest.raises(ScoringError) as error:
        resolve_curve(HIGHER_BETTER, 100, stretch=90)
    assert error.value.field == "stretch"
    with pytest.raises(ScoringError) as error:
        resolve_curve(LOWER_BETTER, 10, stretch=12)
    assert error.value.field == "stretch"


def test_floor_on_wrong_side_is_refused():
    with pytest.raises(ScoringError) as error:
        resolve_curve(HIGHER_BETTER, 100, floor=100)
    assert error.value.field == "floor"
    with pytest.raises(ScoringError) as error:
        resolve_curve(LOWER_BETTER, 10, floor=5)
    assert error.value.field == "floor"


def test_missing_target_and_bad_direction():
    with pytest.raises(ScoringError) as error:
        resolve_curve(HIGHER_BETTER, None)
    assert error.value.field == "target"
    with pytest.raises(ScoringError):
        resolve_curve("sideways", 1)
    with pytest.raises(ScoringError) as error:
        resolve_curve(HIGHER_BETTER, 1, cap=90)
    assert error.value.field == "cap"


def test_band():
    curve = resolve_curve(BAND, band_low=90, band_high=110)
    assert (curve.floor, curve.stretch) == (70, 130)
    assert score(curve, 95) == 100
    assert score(curve, 80) == 50
    assert score(curve, 120) == 50
    assert score(curve, 60) == 0
    assert score(curve, 140) == 0
    with pytest.raises(ScoringError):
        resolve_curve(BAND, band_low=5, band_high=1)
    with pytest.raises(ScoringError):
        resolve_curve(BAND, band_low=5)


def test_stretch_equal_to_target_stops_at_100():
    curve = resolve_curve(HIGHER_BETTER, 50, stretch=50)
    assert score(curve, 50) == 100
    assert score(curve, 60) == 100
    assert score(curve, 25) == 50


def test_achievement():
    assert achievement(HIGHER_BETTER, 80, 100) == 80
    assert achievement(LOWER_BETTER, 20, 10) == 50
    assert achievement(HIGHER_BETTER, 5, 0) is None
    assert achievement(LOWER_BETTER, 0, 0) == 100
    assert achievement(BAND, 1, 1) is None


def test_weighted_score():
    assert weighted_score([(60, 100), (40, 50)]) == 80
    assert weighted_score([]) == 0


# Invariants.
@given(curves(), finite)
def test_score_is_bounded(curve, actual):
    value = score(curve, actual)
    upper = 100 if curve.direction == BAND else curve.cap
    assert 0 <= value <= upper + 1e-9


@given(curves())
def test_exactly_100_at_target(curve):
    if curve.direction == BAND:
        assert score(curve, curve.band_low) == 100
        assert score(curve, curve.band_high) == 100
    else:
        assert score(curve, curve.target) == 100


@given(curves(), finite, finite)
def test_monotone_in_the_right_direction(curve, a, b):
    assume(curve.direction != BAND)
    low, high = sorted((a, b))
    if curve.direction == HIGHER_BETTER:
        assert score(curve, low) <= score(curve, high) + 1e-9
    else:
        assert score(curve, low) >= score(curve, high) - 1e-9


@given(curves(), finite, st.floats(min_value=1e-6, max_value=1e-3))
def test_continuous(curve, actual, eps):
    """Moving the actual by eps moves the score by at most the steepest slope times eps."""
    if curve.direction == BAND:
        slopes = [100 / (curve.band_low - curve.floor), 100 / (curve.stretch - curve.band_high)]
    else:
        slopes = [100 / abs(curve.target - curve.floor)]
        if curve.stretch != curve.target:
            slopes.append((curve.cap - 100) / abs(curve.stretch - curve.target))
    bound = max(slopes) * eps
    assert abs(score(curve, actual + eps) - score(curve, actual)) <= bound * (1 + 1e-6) + 1e-6


@given(curves(), finite)
def test_line_result_is_the_curve_and_the_achievement(curve, actual):
    """What a refresh writes on a line is score() on its curve and achievement()."""
    result = line_result(
        curve.direction,
        actual,
        curve.target,
        floor=curve.floor,
        stretch=curve.stretch,
        band_low=curve.band_low,
        band_high=curve.band_high,
        cap=curve.cap,
    )
    expected_achievement = achievement(curve.direction, actual, curve.target) or 0.0
    assert result == (score(curve, actual), expected_achievement)


def test_line_result_of_an_unusable_curve_is_zero():
    # higher is better with a floor above the target: resolve_curve refuses it
    with pytest.raises(ScoringError):
        resolve_curve(HIGHER_BETTER, 100, floor=150)
    assert line_result(HIGHER_BETTER, 120, 100, floor=150) == (0.0, 0.0)


@given(
    st.lists(
        st.tuples(st.floats(min_value=0, max_value=100), st.floats(0, 200), st.booleans()),
        max_size=20,
    )
)
def test_scorecard_totals(lines):
    total, synergy, kpi_score = scorecard_totals(lines)
    assert total == sum(weight for weight, _score, _synergy in lines)
    assert synergy == sum(weight for weight, _score, is_synergy in lines if is_synergy)
    assert kpi_score == weighted_score([(weight, value) for weight, value, _synergy in lines])
    assert synergy <= total + 1e-9


# "Why this score": the rule applied (scoring.segment) tells what score gave.
def test_segments_of_the_design_examples():
    curve = resolve_curve(HIGHER_BETTER, 100)
    assert [segment(curve, x) for x in (-10, 0, 50, 100, 110, 120, 500)] == [
        "below_floor",
        "below_floor",
        "floor_to_target",
        "target_to_stretch",
        "target_to_stretch",
        "at_stretch",
        "at_stretch",
    ]
    no_stretch = resolve_curve(HIGHER_BETTER, 100, stretch=100)
    assert segment(no_stretch, 150) == "at_target"
    lower = resolve_curve(LOWER_BETTER, 10)
    assert [segment(lower, x) for x in (25, 15, 10, 9, 8, 1)] == [
        "below_floor",
        "floor_to_target",
        "target_to_stretch",
        "target_to_stretch",
        "at_stretch",
        "at_stretch",
    ]
    band = resolve_curve(BAND, band_low=40, band_high=60)
    assert [segment(band, x) for x in (10, 30, 50, 70, 90)] == [
        "below_floor",
        "below_band",
        "in_band",
        "above_band",
        "below_floor",
    ]


@given(curves(), finite)
# past the upper floor of a band: 0 exactly, not the slope's 1.4e-14 (found by hypothesis)
@example(
    Curve(
        BAND,
        floor=-671090.2157536088,
        stretch=0.0,
        band_low=-335545.1078768044,
        band_high=-335545.1078768044,
    ),
    0.0,
)
def test_segment_agrees_with_the_score(curve, actual):
    value, rule = score(curve, actual), segment(curve, actual)
    if rule == "below_floor":
        assert value == 0
    elif rule in ("at_target", "in_band"):
        assert value == TARGET_SCORE
    elif rule == "at_stretch":
        assert value == curve.cap
    elif rule in ("floor_to_target", "below_band", "above_band"):
        assert 0 <= value <= TARGET_SCORE
    else:
        assert rule == "target_to_stretch"
        assert TARGET_SCORE <= value <= curve.cap


maybe = st.none() | finite


@given(
    lines=st.lists(
        st.tuples(
            st.sampled_from([HIGHER_BETTER, LOWER_BETTER, BAND]),
            finite,  # actual
            st.sampled_from([0.0, 50.0, 100.0]) | finite,  # target: repeated, and any
            maybe,
            maybe,
            maybe,
            maybe,
            caps | st.just(90.0),  # an unusable cap too
        ),
        max_size=30,
    )
)
def test_curves_kept_across_lines_score_as_without(lines):
    """The close keeps the resolved curves across lines (``curves``): the lines score as
    without it, unusable curves included, whatever the order the lines come in."""
    curves = {}
    for direction, actual, target, floor, stretch, low, high, cap in lines + lines:
        numbers = {"floor": floor, "stretch": stretch, "band_low": low, "band_high": high}
        assert line_result(
            direction, actual, target, cap=cap, curves=curves, **numbers
        ) == line_result(direction, actual, target, cap=cap, **numbers)
