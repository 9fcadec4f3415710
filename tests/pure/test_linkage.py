import pytest
from engine.linkage import linked_score, raci_problems, split_by_share
from hypothesis import given
from hypothesis import strategies as st


def test_linked_score_moves_by_relevance():
    # Own 80; strongly linked (25 %) to a company KPI at 100, weakly (5 %) to one at 60.
    assert linked_score(80, [(0.25, 100), (0.05, 60)]) == pytest.approx(0.7 * 80 + 25 + 3)
    assert linked_score(80, []) == 80
    with pytest.raises(ValueError):
        linked_score(80, [(0.7, 100), (0.5, 100)])


@given(
    st.floats(0, 120),
    st.lists(st.tuples(st.floats(0, 0.3), st.floats(0, 120)), max_size=3),
)
def test_linked_score_lies_between_extremes(own, links):
    scores = [own] + [score for _, score in links]
    value = linked_score(own, links)
    assert min(scores) - 1e-9 <= value <= max(scores) + 1e-9


def test_split_by_share_seed_example():
    assert split_by_share(10000, {"sales": 50, "service": 30, "rd": 20}) == {
        "sales": 5000,
        "service": 3000,
        "rd": 2000,
    }
    assert split_by_share(100, {}) == {}


@given(st.floats(0, 1e6), st.lists(st.floats(0.01, 100), min_size=1, max_size=6))
def test_split_adds_up(amount, shares):
    parts = split_by_share(amount, dict(enumerate(shares)))
    assert sum(parts.values()) == pytest.approx(round(amount, 2), abs=0.011)


def test_raci_problems():
    assert raci_problems({"Plan": ["A", "R", "C"], "Do": ["R", "R", "A"]}) == []
    problems = raci_problems({"Plan": ["R", "C"], "Do": ["A", "A", "C"]})
    assert problems == [
        "Plan: 0 accountable (A), exactly 1 is needed",
        "Do: 2 accountable (A), exactly 1 is needed",
        "Do: no responsible (R), at least 1 is needed",
    ]
