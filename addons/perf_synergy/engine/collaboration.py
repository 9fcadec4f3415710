"""The collaboration map (issue 20): how departments serve each other, pair by pair.

A *seam* is an ordered pair of departments: the **served** department (it raises requests,
accountable for a RACI task, evaluates as an internal customer) and the **serving** department
(it answers the requests, is consulted, is evaluated). Its figures come from the behaviour log
(``synergy.event``), the requests still unanswered past their deadline, the behaviour points
that one department's people credit to another's (shown, not weighted) and the evaluations of
closed campaigns; this module turns them into a *service health* out of 100 and orders the
weakest seams. Pure Python: no Odoo import (tests/pure/test_collaboration.py).

Service health = weighted mean of the parts that have data (docs/formulas.md):

==============  ======  =============================================================
part            weight  value out of 100
==============  ======  =============================================================
``sla``           40    answers on time / (answers on time + late + overdue unanswered)
``rating``        25    mean acceptance rating 1-5 as (mean - 1) / 4 x 100
``evaluation``    20    mean of the evaluation responses of the served department's
                        people about the serving department, 1-5 as above; only with at
                        least the company's minimum number of distinct evaluators
``raci``          15    RACI consultations answered / consultations
==============  ======  =============================================================

A part without data (no answer due, no rating, too few evaluators, no consultation) is left
out and its weight goes to the others in proportion; no part at all: no health (None), never 0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .evaluation import to_score

WEIGHTS: dict[str, float] = {"sla": 40.0, "rating": 25.0, "evaluation": 20.0, "raci": 15.0}
PARTS = tuple(WEIGHTS)
# Tones of a health: green from 80, amber from 60, red below.
GOOD = 80.0
FAIR = 60.0
# A seam is weak when it has a late or overdue answer, an unanswered consultation, or a
# rating / evaluation / health below this.
WEAK_RATING = 3.0
WEAK_SCORE = FAIR


@dataclass
class Seam:
    """The figures of one (served, serving) pair in a period."""

    served: int
    serving: int
    raised: int = 0  # requests raised by served to serving
    on_time: int = 0  # answered within the first-response SLA
    late: int = 0  # answered after it
    overdue: int = 0  # raised in the period, still unanswered past it
    rating_sum: float = 0.0  # acceptance ratings 1-5
    rating_count: int = 0
    reopened: int = 0
    consulted: int = 0  # RACI consultations of serving by served's accountable task
    consult_answered: int = 0
    evaluation_mean: float | None = None  # 1-5, None below the anonymity threshold
    evaluator_count: int = 0  # distinct evaluators (shown only with the mean)
    evaluation_hidden: bool = False  # answers exist but too few evaluators
    points: float = 0.0  # approved behaviour points credited to serving by served's people
    point_records: int = 0

    @property
    def key(self) -> tuple[int, int]:
        return (self.served, self.serving)

    @property
    def late_total(self) -> int:
        """Late answers plus requests still unanswered past their deadline."""
        return self.late + self.overdue

    @property
    def answers_due(self) -> int:
        return self.on_time + self.late + self.overdue

    @property
    def rating(self) -> float | None:
        return self.rating_sum / self.rating_count if self.rating_count else None

    def parts(self) -> dict[str, float | None]:
        return parts(self)

    def health(self, weights: Mapping[str, float] = WEIGHTS) -> float | None:
        return service_health(parts(self), weights)


def parts(seam: Seam) -> dict[str, float | None]:
    """Each part of the seam's service health out of 100, None when it has no data."""
    due = seam.answers_due
    rating = seam.rating
    return {
        "sla": seam.on_time / due * 100.0 if due else None,
        "rating": to_score(rating) if rating is not None else None,
        "evaluation": to_score(seam.evaluation_mean) if seam.evaluation_mean is not None else None,
        "raci": seam.consult_answered / seam.consulted * 100.0 if seam.consulted else None,
    }


def service_health(
    values: Mapping[str, float | None], weights: Mapping[str, float] = WEIGHTS
) -> float | None:
    """Weighted mean of the parts that have a value; the weights of the missing parts go to
    the others in proportion. None when no part has a value (or all weights are 0)."""
    total = 0.0
    weight_sum = 0.0
    for name, weight in weights.items():
        value = values.get(name)
        if value is None or weight <= 0:
            continue
        if not math.isfinite(value):
            raise ValueError(f"Part {name} of a service health is not a number: {value!r}.")
        total += value * weight
        weight_sum += weight
    if not weight_sum:
        return None
    return total / weight_sum


def tone(health: float | None) -> str:
    if health is None:
        return "muted"
    if health >= GOOD:
        return "success"
    if health >= FAIR:
        return "warning"
    return "danger"


def evaluation_aggregate(
    means_by_evaluator: Mapping[object, Iterable[float]], min_evaluators: int
) -> tuple[float | None, int, bool]:
    """(mean 1-5 of every response mean, distinct evaluators, hidden) of one pair.

    Anonymity: below ``min_evaluators`` distinct evaluators (at least 1) nothing is given -
    mean None, count 0 - and ``hidden`` says that answers exist but are too few to show.
    """
    means = [m for values in means_by_evaluator.values() for m in values]
    evaluators = sum(1 for values in means_by_evaluator.values() if list(values))
    if not means:
        return None, 0, False
    if evaluators < max(min_evaluators, 1):
        return None, 0, True
    return sum(means) / len(means), evaluators, False


def is_weak(seam: Seam) -> bool:
    """A seam worth a look: a late or overdue answer, an unanswered consultation, negative
    behaviour points, a low rating, a low evaluation or a low health."""
    if seam.late_total or seam.consulted > seam.consult_answered or seam.points < 0:
        return True
    rating = seam.rating
    if rating is not None and rating < WEAK_RATING:
        return True
    values = parts(seam)
    if values["evaluation"] is not None and values["evaluation"] < WEAK_SCORE:
        return True
    health = service_health(values)
    return health is not None and health < WEAK_SCORE


def weakness_key(seam: Seam) -> tuple:
    """Weakest first: most late answers (late + overdue), then the lowest rating (unrated
    after rated), then the lowest health (none last), then the most unanswered
    consultations; ties by department ids, so the order is stable."""
    rating = seam.rating
    health = seam.health()
    return (
        -seam.late_total,
        rating if rating is not None else math.inf,
        health if health is not None else math.inf,
        -(seam.consulted - seam.consult_answered),
        seam.served,
        seam.serving,
    )


def weakest_seams(seams: Iterable[Seam], limit: int | None = 10) -> list[Seam]:
    """The weak seams (:func:`is_weak`), weakest first (:func:`weakness_key`)."""
    weak = sorted((s for s in seams if is_weak(s)), key=weakness_key)
    return weak if limit is None else weak[:limit]
