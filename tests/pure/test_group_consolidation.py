"""Consolidation arithmetic of the group addon (group_engine.consolidation)."""

from datetime import date

import pytest
from group_engine.consolidation import (
    ConsolidationError,
    Entity,
    Kpi,
    average_rate,
    closing_rate,
    consolidate,
    rate_at,
    share_of,
)
from hypothesis import given
from hypothesis import strategies as st

REVENUE = Kpi("revenue", "sum", "flow")
ASSETS = Kpi("assets", "sum", "balance")
PROFIT = Kpi("profit", "sum", "flow")
INVEST = Kpi("invest", "sum", "balance")
ROI = Kpi("roi", "ratio", "none", numerator="profit", denominator="invest", factor=100.0)
SATISFACTION = Kpi("csat", "weighted_average", "none", basis="revenue")
RISK = Kpi("risk", "max", "none")
SAFETY = Kpi("safety", "min", "none")


def group(**values):
    """Parent P (CNY), US full (rate 7), HK 60 % proportional (rate 0.9), JV equity 50 %."""
    return [
        Entity("P", None, values=values.get("P", {})),
        Entity("US", "P", "full", 100, 7.2, 7.0, values.get("US", {}), values.get("US_e", {})),
        Entity("HK", "P", "proportional", 60, 0.92, 0.9, values.get("HK", {})),
        Entity("JV", "P", "equity", 50, 1.0, 1.0, values.get("JV", {})),
    ]


def test_rates_follow_odoo_reading():
    points = [(date(2030, 1, 1), 2.0), (date(2030, 7, 1), 4.0)]
    assert rate_at(points, date(2029, 12, 31)) == 2.0  # before the first rate: the first one
    assert rate_at(points, date(2030, 6, 30)) == 2.0
    assert rate_at(points, date(2030, 7, 1)) == 4.0
    assert rate_at([], date(2030, 1, 1)) == 1.0
    # one CNY = 0.125 USD in Odoo's terms, so one USD is 8 CNY
    usd = [(date(2030, 1, 1), 0.125)]
    assert closing_rate(usd, [], date(2030, 12, 31)) == 8.0


def test_average_rate_weighs_days():
    usd = [(date(2030, 1, 1), 0.25), (date(2030, 1, 11), 0.125)]
    # 10 days at 4, 21 days at 8 in January
    assert average_rate(usd, [], date(2030, 1, 1), date(2030, 1, 31)) == pytest.approx(
        (10 * 4 + 21 * 8) / 31
    )
    assert closing_rate(usd, [], date(2030, 1, 31)) == 8.0
    with pytest.raises(ConsolidationError):
        average_rate(usd, [], date(2030, 2, 1), date(2030, 1, 1))


def test_methods_and_currency():
    result = consolidate(
        group(
            P={"revenue": 100.0, "assets": 1000.0},
            US={"revenue": 10.0, "assets": 20.0},
            HK={"revenue": 50.0, "assets": 100.0},
            JV={"revenue": 999.0, "assets": 999.0},
        ),
        [REVENUE, ASSETS],
    )
    # revenue (flow, average rates): 100 + 10 x 7 + 50 x 0.9 x 60 %; the JV is excluded
    assert result.group_value("revenue", "P") == pytest.approx(100 + 70 + 27)
    # assets (balance, closing rates): 1000 + 20 x 7.2 + 100 x 0.92 x 60 %
    assert result.group_value("assets", "P") == pytest.approx(1000 + 144 + 55.2)
    hk = next(o for o in result.origins if o.entity == "HK" and o.kpi == "revenue")
    assert (hk.rate_type, hk.rate, hk.translated, hk.share) == ("average", 0.9, 45.0, 0.6)
    assert hk.contribution == pytest.approx(27.0)
    jv = next(o for o in result.origins if o.entity == "JV" and o.kpi == "revenue")
    assert jv.contribution == 0.0
    total = sum(o.contribution for o in result.origins if o.kpi == "revenue")
    assert total == pytest.approx(result.group_value("revenue", "P"))


def test_eliminations():
    result = consolidate(
        group(P={"revenue": 100.0}, US={"revenue": 10.0}, US_e={"revenue": 4.0}), [REVENUE]
    )
    assert result.group_value("revenue", "P") == pytest.approx(100 + (10 - 4) * 7)
    us = next(o for o in result.origins if o.entity == "US")
    assert (us.elimination_local, us.elimination) == (4.0, 28.0)
    with pytest.raises(ConsolidationError, match="more than"):
        consolidate(group(US={"revenue": 10.0}, US_e={"revenue": 11.0}), [REVENUE])
    with pytest.raises(ConsolidationError, match="reports no value"):
        consolidate(group(US_e={"revenue": 1.0}), [REVENUE])


