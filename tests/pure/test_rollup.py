import pytest
from engine.rollup import aggregate_over_time, rollup
from hypothesis import given
from hypothesis import strategies as st

values = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=20
)


def test_rules():
    assert rollup([1, 2, 3], "sum") == 6
    assert rollup([1, 2, 3], "average") == 2
    assert rollup([1, 2, 3], "min") == 1
    assert rollup([1, 2, 3], "max") == 3
    assert rollup([10, 20], "weighted_average", [3, 1]) == 12.5
    assert rollup([], "sum") is None
    with pytest.raises(ValueError):
        rollup([1], "median")
    with pytest.raises(ValueError):
        rollup([1, 2], "weighted_average", [1])


def test_time_aggregation():
    assert aggregate_over_time([1, 2, 3], "sum") == 6
    assert aggregate_over_time([1, 2, 3], "average") == 2
    assert aggregate_over_time([1, 2, 3], "last") == 3
    assert aggregate_over_time([], "sum") is None


@given(values)
def test_average_lies_between_min_and_max(xs):
    assert rollup(xs, "min") - 1e-6 <= rollup(xs, "average") <= rollup(xs, "max") + 1e-6


@given(values)
def test_equal_weights_give_the_average(xs):
    assert rollup(xs, "weighted_average", [1] * len(xs)) == pytest.approx(
        rollup(xs, "average"), abs=1e-6
    )
