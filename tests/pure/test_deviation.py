"""Deviation detection of DESIGN.md section 8 (engine/deviation.py), tested without Odoo."""

import math
import random

import pytest
from engine.deviation import (
    MIN_HISTORY,
    REASON_DEVIATION,
    REASON_FLOOR,
    REASON_MISSING,
    REASON_TREND,
    detect,
    scan,
)
from hypothesis import assume, given
from hypothesis import strategies as st

DIRECTIONS = ("higher_better", "lower_better", "band")
levels = st.floats(min_value=1, max_value=1e6).flatmap(lambda x: st.sampled_from([x, -x]))
noisy_histories = st.lists(
    st.floats(min_value=-1e4, max_value=1e4, allow_nan=False), min_size=MIN_HISTORY, max_size=30
)
values = st.floats(min_value=-1e5, max_value=1e5, allow_nan=False)


def _noisy(level: float, n: int, share: float, seed: int) -> list[float]:
    rng = random.Random(seed)
    return [level + rng.uniform(-share, share) * abs(level) for _ in range(n)]


# --- Rules --------------------------------------------------------------------------------


def test_worked_example():
    history = [100, 102, 98, 100, 101, 99, 100, 100]
    quiet = detect(history, 99)
    assert (quiet.alert, quiet.reasons, quiet.severity) == (False, (), None)
    assert quiet.baseline == 100
    # The spread is floored to 5 % of the baseline: the expected range is 85..115.
    assert (quiet.expected_low, quiet.expected_high) == pytest.approx((85, 115))
    drop = detect(history, 80)
    assert drop.alert and drop.reasons == (REASON_DEVIATION,)
    assert drop.z == pytest.approx(-4)
    assert drop.severity == "medium"
    assert detect(history, 60).severity == "high"  # |z| = 8 >= 2 x 3


@given(levels, st.integers(MIN_HISTORY, 30), st.integers(0, 10**6), st.sampled_from(DIRECTIONS))
def test_no_alert_on_a_flat_series_with_tiny_noise(level, n, seed, direction):
    series = _noisy(level, n + 1, 0.01, seed)
    verdict = detect(series[:-1], series[-1], direction, trend=True)
    assert not verdict.alert
    assert abs(verdict.z) < 1


@given(noisy_histories, values, values, st.sampled_from(DIRECTIONS))
def test_a_worse_value_never_looks_better(history, a, b, direction):
    """Moving the value the unfavourable way never lowers its unfavourable z."""
    base = detect(history, a, direction).baseline
    if direction == "higher_better":
        better, worse = max(a, b), min(a, b)
    elif direction == "lower_better":
        better, worse = min(a, b), max(a, b)
    else:  # a band: further from the baseline on the same side
        assume((a - base) * (b - base) >= 0)
        better, worse = sorted((a, b), key=lambda x: abs(x - base))
    good, bad = detect(history, better, direction), detect(history, worse, direction)
    side = {"higher_better": -1, "lower_better": 1}.get(direction, math.copysign(1, worse - base))
    assert side * bad.z >= side * good.z
    if REASON_DEVIATION in good.reasons:
        assert REASON_DEVIATION in bad.reasons


@given(noisy_histories)
def test_direction_decides_which_side_alerts(history):
    ref = detect(history, 0)
    width = ref.expected_high - ref.baseline
    rise, fall = ref.baseline + 2 * width, ref.baseline - 2 * width
    assert detect(history, rise, "lower_better").reasons == (REASON_DEVIATION,)
    assert not detect(history, rise, "higher_better").alert
    assert detect(history, fall, "higher_better").reasons == (REASON_DEVIATION,)
    assert not detect(history, fall, "lower_better").alert
    # A band alerts both ways.
    assert detect(history, rise, "band").alert
    assert detect(history, fall, "band").alert


def test_expected_range_is_symmetric_around_the_baseline():
    verdict = detect([10, 12, 11, 13, 9, 10, 30], 11, "band", sensitivity=2)
    spread = (verdict.expected_high - verdict.baseline) / 2
    assert verdict.baseline - verdict.expected_low == pytest.approx(2 * spread)
    assert verdict.z == pytest.approx((11 - verdict.baseline) / spread)


