"""Consolidation of subsidiaries' KPI values (DESIGN.md section 11), without Odoo.

Every entity reports its own values in its own currency. A value is translated into the group
currency at the closing rate (balance KPIs) or the period's average rate (flow KPIs), reduced by
the entity's intercompany eliminations, and carried up the group tree with the entity's share:
100 % under full consolidation, the ownership under proportional consolidation, nothing under
the equity method for additive KPIs. Each node of the tree combines its own value with its
children's by the KPI's rule:

* ``sum``: Σ of the shared, eliminated, translated values;
* ``ratio``: consolidated numerator ÷ consolidated denominator (× factor), never a mean of ratios;
* ``weighted_average``: Σ value × basis ÷ Σ basis, the basis being another KPI consolidated as a
  sum (so that shares and eliminations weigh in);
* ``min`` / ``max``: the extreme translated value of the subtree (risk indices), every entity
  counting whatever its method.

The result is a plain list of origin rows (one per entity and KPI it reports) and node rows (one
per entity of the tree and KPI: the consolidated value of its subtree), computed in a fixed
order so that re-running on the same inputs gives identical numbers.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

RULES = ("sum", "ratio", "weighted_average", "min", "max")
NATURES = ("flow", "balance", "none")
METHODS = ("full", "proportional", "equity")


class ConsolidationError(ValueError):
    """Inputs that cannot be consolidated; the message says what to correct."""


# ---------------------------------------------------------------------- currency
def rate_at(points: Sequence[tuple[date, float]], day: date) -> float:
    """Rate in force on ``day`` from sorted (date, rate) points, as Odoo reads them: the last
    rate on or before the day, else the first rate after it, else 1."""
    if not points:
        return 1.0
    index = bisect_right([point[0] for point in points], day)
    return float(points[index - 1][1] if index else points[0][1])


def conversion(from_points, to_points, day: date) -> float:
    """Units of the target currency for one unit of the source currency on ``day``.

    Odoo stores a currency's rate as units of that currency per unit of the company currency,
    so converting X into Y multiplies by rate(Y) / rate(X)."""
    source = rate_at(from_points, day)
    if not source:
        raise ConsolidationError(f"A currency rate of 0 on {day} cannot be used to translate.")
    return rate_at(to_points, day) / source


def closing_rate(from_points, to_points, end: date) -> float:
    """The rate in force on the last day of the period (for balance KPIs)."""
    return conversion(from_points, to_points, end)


def average_rate(from_points, to_points, start: date, end: date) -> float:
    """The time-weighted average of the daily rates over [start, end] (for flow KPIs): every day
    of the period weighs the same, whatever the dates on which rates were recorded."""
    if end < start:
        raise ConsolidationError(f"The period ends ({end}) before it starts ({start}).")
    changes = sorted(
        {start} | {day for day, _rate in (*from_points, *to_points) if start < day <= end}
    )
    total = 0.0
    for index, day in enumerate(changes):
        following = changes[index + 1] if index + 1 < len(changes) else end + timedelta(days=1)
        total += conversion(from_points, to_points, day) * (following - day).days
    return total / ((end - start).days + 1)


# ---------------------------------------------------------------------- inputs and outputs
@dataclass(frozen=True)
class Kpi:
    key: Hashable
    rule: str = "sum"
    nature: str = "none"
    numerator: Hashable | None = None
    denominator: Hashable | None = None
    basis: Hashable | None = None
    factor: float = 1.0


@dataclass(frozen=True)
class Entity:
    key: Hashable
    parent: Hashable | None
    method: str = "full"
    ownership: float = 100.0
    closing_rate: float = 1.0
    average_rate: float = 1.0
    values: Mapping[Hashable, float] = field(default_factory=dict)
    eliminations: Mapping[Hashable, float] = field(default_factory=dict)


@dataclass(frozen=True)
class OriginRow:
    """One entity's own value of one KPI and what it contributes to the group."""

    kpi: Hashable
    entity: Hashable
    local_value: float
    rate_type: str  # closing / average / none
    rate: float
    translated: float
    elimination_local: float
    elimination: float
    share: float  # into the parent entity
    effective_share: float  # into the group: product of the shares up the tree
    contribution: float | None  # additive KPIs: (translated - elimination) x effective share


