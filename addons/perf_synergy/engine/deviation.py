"""Deviation detection on a KPI series by period (DESIGN.md section 8, early warning).

One value is judged against the history before it (oldest first):

* **Baseline.** The median of the last ``window`` valid points (default 6). With
  ``seasonal=True`` the baseline is the median of the same period of the previous year(s) (lags
  12, 24...) plus the median of the last ``window`` seasonal residuals (each point minus the
  median of its own same period in the years before it). That correction carries a
  year-on-year change of level (growth, an earlier shift) so that one change does not alert for
  twelve months; with a stable level it is about zero and the baseline is last year's value.
* **Spread.** Of the last ``spread_window`` valid points (default 24, or the window if longer;
  the seasonal residuals for a seasonal rule), the larger of Tukey's biweight midvariance
  (scale; tuning constant 9 x MAD) and ``sqrt(pi / 2)`` x their mean absolute deviation from
  the median - two estimates of the standard deviation - times a small-sample factor
  ``1 + 2 / (n - 3)`` for ``n`` points (x3 at 4 points, x1.67 at 6, x1.22 at 12, x1.10 at 24),
  then floored to ``max(floor_share x |baseline|, 1e-9)`` with ``floor_share`` default 0.05.
  A flat history has spread 0 before the floor.
* **z** = (value - baseline) / spread; the expected range is baseline +/- sensitivity x spread.
  The ``deviation`` rule fires when the value lies outside that range on the unfavourable
  side of the KPI: below it for ``higher_better``, above it for ``lower_better``, either side
  for ``band``. Severity ``medium``, ``high`` from ``|z| >= 2 x sensitivity``.
* **Static floor.** The line's floor, direction-aware: ``higher_better`` alerts when the value
  is at or below ``floor``; ``lower_better`` (floor above the target) when it is at or above
  ``floor``; ``band`` when it is at or below ``floor`` (its lower floor) or at or above
  ``upper_floor``. The line scores 0 there (scoring.py). Severity ``high``.
* **Trend** (only with ``trend=True``): the last ``trend_k`` moves (default 4, the move to the
  current value included) all go the unfavourable way, strictly - all up or all down for a
  band - and the value has left the noise: z is beyond two thirds of the sensitivity (2 by
  default) on that side. A trend is the warning before the expected range is left. For a
  seasonal rule the moves are those of the values minus their same-period median. Severity
  ``low``.

The strongest severity of the rules that fired wins; no alert, ``severity`` None.

**History too short.** With fewer than 4 usable points of history - for a seasonal rule, fewer
than 4 seasonal residuals, i.e. a season plus 4 periods - only the static floor applies: no
baseline, no z, no trend.

**Why the spread departs from "1.4826 x MAD of the last N points".** On pure Gaussian noise the
MAD of 6 points is so often small that a bare ``|z| > 3`` fires on about 5 % of the points, one
side - an alert every other year per monthly KPI. A longer spread window steadies the estimate
while the short median window still adopts a new level after 3-4 periods; the small-sample
factor (fitted on the labelled set, docs/detection_quality.md) keeps false alarms rare in short
histories. The biweight replaces ``1.4826 x MAD`` because the MAD reads a KPI that moves in a
few regular steps as far noisier than it is: monthly values 100, 110, 90, 100, 110, 90... have
a standard deviation of 8.2 but ``1.4826 x MAD`` = 14.8, so that with the old factor
``1 + 4 / (n - 3)`` a drop to 50 (half the baseline) gave z = -2.3 and no alert; both estimates
here read 8.4 and the drop alerts (z = -4.9). The biweight is as robust as the MAD (a point
beyond 9 MAD weighs nothing) and far more efficient on Gaussian noise, which lets the
small-sample factor be smaller; the mean absolute deviation guards short histories that
alternate between two values, which the biweight would read as one value and outliers. The floor
lowers the false-alarm rate further for quiet KPIs: a flat history (MAD 0) does not turn
noise into alerts, and no statistical alert fires for less than ``sensitivity x floor_share``
(15 %) of the baseline. A series whose baseline is 0 with a flat history has no scale: any
change then alerts (use the static floor for such KPIs). Measured precision and recall:
docs/detection_quality.md.

**Missing data.** In the history, None, NaN, infinities, booleans and non-numbers are skipped:
the windows take the last valid points, and seasonal lags are counted in periods of the given
history (a missing same-period value is left out, not shifted). A missing current value (None,
NaN, not a number) never raises: no alert, reason ``missing``, the baseline and expected range
still given. Bad parameters raise ValueError naming the parameter.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from numbers import Real
from statistics import median

from .scoring import BAND, DIRECTIONS, HIGHER_BETTER, LOWER_BETTER

MAD_TO_SD = 1.4826
EPSILON = 1e-9
SMALL_SAMPLE = 2.0  # spread factor 1 + SMALL_SAMPLE / (n - 3)
MEAN_AD_TO_SD = math.sqrt(math.pi / 2)
BIWEIGHT_C = 9.0  # Tukey's biweight: points beyond 9 MAD from the median weigh nothing
TREND_Z_SHARE = 2.0 / 3.0  # a trend alerts once z is beyond this share of the sensitivity
MIN_HISTORY = 4

DEFAULT_WINDOW = 6
DEFAULT_SPREAD_WINDOW = 24
DEFAULT_SENSITIVITY = 3.0
DEFAULT_FLOOR_SHARE = 0.05
DEFAULT_SEASON_LENGTH = 12
DEFAULT_TREND_K = 4

REASON_DEVIATION = "deviation"
REASON_FLOOR = "floor"
REASON_TREND = "trend"
REASON_MISSING = "missing"

SEVERITIES = ("low", "medium", "high")


@dataclass(frozen=True)
class Deviation:
    """Verdict on one value.

    ``reasons`` lists the rules that fired (``deviation``, ``floor``, ``trend``) or is
    ``("missing",)`` for a missing value. ``baseline`` and the expected range are None when the
    history is too short for statistics; ``z`` too, and when the value is missing.
    """

    alert: bool
    reasons: tuple[str, ...]
    z: float | None
    baseline: float | None
    expected_low: float | None
    expected_high: float | None
    severity: str | None


@dataclass(frozen=True)
class _Reference:
    baseline: float
    spread: float  # before the floor
    recent: list[float]  # valid points, oldest first, minus their same-period median if seasonal
    offset: float = 0.0  # what to subtract from the value to compare it with ``recent``


def _number(value) -> float | None:
    """The value as a finite float, or None when it is missing or not a number."""
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _whole(value, minimum: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def _check(
    direction,
    window,
    spread_window,
    sensitivity,
    floor_share,
    season_length,
    trend_k,
    floor,
    upper_floor,
) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(
            f"Unknown KPI direction {direction!r}; use one of {', '.join(DIRECTIONS)}."
        )
    if not _whole(window, 2):
        raise ValueError(
            f"The window must be a whole number of at least 2 periods, got {window!r}."
        )
    if spread_window is not None and (
        not _whole(spread_window, MIN_HISTORY) or spread_window < window
    ):
        raise ValueError(
            f"The spread window must be a whole number of periods, at least {MIN_HISTORY} and "
            f"at least the window ({window}), got {spread_window!r}."
        )
    if _number(sensitivity) is None or sensitivity <= 0:
        raise ValueError(f"The sensitivity must be a positive number, got {sensitivity!r}.")
    if _number(floor_share) is None or floor_share < 0:
        raise ValueError(f"The floor share must be a number of at least 0, got {floor_share!r}.")
    if not _whole(season_length, 2):
        raise ValueError(
            f"The season length must be a whole number of at least 2, got {season_length!r}."
        )
    if not _whole(trend_k, 2):
        raise ValueError(
            f"The trend length k must be a whole number of at least 2 moves, got {trend_k!r}."
        )
    for name, limit in (("floor", floor), ("upper floor", upper_floor)):
        if limit is not None and _number(limit) is None:
            raise ValueError(f"The {name} must be a finite number or None, got {limit!r}.")
    if upper_floor is not None and direction != BAND:
        raise ValueError("An upper floor only applies to a band KPI; use floor otherwise.")
    if floor is not None and upper_floor is not None and floor > upper_floor:
        raise ValueError(
            f"The lower floor ({floor:g}) of a band KPI must not be above its upper floor "
            f"({upper_floor:g})."
        )


def _biweight_scale(points: Sequence[float]) -> float:
    """Tukey's biweight midvariance of ``points`` (square root), a robust standard deviation
    (Mosteller & Tukey 1977); 0 when their MAD is 0."""
    centre = median(points)
    mad = median(abs(p - centre) for p in points)
    if mad == 0:
        return 0.0
    numerator = denominator = 0.0
    for point in points:
        u = (point - centre) / (BIWEIGHT_C * mad)
        if abs(u) < 1:
            numerator += (point - centre) ** 2 * (1 - u * u) ** 4
            denominator += (1 - u * u) * (1 - 5 * u * u)
    if denominator == 0:  # degenerate weights: fall back on the MAD
        return MAD_TO_SD * mad
    return math.sqrt(len(points) * numerator) / abs(denominator)


def _robust_spread(points: Sequence[float]) -> float:
    """The larger of the biweight scale and sqrt(pi / 2) x the mean absolute deviation from
    the median of ``points``, times the small-sample factor. The biweight takes the smaller
    group of a short history alternating between two values (3 points at 189, 2 at 158) for
    outliers; the mean absolute deviation weighs every point."""
    centre = median(points)
    mean_deviation = MEAN_AD_TO_SD * sum(abs(p - centre) for p in points) / len(points)
    scale = max(_biweight_scale(points), mean_deviation)
    return scale * (1.0 + SMALL_SAMPLE / (len(points) - 3))


def _plain_reference(points, window, spread_window) -> _Reference | None:
    valid = [p for p in points if p is not None]
    if len(valid) < MIN_HISTORY:
        return None
    return _Reference(median(valid[-window:]), _robust_spread(valid[-spread_window:]), valid)


def _same_period(points, index: int, season_length: int) -> float | None:
    """Median of the valid values of ``index``'s period in the previous years, or None."""
    same = [points[j] for j in range(index - season_length, -1, -season_length)]
    same = [p for p in same if p is not None]
    return median(same) if same else None


