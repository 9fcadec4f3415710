"""Calibration of results (DESIGN.md section 7): grade distribution against a guideline.

The guideline gives, per grade, the largest share of the population (in %) that should get it
(seed: S 10 %, A 20 %, B 50 %, C 15 %, D 5 %). A grade *exceeds* its guideline when its share is
above it; in ``enforce`` mode a session may only close when no grade exceeds its guideline by
more than one person's share (100 / population %), since a small population cannot follow
percentages exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

GRADES = ("S", "A", "B", "C", "D")
DEFAULT_GUIDELINE = {"S": 10.0, "A": 20.0, "B": 50.0, "C": 15.0, "D": 5.0}
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Excess:
    """A grade above its guideline: ``count`` people, ``share`` % of the population."""

    grade: str
    count: int
    share: float
    guideline: float


def distribution(grades: Iterable[str | None]) -> dict[str, int]:
    """Number of people per grade, for every grade of ``GRADES`` (empty grades are ignored)."""
    counts = dict.fromkeys(GRADES, 0)
    for grade in grades:
        if not grade:
            continue
        if grade not in counts:
            raise ValueError(f"Unknown grade {grade!r}: grades are {', '.join(GRADES)}.")
        counts[grade] += 1
    return counts


def shares(counts: Mapping[str, int]) -> dict[str, float]:
    """Share of each grade in % of the population (0 for all when nobody is graded)."""
    total = sum(counts.values())
    return {grade: (100.0 * count / total if total else 0.0) for grade, count in counts.items()}


def guideline_total(guideline: Mapping[str, float]) -> float:
    return round(sum(guideline.values()), 2)


def excesses(
    counts: Mapping[str, int], guideline: Mapping[str, float], tolerance_people: int = 0
) -> list[Excess]:
    """Grades whose share exceeds their guideline by more than ``tolerance_people`` people's
    share: count > guideline % x population + tolerance_people. ``tolerance_people=0`` gives
    the warnings, ``1`` what an enforcing session refuses."""
    total = sum(counts.values())
    if not total:
        return []
    share_of = shares(counts)
    return [
        Excess(grade, counts[grade], share_of[grade], guideline.get(grade, 0.0))
        for grade in GRADES
        if counts.get(grade, 0) - guideline.get(grade, 0.0) * total / 100.0
        > tolerance_people + TOLERANCE
    ]
