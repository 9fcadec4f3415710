"""Project bonus pools (专项奖金包, DESIGN.md section 7): the gate and the split among departments.

A pool is paid only when every synergy KPI that gates it reaches the threshold; it is then split
among the departments by share x achievement, in proportion:

    weighted_d = share_d x achievement_d / 100
    amount_d   = pool amount x weighted_d / sum(weighted)

Amounts are rounded to the currency (``digits`` decimals) with the largest-remainder method, so
that the parts always add up to the pool exactly.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping

TOLERANCE = 1e-9


def shares_total(shares: Mapping[Hashable, float]) -> float:
    """Sum of the shares in %, rounded to 2 decimals (a pool is split when it is 100)."""
    return round(sum(shares.values()), 2)


def gate_failures(scores: Mapping[Hashable, float], threshold: float) -> list[Hashable]:
    """The gate lines whose score is below the threshold, in their order."""
    return [key for key, value in scores.items() if value < threshold - TOLERANCE]


def gate_open(scores: Mapping[Hashable, float], threshold: float) -> bool:
    """True when every gate score reaches the threshold; a pool without gate is always open."""
    return not gate_failures(scores, threshold)


def weighted(share: float, achievement: float) -> float:
    """Share x achievement, both in %, as a % of the pool's weighting: 40 % x 90 % = 36."""
    if share < 0 or achievement < 0:
        raise ValueError(
            f"Shares and achievements cannot be negative (got {share:g} and {achievement:g})."
        )
    return share * achievement / 100.0


def split_pool(
    amount: float,
    rows: Mapping[Hashable, tuple[float, float]],
    is_open: bool = True,
    digits: int = 2,
) -> dict[Hashable, float]:
    """Split ``amount`` among ``rows`` {key: (share %, achievement %)} by share x achievement.

    Every part is 0 when the gate is closed or when nobody achieved anything. Otherwise the
    parts are proportional to share x achievement and add up exactly to the amount rounded to
    ``digits`` decimals; the rounding units left over go to the largest remainders (ties: in
    the order of ``rows``).
    """
    if amount < 0:
        raise ValueError(f"A bonus pool cannot be negative (got {amount:g}).")
    weights = {key: weighted(share, achievement) for key, (share, achievement) in rows.items()}
    total = sum(weights.values())
    if not is_open or total <= TOLERANCE or not rows:
        return dict.fromkeys(rows, 0.0)
    scale = 10**digits
    units = round(amount * scale)
    exact = {key: units * weight / total for key, weight in weights.items()}
    parts = {key: math.floor(value + TOLERANCE) for key, value in exact.items()}
    left = units - sum(parts.values())
    order = sorted(exact, key=lambda key: exact[key] - parts[key], reverse=True)
    for key in order[:left]:
        parts[key] += 1
    return {key: round(value / scale, digits) for key, value in parts.items()}
