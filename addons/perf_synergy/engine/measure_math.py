"""Arithmetic of automatic measures: owner sources are mapped to the owners of scorecards (a
user's tasks to the user's department...), and aggregates per owner turned into values."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

AGGREGATES = ("count", "sum", "avg", "ratio")


def source_owner_arrays(
    sources: Iterable[object],
    owner_of: Callable[[object], object],
    key: Callable[[object], int] = lambda record: record.id,
) -> tuple[tuple[list[int], list[int]], dict[int, object]]:
    """Map each owner source (a user, an employee, a team...) to the owner it is credited to.

    Returns ``((source ids, owner ids), {owner id: owner})``: two parallel arrays that the SQL
    of a measure joins to count each record once per owner, and the owners by id. Sources
    without an owner are left out. Loops over sources (as many as owners), never over records.
    """
    source_ids: list[int] = []
    owner_ids: list[int] = []
    owners: dict[int, object] = {}
    for source in sources:
        owner = owner_of(source)
        if owner is None:
            continue
        source_ids.append(key(source))
        owner_ids.append(key(owner))
        owners[key(owner)] = owner
    return (source_ids, owner_ids), owners


def values_by_owner(
    aggregate: str,
    main: Mapping[object, tuple[float, int]],
    numerator: Mapping[object, tuple[float, int]] | None = None,
    numerator_uses_count: bool = True,
    denominator_uses_count: bool = True,
    percent: bool = True,
) -> dict[object, float]:
    """Final value per owner.

    ``main`` holds (sum, count) per owner over the measure's domain; for ``ratio`` it is the
    denominator and ``numerator`` the same over the numerator's narrower domain. Owners whose
    denominator is zero get no value (a ratio of nothing is unknown, not 0).
    """
    if aggregate not in AGGREGATES:
        raise ValueError(f"Unknown aggregate {aggregate!r}; use one of {', '.join(AGGREGATES)}.")
    result = {}
    for owner, (total, count) in main.items():
        if aggregate == "count":
            result[owner] = float(count)
        elif aggregate == "sum":
            result[owner] = float(total)
        elif aggregate == "avg":
            if count:
                result[owner] = total / count
        else:
            denominator = count if denominator_uses_count else total
            if not denominator:
                continue
            num_total, num_count = (numerator or {}).get(owner, (0.0, 0))
            value = (num_count if numerator_uses_count else num_total) / denominator
            result[owner] = value * 100.0 if percent else value
    return result


def dimension_balance(company_total: float, first: Mapping, second: Mapping, tolerance=1e-6):
    """Dimensional double counting check: the same facts credited along two dimensions (regions
    and product lines) must each add up to the company total.

    Returns (first total, second total, balanced).
    """
    first_total = float(sum(first.values()))
    second_total = float(sum(second.values()))
    scale = max(abs(company_total), 1.0)
    balanced = (
        abs(first_total - company_total) <= tolerance * scale
        and abs(second_total - company_total) <= tolerance * scale
    )
    return first_total, second_total, balanced
