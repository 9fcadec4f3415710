import pytest
from engine.evaluation import aggregate, blend, flag_outliers, outlier_reason, to_score
from hypothesis import given
from hypothesis import strategies as st

ratings = st.lists(st.integers(1, 5), min_size=1, max_size=4)


def test_to_score():
    assert to_score(1) == 0
    assert to_score(3) == 50
    assert to_score(5) == 100
    with pytest.raises(ValueError):
        to_score(6)


def test_outlier_rules():
    assert outlier_reason([1, 1, 1], [3.0]) == "all_min"
    assert outlier_reason([5, 5], []) == "all_max"
    assert outlier_reason([2, 1, 2], [4.0, 4.5, 4.0]) == "far_from_median"
    assert outlier_reason([3, 4, 3], [4.0, 4.5, 4.0]) is None
    flagged = flag_outliers({"a": [4, 4, 4], "b": [4, 5, 4], "c": [1, 2, 2], "d": [4, 4, 3]})
    assert flagged == {"c": "far_from_median"}


def test_min_responses_protects_anonymity():
    assert aggregate([4.0, 5.0], min_responses=3) is None
    assert aggregate([4.0, 5.0, 3.0], min_responses=3) == 75


def test_role_weights_seed_example():
    # Line manager 4.0, project manager 3.0, internal customers 5.0 and 4.0 (mean 4.5).
    score = aggregate(
        [4.0, 3.0, 5.0, 4.0],
        1,
        {"line_manager": 50, "project_manager": 30, "customer": 20},
        ["line_manager", "project_manager", "customer", "customer"],
    )
    assert score == pytest.approx(to_score(0.5 * 4 + 0.3 * 3 + 0.2 * 4.5))


def test_blend():
    assert blend(80, 60, 0.7) == pytest.approx(74)
    assert blend(None, 60, 0.7) == 60
    assert blend(80, None, 0.7) == 80
    with pytest.raises(ValueError):
        blend(1, 1, 2)


@given(st.lists(ratings, min_size=1, max_size=8))
def test_score_within_bounds(responses):
    means = [sum(r) / len(r) for r in responses]
    value = aggregate(means, 1)
    assert 0 <= value <= 100


@given(st.lists(ratings, min_size=2, max_size=8))
def test_uniform_responses_are_never_far_from_median(responses):
    same = {index: [3, 3, 3] for index in range(len(responses))}
    assert flag_outliers(same) == {}