@dataclass(frozen=True)
class NodeRow:
    """The consolidated value of one KPI for an entity's whole subtree."""

    kpi: Hashable
    entity: Hashable
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    basis: float | None = None
    entity_count: int = 0


@dataclass
class Result:
    origins: list[OriginRow]
    nodes: list[NodeRow]

    def group_value(self, kpi, root):
        for node in self.nodes:
            if node.kpi == kpi and node.entity == root:
                return node.value
        return None


def share_of(method: str, ownership: float) -> float:
    """The part of an entity's additive values that its parent takes."""
    if method not in METHODS:
        raise ConsolidationError(f"Unknown consolidation method {method!r}.")
    if not 0 <= ownership <= 100:
        raise ConsolidationError(f"An ownership of {ownership} % is not between 0 and 100 %.")
    if method == "full":
        return 1.0
    if method == "proportional":
        return ownership / 100.0
    return 0.0


# ---------------------------------------------------------------------- consolidation
def _tree(entities: Sequence[Entity]):
    by_key = {entity.key: entity for entity in entities}
    if len(by_key) != len(entities):
        raise ConsolidationError("An entity appears twice in the group.")
    roots = [entity.key for entity in entities if entity.parent is None]
    if len(roots) != 1:
        raise ConsolidationError(f"A group has exactly one root entity, not {len(roots)}.")
    children = {key: [] for key in by_key}
    for entity in entities:
        if entity.parent is not None:
            if entity.parent not in by_key:
                raise ConsolidationError(f"Entity {entity.key!r} has an unknown parent.")
            children[entity.parent].append(entity.key)
    order = []  # pre-order from the root; reversed, it is a bottom-up order
    stack = [roots[0]]
    while stack:
        key = stack.pop()
        order.append(key)
        stack.extend(sorted(children[key], key=repr, reverse=True))
    if len(order) != len(by_key):
        raise ConsolidationError("The group tree has a cycle or a detached entity.")
    return by_key, children, roots[0], order


def _kpi_order(kpis: Sequence[Kpi]):
    """Sum KPIs first, then the KPIs computed from them."""
    by_key = {kpi.key: kpi for kpi in kpis}
    for kpi in kpis:
        if kpi.rule not in RULES:
            raise ConsolidationError(f"KPI {kpi.key!r}: unknown consolidation rule {kpi.rule!r}.")
        if kpi.nature not in NATURES:
            raise ConsolidationError(f"KPI {kpi.key!r}: unknown currency nature {kpi.nature!r}.")
        needs = {
            "ratio": (kpi.numerator, kpi.denominator),
            "weighted_average": (kpi.basis,),
        }.get(kpi.rule, ())
        for other in needs:
            if other is None or other not in by_key or by_key[other].rule != "sum":
                raise ConsolidationError(
                    f"KPI {kpi.key!r} ({kpi.rule}) needs its numerator, denominator or basis "
                    "KPI in the run, consolidated as a sum."
                )
    return sorted(kpis, key=lambda kpi: (kpi.rule != "sum", repr(kpi.key)))


