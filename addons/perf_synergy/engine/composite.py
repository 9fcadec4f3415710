"""The composite result of a scorecard (DESIGN.md section 7)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Composite:
    linked_score: float
    internal_customer_weight: float
    internal_customer_score: float
    tier_weight: float
    tier_score: float
    behavior_points: float
    behavior_cap: float

    @property
    def capped_behavior(self) -> float:
        return max(-self.behavior_cap, min(self.behavior_cap, self.behavior_points))

    @property
    def final_score(self) -> float:
        """(1 - we - wt) x linked + we x internal customers + wt x tier + capped behaviour."""
        we, wt = self.internal_customer_weight, self.tier_weight
        if we < 0 or wt < 0 or we + wt > 1:
            raise ValueError(
                f"Evaluation weights {we:.0%} + {wt:.0%} must be non-negative and at most 100 %."
            )
        return (
            (1.0 - we - wt) * self.linked_score
            + we * self.internal_customer_score
            + wt * self.tier_score
            + self.capped_behavior
        )


def redistribute(weights: dict[str, float], missing: set[str]) -> dict[str, float]:
    """Weights of components with no usable result (e.g. too few evaluation responses) go to
    the other components in proportion, so that the total weight is unchanged."""
    total = sum(weights.values())
    kept = {name: w for name, w in weights.items() if name not in missing}
    kept_total = sum(kept.values())
    if not kept_total:
        return dict.fromkeys(weights, 0.0)
    return {name: (kept.get(name, 0.0) * total / kept_total) for name in weights}


def evaluation_weights(
    internal_weight: float,
    tier_weight: float,
    internal_available: bool = True,
    tier_available: bool = True,
) -> tuple[float, float]:
    """(wₑ, wₜ) of a scorecard once the weight of an insufficient evaluation (fewer responses
    than the anonymity minimum, DESIGN.md section 6) is redistributed to the other components
    in proportion to their weights, the KPI part (1 − wₑ − wₜ) included: with 10 % / 10 % and
    no tier result, the KPI part goes 80 % → 88.9 % and internal customers 10 % → 11.1 %."""
    weights = {
        "kpi": 1.0 - internal_weight - tier_weight,
        "internal": internal_weight,
        "tier": tier_weight,
    }
    missing = {
        name
        for name, available in (("internal", internal_available), ("tier", tier_available))
        if not available
    }
    shared = redistribute(weights, missing)
    return shared["internal"], shared["tier"]
