"""Six-gap diagnosis (六大不 plus culture and trust): ratings -> scores -> mechanisms.

Each respondent rates every dimension from 1 (the gap is severe) to 5 (no gap). A dimension's
score is the mean rating mapped onto 0-100: ``(mean - 1) / 4 * 100``. Dimensions under the weak
threshold point to the mechanisms of the product that address them. A dimension rated by fewer
respondents than the diagnosis's minimum has no score: its few ratings would be readable through
the mean (as evaluations keep their ``min_responses``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping

# (key, label), in the radar's clockwise order starting at the top (drawn by the
# synergy_radar widget from synergy.diagnosis.radar).
DIMENSIONS = (
    ("goals", "Goals Not Aligned"),
    ("responsibilities", "Responsibilities Unclear"),
    ("interests", "Interests Unrelated"),
    ("process", "Process Unclear"),
    ("information", "Information Not Shared"),
    ("people", "Wrong People"),
    ("culture", "Culture and Trust"),
)
DIMENSION_KEYS = tuple(key for key, _label in DIMENSIONS)

MIN_RATING = 1
MAX_RATING = 5
WEAK_THRESHOLD = 60.0
MIN_RATINGS = 3  # ratings a dimension needs before its score is shown (evaluations: 3 too)

# The mechanisms of Performance Synergy that close each gap.
MECHANISMS = {
    "goals": ("Strategy map", "Goal cascade", "Linkage matrix"),
    "responsibilities": ("RACI matrices", "Responsibility split of shared KPIs"),
    "interests": ("Interlocked KPIs", "Collaboration points", "Bonus pools"),
    "process": ("Process dashboard", "Internal requests with SLAs"),
    "information": ("Collaboration log", "Early-warning alerts"),
    "people": ("Multi-role evaluations", "Calibration"),
    "culture": ("360 evaluations", "Performance committee"),
}


class DiagnosisError(ValueError):
    """A rating or dimension the diagnosis cannot use."""


def rating_to_score(mean: float) -> float:
    """A mean rating on 1-5 as a score on 0-100 (5 = no gap = 100)."""
    if not MIN_RATING <= mean <= MAX_RATING:
        raise DiagnosisError(f"A mean rating must lie between {MIN_RATING} and {MAX_RATING}.")
    return (mean - MIN_RATING) / (MAX_RATING - MIN_RATING) * 100.0


def dimension_scores(
    ratings: Iterable[tuple[str, int]], min_ratings: int = 1
) -> dict[str, float | None]:
    """{dimension: score 0-100, or None when fewer than ``min_ratings`` rated it} from
    (dimension, rating) pairs."""
    if min_ratings < 1:
        raise DiagnosisError("A dimension needs at least one rating to be scored.")
    by_dimension = defaultdict(list)
    for dimension, rating in ratings:
        if dimension not in MECHANISMS:
            raise DiagnosisError(f"Unknown dimension {dimension!r}.")
        if not MIN_RATING <= rating <= MAX_RATING:
            raise DiagnosisError(
                f"Rating {rating!r} of {dimension!r} must lie between {MIN_RATING} and "
                f"{MAX_RATING}."
            )
        by_dimension[dimension].append(rating)
    return {
        key: rating_to_score(sum(values) / len(values))
        if len(values := by_dimension.get(key, ())) >= min_ratings
        else None
        for key in DIMENSION_KEYS
    }


def weak_dimensions(
    scores: Mapping[str, float | None], threshold: float = WEAK_THRESHOLD
) -> list[str]:
    """The rated dimensions scoring under ``threshold``, weakest first."""
    weak = [
        (score, DIMENSION_KEYS.index(key), key)
        for key, score in scores.items()
        if score is not None and score < threshold
    ]
    return [key for _score, _index, key in sorted(weak)]


def recommendations(
    scores: Mapping[str, float | None], threshold: float = WEAK_THRESHOLD
) -> list[tuple[str, float, tuple[str, ...]]]:
    """(dimension, score, mechanisms) of every weak dimension, weakest first."""
    return [(key, scores[key], MECHANISMS[key]) for key in weak_dimensions(scores, threshold)]