def _seasonal_reference(points, window, spread_window, season_length, trend_k):
    reference = _same_period(points, len(points), season_length)
    if reference is None:
        return None
    residuals = []  # newest first
    for j in range(len(points) - 1, season_length - 1, -1):
        if len(residuals) == max(spread_window, trend_k):
            break
        same = _same_period(points, j, season_length)
        if points[j] is not None and same is not None:
            residuals.append(points[j] - same)
    if len(residuals) < MIN_HISTORY:
        return None
    residuals.reverse()
    shift = median(residuals[-window:])
    return _Reference(
        reference + shift, _robust_spread(residuals[-spread_window:]), residuals, reference
    )


def _crosses_floor(value, direction, floor, upper_floor) -> bool:
    if direction == HIGHER_BETTER:
        return floor is not None and value <= floor
    if direction == LOWER_BETTER:
        return floor is not None and value >= floor
    return (floor is not None and value <= floor) or (
        upper_floor is not None and value >= upper_floor
    )


def _unfavourable_sides(direction: str) -> tuple[int, ...]:
    """+1 when a rise is bad, -1 when a fall is bad; both for a band."""
    return {HIGHER_BETTER: (-1,), LOWER_BETTER: (1,), BAND: (-1, 1)}[direction]


def _is_trend(recent, current, z, direction, k, sensitivity) -> bool:
    if len(recent) < k:
        return False
    run = [*recent[-k:], current]
    moves = [b - a for a, b in pairwise(run)]
    return any(
        all(side * move > 0 for move in moves) and side * z > TREND_Z_SHARE * sensitivity
        for side in _unfavourable_sides(direction)
    )