@given(
    st.lists(values, max_size=MIN_HISTORY - 1),
    values,
    st.sampled_from(DIRECTIONS),
    st.one_of(st.none(), values),
)
def test_short_history_applies_the_static_floor_only(history, value, direction, floor):
    verdict = detect(history, value, direction, floor=floor, trend=True)
    assert verdict.z is None and verdict.baseline is None and verdict.expected_low is None
    crossed = floor is not None and (
        value >= floor if direction == "lower_better" else value <= floor
    )
    assert verdict.reasons == ((REASON_FLOOR,) if crossed else ())
    assert verdict.severity == ("high" if crossed else None)


def test_static_floor_is_direction_aware():
    history = [50, 51, 49, 50, 50, 52]
    assert detect(history, 45, "higher_better", floor=46).reasons == (REASON_FLOOR,)
    assert not detect(history, 55, "higher_better", floor=46).alert
    assert detect(history, 55, "lower_better", floor=54).reasons == (REASON_FLOOR,)
    assert not detect(history, 45, "lower_better", floor=54).alert
    assert detect(history, 54, "band", floor=46, upper_floor=54).reasons == (REASON_FLOOR,)
    assert detect(history, 46, "band", floor=46, upper_floor=54).reasons == (REASON_FLOOR,)
    assert not detect(history, 51, "band", floor=46, upper_floor=54).alert
    both = detect(history, 10, "higher_better", floor=46)
    assert both.reasons == (REASON_DEVIATION, REASON_FLOOR)
    assert both.severity == "high"


def _seasonal_history(years: int, december: float, seed: int = 7) -> list[float]:
    rng = random.Random(seed)
    return [
        (december if month == 11 else 100.0) + rng.gauss(0, 2)
        for _ in range(years)
        for month in range(12)
    ]


@pytest.mark.parametrize("seed", range(5))
def test_a_recurring_december_peak_is_a_season_not_a_deviation(seed):
    history = _seasonal_history(3, december=160, seed=seed)[:-1]  # January Y1 .. November Y3
    assert len(history) == 35
    seasonal = detect(history, 158, "lower_better", seasonal=True)
    assert not seasonal.alert
    assert seasonal.baseline == pytest.approx(160, abs=8)
    plain = detect(history, 158, "lower_better")
    assert plain.reasons == (REASON_DEVIATION,)
    # An unusual December still alerts on a seasonal rule.
    assert detect(history, 230, "lower_better", seasonal=True).alert


def test_seasonal_rule_needs_a_season_and_four_residuals():
    history = _seasonal_history(2, december=160)
    assert detect(history[:15], 300, "lower_better", seasonal=True).z is None
    assert detect(history[:16], 300, "lower_better", seasonal=True).reasons == (REASON_DEVIATION,)


def test_seasonal_baseline_follows_a_year_on_year_change_of_level():
    """A level 20 % up since last year is the new normal, not twelve months of alerts."""
    rng = random.Random(3)
    history = [100 + rng.gauss(0, 1) for _ in range(12)] + [120 + rng.gauss(0, 1) for _ in range(8)]
    verdict = detect(history, 121, "lower_better", seasonal=True)
    assert not verdict.alert
    assert verdict.baseline == pytest.approx(120, abs=2)


def test_trend_rule():
    flat = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100, 101, 99]
    drift = [*flat, 96, 93, 90]
    verdict = detect(drift, 87, "higher_better", trend=True)
    assert verdict.reasons == (REASON_TREND,)  # z = -2.15: in range, heading out
    assert verdict.severity == "low"
    assert not detect(drift, 87, "higher_better").alert  # the rule is off by default
    assert not detect(drift, 87, "lower_better", trend=True).alert  # good news
    assert detect(drift, 87, "band", trend=True).reasons == (REASON_TREND,)
    # Four unfavourable moves that stay within the noise are no trend.
    assert not detect([*flat, 98.9, 98.8, 98.7], 98.6, "higher_better", trend=True).alert
    # One move the other way breaks the run.
    assert not detect([*flat, 96, 97, 90], 87, "higher_better", trend=True).alert
    # k is configurable.
    assert detect([*flat, 96, 90], 87, "higher_better", trend=True, trend_k=3).alert
    assert not detect([*flat, 96, 90], 87, "higher_better", trend=True, trend_k=5).alert


def test_a_trend_that_leaves_the_range_is_a_deviation_too():
    flat = [100, 101, 99, 100, 102, 98, 100, 101, 99, 100, 101, 99]
    verdict = detect([*flat, 95, 90, 85], 70, "higher_better", trend=True)
    assert verdict.reasons == (REASON_DEVIATION, REASON_TREND)
    assert verdict.severity == "medium"  # the strongest rule wins over the trend's "low"


