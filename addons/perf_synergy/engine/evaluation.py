"""Evaluation arithmetic (DESIGN.md section 6): 1-5 scales, anonymity threshold, outliers and
the blend of subjective and objective parts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import median

SCALE_MIN = 1
SCALE_MAX = 5
OUTLIER_DISTANCE = 2.0


def to_score(mean_rating: float) -> float:
    """A 1-5 mean rating as a 0-100 score: (mean - 1) / 4 x 100."""
    if not SCALE_MIN <= mean_rating <= SCALE_MAX:
        raise ValueError(f"A rating mean must lie between 1 and 5, got {mean_rating}.")
    return (mean_rating - SCALE_MIN) / (SCALE_MAX - SCALE_MIN) * 100.0


def outlier_reason(ratings: Sequence[int], others_means: Sequence[float]) -> str | None:
    """Why a response is suspicious, or None.

    Flagged when all its ratings are the minimum or all the maximum, or when its mean lies
    2 points or more from the median of the other responses' means.
    """
    if not ratings:
        return None
    if all(r == SCALE_MIN for r in ratings):
        return "all_min"
    if all(r == SCALE_MAX for r in ratings):
        return "all_max"
    if others_means:
        mean = sum(ratings) / len(ratings)
        if abs(mean - median(others_means)) >= OUTLIER_DISTANCE:
            return "far_from_median"
    return None


def flag_outliers(responses: Mapping[object, Sequence[int]]) -> dict[object, str]:
    """{response: reason} for the suspicious responses among those of one evaluated target."""
    means = {key: sum(r) / len(r) for key, r in responses.items() if r}
    flagged = {}
    for key, ratings in responses.items():
        others = [m for other, m in means.items() if other != key]
        reason = outlier_reason(ratings, others)
        if reason:
            flagged[key] = reason
    return flagged


def aggregate(
    means: Sequence[float],
    min_responses: int,
    role_weights: Mapping[str, float] | None = None,
    roles: Sequence[str] | None = None,
) -> float | None:
    """Subjective score 0-100 of a target from its kept responses' means, or None when there are
    fewer than ``min_responses`` (the result is 'insufficient', protecting anonymity).

    With role weights (multi-role evaluations: line manager 50, project manager 30, internal
    customers 20), each role's mean counts by its weight; roles without responses give their
    weight to the others.
    """
    if len(means) < max(min_responses, 1):
        return None
    if not role_weights or roles is None:
        return to_score(sum(means) / len(means))
    by_role: dict[str, list[float]] = {}
    for mean, role in zip(means, roles, strict=True):
        by_role.setdefault(role, []).append(mean)
    weights = {role: role_weights.get(role, 0.0) for role in by_role}
    total = sum(weights.values())
    if not total:
        return to_score(sum(means) / len(means))
    mean = sum(sum(v) / len(v) * weights[role] for role, v in by_role.items()) / total
    return to_score(mean)


def blend(subjective: float | None, objective: float | None, alpha: float) -> float | None:
    """alpha x subjective + (1 - alpha) x objective; one part alone when the other is missing."""
    if not 0 <= alpha <= 1:
        raise ValueError(f"alpha must lie between 0 and 1, got {alpha}.")
    if subjective is None:
        return objective
    if objective is None:
        return subjective
    return alpha * subjective + (1 - alpha) * objective
