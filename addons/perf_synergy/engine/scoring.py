"""Scoring curves of KPI lines (DESIGN.md section 4).

A line is scored by a piecewise-linear curve through three points: floor -> 0, target -> 100,
stretch -> cap. Above stretch the score stays at cap; beyond floor it stays 0; a stretch equal
to the target means no stretch segment (the score stops at 100). For
``lower_better`` KPIs the numbers run the other way (floor > target > stretch). A ``band`` KPI
scores 100 inside [band_low, band_high] and falls linearly to 0 at its two floors.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

HIGHER_BETTER = "higher_better"
LOWER_BETTER = "lower_better"
BAND = "band"
DIRECTIONS = (HIGHER_BETTER, LOWER_BETTER, BAND)

TARGET_SCORE = 100.0
DEFAULT_CAP = 120.0


class ScoringError(ValueError):
    """Bad curve parameters; ``field`` names the offending input so the UI can point at it."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Curve:
    """A fully resolved scoring curve (defaults applied, parameters validated)."""

    direction: str
    target: float = 0.0
    floor: float = 0.0
    stretch: float = 0.0
    band_low: float = 0.0
    band_high: float = 0.0
    cap: float = DEFAULT_CAP


def _is_set(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def resolve_curve(
    direction: str,
    target: float | None = None,
    floor: float | None = None,
    stretch: float | None = None,
    band_low: float | None = None,
    band_high: float | None = None,
    cap: float = DEFAULT_CAP,
) -> Curve:
    """Apply the defaults of DESIGN.md section 4 and validate; raise ScoringError if unusable.

    Defaults: higher_better floor 0 and stretch 1.2 x target; lower_better floor 2 x target
    and stretch 0.8 x target; band floors one band width outside the band.
    """
    if direction not in DIRECTIONS:
        raise ScoringError("direction", f"Unknown KPI direction {direction!r}.")
    if cap < TARGET_SCORE:
        raise ScoringError("cap", f"The score cap ({cap:g}) must be at least 100.")
    if direction == BAND:
        return _resolve_band(band_low, band_high, floor, stretch, cap)
    if not _is_set(target):
        raise ScoringError("target", "A target is required to score this KPI line.")
    if direction == HIGHER_BETTER:
        floor = 0.0 if not _is_set(floor) else floor
        stretch = 1.2 * target if not _is_set(stretch) else stretch
        if floor >= target:
            raise ScoringError(
                "floor",
                f"For a higher-is-better KPI the floor ({floor:g}) must be below the "
                f"target ({target:g}).",
            )
        if stretch < target:
            raise ScoringError(
                "stretch",
                f"For a higher-is-better KPI the stretch ({stretch:g}) must not be below "
                f"the target ({target:g}).",
            )
    else:
        if not _is_set(floor):
            if target == 0:
                raise ScoringError(
                    "floor",
                    "A lower-is-better KPI with a target of 0 needs an explicit floor: "
                    "the value at which the score reaches 0.",
                )
            floor = 2.0 * target
        stretch = 0.8 * target if not _is_set(stretch) else stretch
        if floor <= target:
            raise ScoringError(
                "floor",
                f"For a lower-is-better KPI the floor ({floor:g}) must be above the "
                f"target ({target:g}).",
            )
        if stretch > target:
            raise ScoringError(
                "stretch",
                f"For a lower-is-better KPI the stretch ({stretch:g}) must not be above "
                f"the target ({target:g}).",
            )
    return Curve(direction=direction, target=target, floor=floor, stretch=stretch, cap=cap)


def _resolve_band(band_low, band_high, floor, ceiling, cap) -> Curve:
    if not (_is_set(band_low) and _is_set(band_high)):
        raise ScoringError("band_low", "A band KPI needs both a band low and a band high value.")
    if band_low > band_high:
        raise ScoringError(
            "band_high",
            f"The band high ({band_high:g}) must not be below the band low ({band_low:g}).",
        )
    width = band_high - band_low or abs(band_low) or 1.0
    floor = band_low - width if not _is_set(floor) else floor
    ceiling = band_high + width if not _is_set(ceiling) else ceiling
    if floor >= band_low:
        raise ScoringError(
            "floor",
            f"The lower floor ({floor:g}) must be below the band low ({band_low:g}).",
        )
    if ceiling <= band_high:
        raise ScoringError(
            "stretch",
            f"The upper floor ({ceiling:g}) must be above the band high ({band_high:g}).",
        )
    return Curve(
        direction=BAND,
        floor=floor,
        stretch=ceiling,
        band_low=band_low,
        band_high=band_high,
        cap=cap,
    )


def _interpolate(x: float, x0: float, y0: float, x1: float, y1: float) -> float:
    if x1 == x0:
        return y1
    return y0 + (x - x0) * (y1 - y0) / (x1 - x0)


def score(curve: Curve, actual: float) -> float:
    """Score of ``actual`` on ``curve``: within [0, cap], exactly 100 at target."""
    if curve.direction == BAND:
        if curve.band_low <= actual <= curve.band_high:
            return TARGET_SCORE
        # At or past a floor the score is 0 exactly, not the rounding error of the slope.
        if actual < curve.band_low:
            if actual <= curve.floor:
                return 0.0
            value = _interpolate(actual, curve.floor, 0.0, curve.band_low, TARGET_SCORE)
        else:
            if actual >= curve.stretch:
                return 0.0
            value = _interpolate(actual, curve.band_high, TARGET_SCORE, curve.stretch, 0.0)
        return min(max(value, 0.0), TARGET_SCORE)
    # Mirror lower_better onto higher_better so that one piece of code serves both.
    sign = 1.0 if curve.direction == HIGHER_BETTER else -1.0
    x, floor = sign * actual, sign * curve.floor
    target, stretch = sign * curve.target, sign * curve.stretch
    if x <= floor:
        return 0.0
    if x < target:
        return _interpolate(x, floor, 0.0, target, TARGET_SCORE)
    if stretch == target:  # no stretch segment: the score stops at 100
        return TARGET_SCORE
    if x >= stretch:
        return curve.cap
    return _interpolate(x, target, TARGET_SCORE, stretch, curve.cap)


def achievement(direction: str, actual: float, target: float) -> float | None:
    """Achievement in % (actual / target, inverted for lower_better); None if undefined."""
    if direction == BAND:
        return None
    if direction == LOWER_BETTER:
        if actual == 0:
            return None if target != 0 else 100.0
        return 100.0 * target / actual
    if target == 0:
        return None
    return 100.0 * actual / target


def weighted_score(weighted_scores: Sequence[tuple[float, float]]) -> float:
    """KPI score of a scorecard: sum(w * s) / sum(w); 0 when there is no weight."""
    total_weight = sum(weight for weight, _ in weighted_scores)
    if not total_weight:
        return 0.0
    return sum(weight * value for weight, value in weighted_scores) / total_weight


def line_result(
    direction: str,
    actual: float,
    target: float,
    *,
    floor: float | None = None,
    stretch: float | None = None,
    band_low: float | None = None,
    band_high: float | None = None,
    cap: float = DEFAULT_CAP,
    curves: dict | None = None,
) -> tuple[float, float]:
    """(score, achievement %) of a KPI line's actual; (0, 0) when its curve is unusable (the
    line's validation reports why when it is saved) and an undefined achievement as 0.

    ``curves``: a dict kept by the caller across many lines, each distinct curve resolved
    once in it (a period close scores 100,000 lines on about 29,000 curves)."""
    key = (direction, target, floor, stretch, band_low, band_high, cap)
    if curves is None:
        curve = _usable_curve(*key)
    else:
        if key not in curves:
            curves[key] = _usable_curve(*key)
        curve = curves[key]
    if curve is None:
        return 0.0, 0.0
    return score(curve, actual), achievement(direction, actual, target) or 0.0


def _usable_curve(direction, target, floor, stretch, band_low, band_high, cap) -> Curve | None:
    try:
        return resolve_curve(
            direction,
            target,
            floor=floor,
            stretch=stretch,
            band_low=band_low,
            band_high=band_high,
            cap=cap,
        )
    except ScoringError:
        return None


def scorecard_totals(lines: Sequence[tuple[float, float, bool]]) -> tuple[float, float, float]:
    """(total weight, weight on synergy KPIs, KPI score) of a scorecard's lines given as
    (weight, score, is_synergy)."""
    pairs = [(weight, line_score) for weight, line_score, _synergy in lines]
    total = sum(weight for weight, _score in pairs)
    synergy = sum(weight for weight, _score, is_synergy in lines if is_synergy)
    return total, synergy, weighted_score(pairs)


# The part of a curve that scored an actual ("why this score"): the rule applied.
BELOW_FLOOR = "below_floor"  # at or beyond the floor: 0
FLOOR_TO_TARGET = "floor_to_target"  # linear from 0 at the floor to 100 at the target
AT_TARGET = "at_target"  # the target reached and no stretch segment: 100
TARGET_TO_STRETCH = "target_to_stretch"  # linear from 100 at the target to the cap at stretch
AT_STRETCH = "at_stretch"  # at or beyond the stretch: the cap
IN_BAND = "in_band"  # inside [band low, band high]: 100
BELOW_BAND = "below_band"  # linear from 0 at the lower floor to 100 at band low
ABOVE_BAND = "above_band"  # linear from 100 at band high to 0 at the upper floor
SEGMENTS = (
    BELOW_FLOOR,
    FLOOR_TO_TARGET,
    AT_TARGET,
    TARGET_TO_STRETCH,
    AT_STRETCH,
    IN_BAND,
    BELOW_BAND,
    ABOVE_BAND,
)


def segment(curve: Curve, actual: float) -> str:
    """The part of ``curve`` that ``score`` applies to ``actual`` (one of ``SEGMENTS``), by the
    same comparisons as ``score``."""
    if curve.direction == BAND:
        if curve.band_low <= actual <= curve.band_high:
            return IN_BAND
        if actual < curve.band_low:
            return BELOW_FLOOR if actual <= curve.floor else BELOW_BAND
        return BELOW_FLOOR if actual >= curve.stretch else ABOVE_BAND
    sign = 1.0 if curve.direction == HIGHER_BETTER else -1.0
    x, floor = sign * actual, sign * curve.floor
    target, stretch = sign * curve.target, sign * curve.stretch
    if x <= floor:
        return BELOW_FLOOR
    if x < target:
        return FLOOR_TO_TARGET
    if stretch == target:
        return AT_TARGET
    if x >= stretch:
        return AT_STRETCH
    return TARGET_TO_STRETCH