def detect(
    history: Sequence,
    value,
    direction: str = HIGHER_BETTER,
    *,
    window: int = DEFAULT_WINDOW,
    spread_window: int | None = None,
    sensitivity: float = DEFAULT_SENSITIVITY,
    floor_share: float = DEFAULT_FLOOR_SHARE,
    seasonal: bool = False,
    season_length: int = DEFAULT_SEASON_LENGTH,
    floor: float | None = None,
    upper_floor: float | None = None,
    trend: bool = False,
    trend_k: int = DEFAULT_TREND_K,
) -> Deviation:
    """Judge ``value`` (the newest period) against ``history`` (oldest first); see the module."""
    _check(
        direction,
        window,
        spread_window,
        sensitivity,
        floor_share,
        season_length,
        trend_k,
        floor,
        upper_floor,
    )
    if spread_window is None:
        spread_window = max(DEFAULT_SPREAD_WINDOW, window)
    sensitivity, floor_share = float(sensitivity), float(floor_share)
    floor = None if floor is None else float(floor)
    upper_floor = None if upper_floor is None else float(upper_floor)
    points = [_number(p) for p in history]
    if seasonal:
        reference = _seasonal_reference(points, window, spread_window, season_length, trend_k)
    else:
        reference = _plain_reference(points, window, spread_window)
    baseline = low = high = spread = None
    if reference is not None:
        baseline = reference.baseline
        spread = max(reference.spread, floor_share * abs(baseline), EPSILON)
        low = baseline - sensitivity * spread
        high = baseline + sensitivity * spread
    current = _number(value)
    if current is None:
        return Deviation(False, (REASON_MISSING,), None, baseline, low, high, None)

    reasons, severity, z = [], -1, None
    if spread is not None:
        z = (current - baseline) / spread
        worst = max(side * z for side in _unfavourable_sides(direction))
        if worst > sensitivity:
            reasons.append(REASON_DEVIATION)
            severity = 2 if worst >= 2 * sensitivity else 1
    if _crosses_floor(current, direction, floor, upper_floor):
        reasons.append(REASON_FLOOR)
        severity = 2
    if trend and z is not None:
        adjusted = current - reference.offset
        if _is_trend(reference.recent, adjusted, z, direction, trend_k, sensitivity):
            reasons.append(REASON_TREND)
            severity = max(severity, 0)
    return Deviation(
        alert=bool(reasons),
        reasons=tuple(reasons),
        z=z,
        baseline=baseline,
        expected_low=low,
        expected_high=high,
        severity=SEVERITIES[severity] if reasons else None,
    )


def scan(series: Sequence, direction: str = HIGHER_BETTER, **params) -> list[int]:
    """Indexes of the points of ``series`` that alert, point i judged against points < i.

    ``params`` are those of ``detect``. Used to measure the detector's quality on labelled
    series (tests/pure/test_detection_quality.py).
    """
    return [
        index
        for index in range(len(series))
        if detect(series[:index], series[index], direction, **params).alert
    ]
