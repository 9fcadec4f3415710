import pytest
from engine.composite import Composite, evaluation_weights, redistribute
from hypothesis import given
from hypothesis import strategies as st


def test_seed_example():
    composite = Composite(
        linked_score=90,
        internal_customer_weight=0.10,
        internal_customer_score=80,
        tier_weight=0.10,
        tier_score=70,
        behavior_points=7,
        behavior_cap=5,
    )
    assert composite.capped_behavior == 5
    assert composite.final_score == pytest.approx(0.8 * 90 + 8 + 7 + 5)


def test_negative_points_are_capped_too():
    composite = Composite(80, 0, 0, 0, 0, -12, 5)
    assert composite.final_score == 75


def test_bad_weights():
    with pytest.raises(ValueError):
        _ = Composite(80, 0.7, 0, 0.5, 0, 0, 5).final_score


@given(
    st.floats(0, 120),
    st.floats(0, 0.3),
    st.floats(0, 100),
    st.floats(0, 0.3),
    st.floats(0, 100),
    st.floats(-50, 50),
    st.floats(0, 10),
)
def test_final_is_bounded_by_components(linked, we, ic, wt, tier, points, cap):
    composite = Composite(linked, we, ic, wt, tier, points, cap)
    low = min(linked, ic, tier) - cap
    high = max(linked, ic, tier) + cap
    assert low - 1e-9 <= composite.final_score <= high + 1e-9


def test_redistribute():
    weights = {"own": 0.8, "ic": 0.1, "tier": 0.1}
    assert redistribute(weights, {"ic"}) == pytest.approx(
        {"own": 0.8 / 0.9, "ic": 0, "tier": 0.1 / 0.9}
    )
    assert redistribute(weights, set()) == weights


def test_insufficient_evaluation_weight_goes_to_the_others_in_proportion():
    """docs/formulas.md section 7: R&D (middle office, 10 % / 10 %), tier insufficient."""
    we, wt = evaluation_weights(0.10, 0.10, internal_available=True, tier_available=False)
    assert (we, wt) == pytest.approx((0.1 / 0.9, 0.0))
    assert 1 - we - wt == pytest.approx(0.8 / 0.9)  # the KPI part: 80 % -> 88.9 %
    composite = Composite(88, we, 75, wt, 62.5, 7, 5)
    # 88 x 8/9 + 75 x 1/9 + 5 = 78.22 + 8.33 + 5 = 91.56 (the KPI part alone would give 91.7)
    assert composite.final_score == pytest.approx(88 * 8 / 9 + 75 / 9 + 5)
    assert round(composite.final_score, 2) == 91.56
    # Both insufficient: everything to the KPI part; both available: the scheme's weights.
    assert evaluation_weights(0.1, 0.1, False, False) == (0.0, 0.0)
    assert evaluation_weights(0.1, 0.2) == pytest.approx((0.1, 0.2))


@given(
    st.floats(0, 0.5),
    st.floats(0, 0.5),
    st.booleans(),
    st.booleans(),
)
def test_evaluation_weights_keep_the_total_and_the_proportions(we, wt, ic_ok, tier_ok):
    new_we, new_wt = evaluation_weights(we, wt, ic_ok, tier_ok)
    kpi, new_kpi = 1 - we - wt, 1 - new_we - new_wt
    assert new_we >= 0 and new_wt >= 0 and new_kpi >= -1e-9
    assert (new_we == 0) if not ic_ok else True
    assert (new_wt == 0) if not tier_ok else True
    # The components kept stay in their original proportions.
    if ic_ok and kpi > 1e-9:
        assert new_we * kpi == pytest.approx(we * new_kpi, abs=1e-9)
    if tier_ok and kpi > 1e-9:
        assert new_wt * kpi == pytest.approx(wt * new_kpi, abs=1e-9)
