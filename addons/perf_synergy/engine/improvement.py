"""PDCA check: is an improvement target reached, given the KPI's direction?"""

from __future__ import annotations

DIRECTIONS = ("higher_better", "lower_better", "band")


def target_reached(
    direction: str,
    actual: float | None,
    target: float,
    band_low: float = 0.0,
    band_high: float = 0.0,
) -> bool:
    """True when ``actual`` reaches ``target``: at or above it (higher is better), at or below
    it (lower is better), or inside [band_low, band_high] for a band (the target itself when
    no band is given). No actual never reaches a target."""
    if direction not in DIRECTIONS:
        raise ValueError(f"Unknown direction {direction!r}; use one of {', '.join(DIRECTIONS)}.")
    if actual is None:
        return False
    if direction == "higher_better":
        return actual >= target
    if direction == "lower_better":
        return actual <= target
    if band_low or band_high:
        return band_low <= actual <= band_high
    return actual == target


def improvement(direction: str, baseline: float | None, actual: float | None) -> float | None:
    """The change from baseline to actual, signed so that positive means better (None for a
    band KPI or a missing value)."""
    if baseline is None or actual is None or direction == "band":
        return None
    delta = actual - baseline
    return delta if direction == "higher_better" else -delta