def test_roi_is_recomputed_not_averaged():
    result = consolidate(
        group(
            P={"profit": 10.0, "invest": 100.0, "roi": 10.0},
            US={"profit": 3.0, "invest": 10.0, "roi": 30.0},
            HK={"profit": 0.0, "invest": 50.0, "roi": 0.0},
        ),
        [ROI, PROFIT, INVEST],
    )
    profit = 10 + 3 * 7.0 + 0
    invest = 100 + 10 * 7.2 + 50 * 0.92 * 0.6
    assert result.group_value("roi", "P") == pytest.approx(profit / invest * 100)
    node = next(n for n in result.nodes if n.kpi == "roi" and n.entity == "P")
    assert (node.numerator, node.denominator) == (pytest.approx(profit), pytest.approx(invest))
    assert result.group_value("roi", "P") != pytest.approx((10 + 30 + 0) / 3)


def test_weighted_average_min_max():
    result = consolidate(
        group(
            P={"revenue": 100.0, "csat": 80.0, "risk": 2.0, "safety": 90.0},
            US={"revenue": 10.0, "csat": 60.0, "risk": 5.0, "safety": 70.0},
            JV={"revenue": 50.0, "csat": 10.0, "risk": 9.0, "safety": 20.0},
        ),
        [REVENUE, SATISFACTION, RISK, SAFETY],
    )
    # weights: P 100, US 70 (translated revenue), JV 0 (equity)
    assert result.group_value("csat", "P") == pytest.approx((80 * 100 + 60 * 70) / 170)
    assert result.group_value("risk", "P") == 9.0  # risk indices count every entity
    assert result.group_value("safety", "P") == 20.0


def test_invalid_inputs():
    with pytest.raises(ConsolidationError, match="exactly one root"):
        consolidate([Entity("A", None), Entity("B", None)], [REVENUE])
    with pytest.raises(ConsolidationError, match="cycle"):
        consolidate([Entity("A", None), Entity("B", "C"), Entity("C", "B")], [REVENUE])
    with pytest.raises(ConsolidationError, match="numerator"):
        consolidate([Entity("A", None)], [ROI])
    with pytest.raises(ConsolidationError):
        share_of("full", 120)


amounts = st.floats(min_value=0, max_value=1e6, allow_nan=False)
ownerships = st.floats(min_value=0, max_value=100, allow_nan=False)
rates = st.floats(min_value=0.01, max_value=100, allow_nan=False)


@given(amounts, amounts, rates, st.floats(min_value=0, max_value=1))
def test_idempotent_and_bounded_elimination(parent, child, rate, part):
    entities = [
        Entity("P", None, values={"revenue": parent}),
        Entity(
            "S",
            "P",
            "full",
            100,
            rate,
            rate,
            {"revenue": child},
            {"revenue": child * part},
        ),
    ]
    first = consolidate(entities, [REVENUE])
    assert first == consolidate(entities, [REVENUE])
    value = first.group_value("revenue", "P")
    assert parent - 1e-6 <= value <= parent + child * rate + 1e-6


@given(amounts, amounts, rates)
def test_full_equals_proportional_at_100(parent, child, rate):
    def run(method):
        entities = [
            Entity("P", None, values={"revenue": parent}),
            Entity("S", "P", method, 100.0, rate, rate, {"revenue": child}),
        ]
        return consolidate(entities, [REVENUE]).group_value("revenue", "P")

    assert run("full") == pytest.approx(run("proportional"))


@given(amounts, amounts, amounts, ownerships, ownerships, rates)
def test_contributions_add_up_through_a_chain(a, b, c, own_b, own_c, rate):
    entities = [
        Entity("A", None, values={"revenue": a}),
        Entity("B", "A", "proportional", own_b, rate, rate, {"revenue": b}),
        Entity("C", "B", "proportional", own_c, 1.0, 1.0, {"revenue": c}),
    ]
    result = consolidate(entities, [REVENUE])
    expected = a + own_b / 100 * (b * rate + own_c / 100 * c)
    assert result.group_value("revenue", "A") == pytest.approx(expected)
    assert sum(o.contribution for o in result.origins) == pytest.approx(expected)


@given(
    st.lists(st.tuples(st.integers(0, 364), rates), min_size=1, max_size=6),
)
def test_average_rate_between_extremes(points):
    start = date(2030, 1, 1)
    series = sorted({(date.fromordinal(start.toordinal() + d), r) for d, r in points})
    dedup = dict(series)
    series = sorted(dedup.items())
    average = average_rate([], series, start, date(2030, 12, 31))
    values = [r for _d, r in series]
    assert min(values) - 1e-9 <= average <= max(values) + 1e-9
