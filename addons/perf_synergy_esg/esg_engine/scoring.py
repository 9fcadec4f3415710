"""Supplier ESG scoring (DESIGN.md section 10): indicator score 0-100 -> theme score (weighted
mean of its indicators) -> overall score (weighted mean of the themes) -> rating band.

* **Number.** Linear between ``zero_at`` (score 0) and ``full_at`` (score 100), clamped to
  0-100. ``higher_better`` needs ``full_at > zero_at``, ``lower_better`` ``full_at < zero_at``:
  the two thresholds carry the direction, so one formula serves both.
* **Boolean.** Yes = 100 and no = 0 for ``higher_better`` (a certificate held); reversed for
  ``lower_better`` (a breach found).
* **Selection.** The option's score from the catalogue (e.g. audit pass 100, conditional 50,
  fail 0); an option without a score counts 0.
* **Document.** A document given (reference or attachment) = 100, none = 0.
* **Unanswered** optional indicators do not count (they neither help nor hurt); a theme without
  any scored indicator has no score and does not enter the overall score.
* **Rating.** Bands are ``(rating, minimum overall score, minimum score of every theme)`` from the
  best down; the first band whose two minimums are both met is the rating, the last band takes
  everything else. A high overall score with one weak theme therefore cannot reach the top band.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence


def clamp(value: float, low: float = 0.0, high: float = 100.0) -> float:
    return max(low, min(high, value))


def number_score(value: float, zero_at: float, full_at: float) -> float:
    """Linear score of a number between its zero and full thresholds, clamped to 0-100."""
    if zero_at == full_at:
        return 100.0 if value >= full_at else 0.0
    return clamp((value - zero_at) / (full_at - zero_at) * 100.0)


def indicator_score(
    value_type: str,
    value,
    *,
    direction: str = "higher_better",
    zero_at: float = 0.0,
    full_at: float = 100.0,
    option_scores: Mapping[str, float] | None = None,
    has_document: bool = False,
) -> float | None:
    """Score 0-100 of one answer; None when there is nothing to score."""
    if value_type == "document":
        return 100.0 if (value or has_document) else 0.0
    if value is None:
        return None
    if value_type == "boolean":
        good = bool(value) if direction != "lower_better" else not bool(value)
        return 100.0 if good else 0.0
    if value_type == "selection":
        return clamp(float((option_scores or {}).get(value, 0.0)))
    return number_score(float(value), zero_at, full_at)


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Weighted mean of (score, weight) pairs, skipping None scores and non-positive weights."""
    total = weight_sum = 0.0
    for score, weight in pairs:
        if score is None or weight <= 0:
            continue
        total += score * weight
        weight_sum += weight
    return total / weight_sum if weight_sum else None


def theme_scores(rows: Iterable[tuple[str, float | None, float]]) -> dict[str, float]:
    """{theme: score} from (theme, indicator score, weight) rows; themes without score left out."""
    by_theme: dict[str, list[tuple[float | None, float]]] = {}
    for theme, score, weight in rows:
        by_theme.setdefault(theme, []).append((score, weight))
    result = {}
    for theme, pairs in by_theme.items():
        score = weighted_mean(pairs)
        if score is not None:
            result[theme] = score
    return result


def overall_score(themes: Mapping[str, float], weights: Mapping[str, float] | None = None):
    """Weighted mean of the theme scores (equal weights by default); None without any theme."""
    weights = weights or {}
    return weighted_mean((score, weights.get(theme, 1.0)) for theme, score in themes.items())


def rating(
    overall: float | None,
    themes: Mapping[str, float],
    bands: Sequence[tuple[str, float, float]],
) -> str | None:
    """The first band (best first) whose overall and theme minimums are met; the last band
    otherwise. None without a score."""
    if overall is None or not bands:
        return None
    weakest = min(themes.values()) if themes else 0.0
    for name, min_overall, min_theme in bands:
        if overall >= min_overall and weakest >= min_theme:
            return name
    return bands[-1][0]


def compliant(
    overall: float | None, themes: Mapping[str, float], threshold: float, theme_min: float = 0.0
):
    """A supplier is compliant when its overall score reaches ``threshold`` and no theme is below
    ``theme_min``."""
    if overall is None:
        return False
    return overall >= threshold and all(score >= theme_min for score in themes.values())
