"""Six-gap diagnosis (六大不 plus culture and trust): ratings -> scores -> radar -> mechanisms.

Each respondent rates every dimension from 1 (the gap is severe) to 5 (no gap). A dimension's
score is the mean rating mapped onto 0-100: ``(mean - 1) / 4 * 100``. Dimensions under the weak
threshold point to the mechanisms of the product that address them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from html import escape

# (key, label), in the radar's clockwise order starting at the top.
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


def dimension_scores(ratings: Iterable[tuple[str, int]]) -> dict[str, float | None]:
    """{dimension: score 0-100, or None when nobody rated it} from (dimension, rating) pairs."""
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
        if (values := by_dimension.get(key))
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


def radar_points(
    scores: Mapping[str, float | None], radius: float = 100.0, center: float = 150.0
) -> list[tuple[float, float]]:
    """The polygon's vertices, one per dimension clockwise from the top; unrated = 0."""
    points = []
    for index, key in enumerate(DIMENSION_KEYS):
        angle = 2 * math.pi * index / len(DIMENSION_KEYS)
        length = radius * max(0.0, min(100.0, scores.get(key) or 0.0)) / 100.0
        points.append(
            (
                round(center + length * math.sin(angle), 2),
                round(center - length * math.cos(angle), 2),
            )
        )
    return points


def _polygon(points):
    return " ".join(f"{x:g},{y:g}" for x, y in points)


def radar_svg(
    scores: Mapping[str, float | None],
    labels: Mapping[str, str] | None = None,
    threshold: float = WEAK_THRESHOLD,
) -> str:
    """An inline SVG radar chart of the seven scores, with the weak threshold as a ring."""
    labels = labels or dict(DIMENSIONS)
    radius, center, size = 100.0, 150.0, 300
    full = dict.fromkeys(DIMENSION_KEYS, 100.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-60 0 {size + 120} {size}" '
        f'width="{size + 120}" height="{size}" class="o_synergy_radar" role="img">'
    ]
    for ring in (25.0, 50.0, 75.0, 100.0):
        ring_points = radar_points(dict.fromkeys(DIMENSION_KEYS, ring), radius, center)
        parts.append(
            f'<polygon points="{_polygon(ring_points)}" fill="none" stroke="#d0d0d0" '
            'stroke-width="1"/>'
        )
    threshold_points = radar_points(dict.fromkeys(DIMENSION_KEYS, threshold), radius, center)
    parts.append(
        f'<polygon points="{_polygon(threshold_points)}" fill="none" stroke="#e06666" '
        'stroke-width="1" stroke-dasharray="4 3"/>'
    )
    for key, (x, y) in zip(DIMENSION_KEYS, radar_points(full, radius, center), strict=True):
        parts.append(
            f'<line x1="{center:g}" y1="{center:g}" x2="{x:g}" y2="{y:g}" stroke="#d0d0d0"/>'
        )
        anchor = "middle" if abs(x - center) < 1 else ("start" if x > center else "end")
        label_x = center + (x - center) * 1.12
        label_y = center + (y - center) * 1.12 + 4
        score = scores.get(key)
        text = (
            f"{labels.get(key, key)} ({score:.0f})" if score is not None else labels.get(key, key)
        )
        parts.append(
            f'<text x="{label_x:.2f}" y="{label_y:.2f}" text-anchor="{anchor}" '
            f'font-size="10" fill="#444">{escape(text)}</text>'
        )
    parts.append(
        f'<polygon points="{_polygon(radar_points(scores, radius, center))}" '
        'fill="#714b67" fill-opacity="0.35" stroke="#714b67" stroke-width="2"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
