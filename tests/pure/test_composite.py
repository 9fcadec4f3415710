import pytest
from engine.composite import Composite, redistribute
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