def _own_values(kpi, by_key, order, share, effective, origins):
    """{entity: translated value net of eliminations} for the entities reporting ``kpi``;
    appends their origin rows."""
    rate_type = {"flow": "average", "balance": "closing"}.get(kpi.nature, "none")
    own = {}
    for key in order:
        entity = by_key[key]
        elimination_local = float(entity.eliminations.get(kpi.key, 0.0) or 0.0)
        if kpi.key not in entity.values:
            if elimination_local:
                raise ConsolidationError(
                    f"Entity {key!r} eliminates {elimination_local:g} of KPI {kpi.key!r} "
                    "but reports no value for it."
                )
            continue
        local = float(entity.values[kpi.key])
        rate = {"average": entity.average_rate, "closing": entity.closing_rate}.get(rate_type, 1.0)
        if elimination_local and kpi.rule != "sum":
            raise ConsolidationError(
                f"KPI {kpi.key!r} is not additive: eliminate its numerator or denominator instead."
            )
        if elimination_local and (
            abs(elimination_local) > abs(local) or elimination_local * local < 0
        ):
            raise ConsolidationError(
                f"Entity {key!r} eliminates {elimination_local:g} of KPI {kpi.key!r}, more "
                f"than (or opposite to) its value {local:g}."
            )
        translated = local * rate
        elimination = elimination_local * rate
        own[key] = translated - elimination
        origins.append(
            OriginRow(
                kpi=kpi.key,
                entity=key,
                local_value=local,
                rate_type=rate_type,
                rate=rate,
                translated=translated,
                elimination_local=elimination_local,
                elimination=elimination,
                share=share[key],
                effective_share=effective[key],
                contribution=own[key] * effective[key] if kpi.rule == "sum" else None,
            )
        )
    return own


def _node_row(kpi, key, own, below, acc, share, node_sum, net):
    """The consolidated value of ``key``'s subtree from its own value and its children's
    accumulators; stores its own accumulator in ``acc``."""
    count = (key in own) + sum(acc[child][-1] for child in below)
    if kpi.rule == "sum":
        has = key in own or any(acc[c][1] for c in below)
        total = own.get(key, 0.0) + sum(share[c] * acc[c][0] for c in below)
        acc[key] = (total, has, count)
        node_sum[(kpi.key, key)] = total if has else None
        return NodeRow(kpi.key, key, total if has else None, entity_count=count)
    if kpi.rule == "ratio":
        numerator = node_sum.get((kpi.numerator, key))
        denominator = node_sum.get((kpi.denominator, key))
        value = None
        if numerator is not None and denominator:
            value = numerator / denominator * kpi.factor
        acc[key] = (value, value is not None, count)
        return NodeRow(kpi.key, key, value, numerator, denominator, entity_count=count)
    if kpi.rule == "weighted_average":
        own_basis = net.get((kpi.basis, key), 0.0) if key in own else 0.0
        weighted = own.get(key, 0.0) * own_basis + sum(share[c] * acc[c][0] for c in below)
        basis = own_basis + sum(share[c] * acc[c][1] for c in below)
        acc[key] = (weighted, basis, count)
        value = weighted / basis if basis else None
        return NodeRow(kpi.key, key, value, basis=basis, entity_count=count)
    # min / max over the subtree, whatever the method
    pick = min if kpi.rule == "min" else max
    candidates = ([own[key]] if key in own else []) + [acc[c][0] for c in below if acc[c][1]]
    value = pick(candidates) if candidates else None
    acc[key] = (value, value is not None, count)
    return NodeRow(kpi.key, key, value, entity_count=count)


def consolidate(entities: Sequence[Entity], kpis: Sequence[Kpi]) -> Result:
    by_key, children, root, order = _tree(entities)
    share = {
        key: 1.0 if key == root else share_of(by_key[key].method, by_key[key].ownership)
        for key in by_key
    }
    effective = {}
    for key in order:  # pre-order: parents first
        parent = by_key[key].parent
        effective[key] = 1.0 if parent is None else effective[parent] * share[key]
    origins: list[OriginRow] = []
    nodes: list[NodeRow] = []
    net = {}  # (kpi, entity) -> own value net of eliminations, sum KPIs
    node_sum = {}  # (kpi, entity) -> consolidated subtree sum
    for kpi in _kpi_order(kpis):
        own = _own_values(kpi, by_key, order, share, effective, origins)
        acc = {}
        for key in reversed(order):  # bottom-up through the tree
            nodes.append(_node_row(kpi, key, own, children[key], acc, share, node_sum, net))
        if kpi.rule == "sum":
            net.update({(kpi.key, key): value for key, value in own.items()})
    return Result(origins=origins, nodes=nodes)
