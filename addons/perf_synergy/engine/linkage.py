"""Differentiated company -> department linkage and interlock payouts (DESIGN.md section 5)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


def linked_score(own_score: float, links: Sequence[tuple[float, float]]) -> float:
    """(1 - R) x own score + sum(rho_k x company score_k), with R = sum(rho_k).

    ``links`` holds (rho, company score) pairs, rho as a fraction (0.2 for 20 %). A department
    thus moves with the company by exactly its relevance to each company KPI.
    """
    total_ratio = sum(rho for rho, _ in links)
    if total_ratio < 0 or total_ratio > 1:
        raise ValueError(f"The linkage ratios sum to {total_ratio:.0%}; they must lie in 0-100 %.")
    return (1.0 - total_ratio) * own_score + sum(rho * score for rho, score in links)


def split_by_share(amount: float, shares: Mapping[object, float]) -> dict[object, float]:
    """Split ``amount`` by shares in % (rewards and penalties of interlock members).

    The last member absorbs the rounding so that the parts always add up to the amount.
    """
    if not shares:
        return {}
    total = sum(shares.values())
    if not total:
        return dict.fromkeys(shares, 0.0)
    parts = {}
    remaining = round(amount, 2)
    members = list(shares)
    for member in members[:-1]:
        parts[member] = round(amount * shares[member] / total, 2)
        remaining -= parts[member]
    parts[members[-1]] = round(remaining, 2)
    return parts


def raci_problems(roles_by_task: Mapping[str, Sequence[str]]) -> list[str]:
    """Tasks breaking the RACI rule: exactly one A (accountable) and at least one R."""
    problems = []
    for task, roles in roles_by_task.items():
        accountable = sum(1 for role in roles if role == "A")
        responsible = sum(1 for role in roles if role == "R")
        if accountable != 1:
            problems.append(f"{task}: {accountable} accountable (A), exactly 1 is needed")
        if responsible < 1:
            problems.append(f"{task}: no responsible (R), at least 1 is needed")
    return problems