# --- scan -----------------------------------------------------------------------------------


@given(st.lists(values, max_size=20), st.sampled_from(DIRECTIONS))
def test_scan_judges_each_point_against_its_past(series, direction):
    expected = [i for i in range(len(series)) if detect(series[:i], series[i], direction).alert]
    assert scan(series, direction) == expected


def test_scan_finds_a_spike():
    rng = random.Random(11)
    series = [100 + rng.gauss(0, 3) for _ in range(30)]
    series[20] += 30
    assert scan(series, "lower_better") == [20]
    assert scan(series, "higher_better") == []


# --- Input --------------------------------------------------------------------------------


@pytest.mark.parametrize("missing", [None, math.nan, "12", [], True])
def test_missing_value_never_raises(missing):
    verdict = detect([10, 11, 9, 10, 10], missing)
    assert verdict.alert is False
    assert verdict.reasons == (REASON_MISSING,)
    assert verdict.z is None and verdict.severity is None
    assert verdict.baseline == 10  # the range is still reported


def test_missing_and_non_numeric_history_points_are_skipped():
    clean = [10, 11, 9, 10, 12, 10]
    dirty = [10, None, 11, "n/a", 9, math.nan, 10, math.inf, True, 12, 10]
    assert detect(dirty, 30, "lower_better") == detect(clean, 30, "lower_better")
    assert detect([None, None, 1, 2, 3], 100).z is None  # 3 usable points: static only


def test_decimal_and_int_values_are_numbers():
    from decimal import Decimal

    verdict = detect([Decimal("10"), 11, 9.0, 10, 10], Decimal("10"))
    assert verdict.baseline == 10 and verdict.z == 0


def test_seasonal_lags_count_periods_not_valid_points():
    history = _seasonal_history(3, december=160)[:-1]
    history[23] = None  # December of year 2 is missing: year 1's December remains
    verdict = detect(history, 158, "lower_better", seasonal=True)
    assert not verdict.alert
    assert verdict.baseline == pytest.approx(160, abs=8)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"sensitivity": 0}, "sensitivity must be a positive number"),
        ({"sensitivity": -1}, "sensitivity must be a positive number"),
        ({"sensitivity": math.nan}, "sensitivity must be a positive number"),
        ({"window": 1}, "window must be a whole number of at least 2"),
        ({"window": 2.5}, "window must be a whole number of at least 2"),
        ({"trend_k": 1}, "trend length k must be a whole number of at least 2"),
        ({"floor_share": -0.1}, "floor share must be a number of at least 0"),
        ({"spread_window": 3}, "spread window"),
        ({"window": 8, "spread_window": 6}, "at least the window"),
        ({"season_length": 1}, "season length"),
        ({"floor": math.nan}, "floor must be a finite number"),
        ({"upper_floor": 5}, "upper floor only applies to a band"),
    ],
)
def test_bad_parameters_raise(params, message):
    with pytest.raises(ValueError, match=message):
        detect([1, 2, 3, 4], 5, **params)


def test_bad_direction_and_band_floors_raise():
    with pytest.raises(ValueError, match="Unknown KPI direction"):
        detect([1, 2, 3, 4], 5, "sideways")
    with pytest.raises(ValueError, match="must not be above its upper floor"):
        detect([1, 2, 3, 4], 5, "band", floor=10, upper_floor=5)
    with pytest.raises(ValueError, match="window"):
        scan([1, 2, 3], window=0)  # even when no point is judged statistically


def test_a_long_window_widens_the_default_spread_window():
    history = list(range(40))
    assert detect(history, 50, window=30) == detect(history, 50, window=30, spread_window=30)


def test_decimal_parameters_are_accepted():
    from decimal import Decimal

    verdict = detect([50, 51, 49, 50], Decimal(44), sensitivity=Decimal(3), floor=Decimal(45))
    assert verdict.reasons == (REASON_FLOOR,)
    # Biweight 0.75 of 4 points x (1 + 2 / 1) = 2.2, under the 5 % floor of 2.5: z = -2.4.
    assert verdict.expected_low == pytest.approx(50 - 3 * 2.5)
    assert verdict.z == pytest.approx(-2.4)
