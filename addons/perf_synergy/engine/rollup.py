"""Roll-up of a parent KPI's actual from its children (value_source = children)."""

from __future__ import annotations

from collections.abc import Sequence

ROLLUP_RULES = ("sum", "average", "weighted_average", "min", "max")


def rollup(values: Sequence[float], rule: str, weights: Sequence[float] | None = None):
    """Combine children's actuals by ``rule``; None when there is nothing to combine."""
    if rule not in ROLLUP_RULES:
        raise ValueError(f"Unknown roll-up rule {rule!r}; use one of {', '.join(ROLLUP_RULES)}.")
    if not values:
        return None
    if rule == "sum":
        return float(sum(values))
    if rule == "average":
        return float(sum(values)) / len(values)
    if rule == "min":
        return float(min(values))
    if rule == "max":
        return float(max(values))
    if weights is None or len(weights) != len(values):
        raise ValueError("A weighted average needs one weight per value.")
    total = sum(weights)
    if not total:
        return float(sum(values)) / len(values)
    return sum(v * w for v, w in zip(values, weights, strict=True)) / total


def aggregate_over_time(values: Sequence[float], rule: str):
    """Combine a KPI's values of sub-periods (months of a quarter...) by its time aggregation."""
    if not values:
        return None
    if rule == "sum":
        return float(sum(values))
    if rule == "average":
        return float(sum(values)) / len(values)
    if rule == "last":
        return float(values[-1])
    raise ValueError(f"Unknown time aggregation {rule!r}; use sum, average or last.")
