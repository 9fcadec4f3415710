import pytest
from engine.bonus import gate_failures, gate_open, shares_total, split_pool, weighted
from hypothesis import assume, given
from hypothesis import strategies as st

rows_strategy = st.dictionaries(
    st.text(alphabet="abcdefghij", min_size=1, max_size=4),
    st.tuples(st.floats(0, 100), st.floats(0, 150)),
    min_size=1,
    max_size=8,
)
amounts = st.floats(0, 1e7).map(lambda amount: round(amount, 2))


def test_seed_example():
    # 100 000 split 50/30/20 with achievements 100/90/80: weights 50, 27, 16 of 93.
    parts = split_pool(100000, {"sales": (50, 100), "service": (30, 90), "rd": (20, 80)}, digits=2)
    assert parts == {"sales": 53763.44, "service": 29032.26, "rd": 17204.30}
    assert sum(parts.values()) == pytest.approx(100000)


def test_weighted_is_share_times_achievement():
    assert weighted(40, 90) == pytest.approx(36)
    with pytest.raises(ValueError):
        weighted(-1, 90)
    with pytest.raises(ValueError):
        weighted(10, -5)


def test_gate():
    assert gate_open({}, 100), "a pool without gate is always open"
    assert gate_open({"a": 100, "b": 120}, 100)
    assert not gate_open({"a": 100, "b": 99.99}, 100)
    assert gate_failures({"a": 80, "b": 120, "c": 95}, 100) == ["a", "c"]


def test_closed_gate_or_no_achievement_pays_nothing():
    rows = {"sales": (60, 100), "ops": (40, 100)}
    assert split_pool(5000, rows, is_open=False) == {"sales": 0.0, "ops": 0.0}
    assert split_pool(5000, {"sales": (60, 0), "ops": (40, 0)}) == {"sales": 0.0, "ops": 0.0}
    assert split_pool(5000, {}) == {}


def test_negative_pool_is_refused():
    with pytest.raises(ValueError):
        split_pool(-1, {"a": (100, 100)})


def test_rounding_remainder_goes_to_largest_remainder():
    parts = split_pool(100, {"a": (1, 100), "b": (1, 100), "c": (1, 100)})
    assert sorted(parts.values()) == [33.33, 33.33, 33.34]
    assert split_pool(10, {"a": (1, 100), "b": (1, 100), "c": (1, 100)}, digits=0) == {
        "a": 4.0,
        "b": 3.0,
        "c": 3.0,
    }


def test_shares_total():
    assert shares_total({"a": 33.333, "b": 33.333, "c": 33.334}) == 100
    assert shares_total({"a": 60, "b": 30}) == 90


@given(amounts, rows_strategy)
def test_amounts_sum_to_the_pool(amount, rows):
    assume(sum(weighted(share, ach) for share, ach in rows.values()) > 1e-6)
    parts = split_pool(amount, rows)
    assert set(parts) == set(rows)
    assert round(sum(parts.values()), 2) == pytest.approx(amount, abs=1e-6)
    assert all(part >= 0 for part in parts.values())


@given(amounts, rows_strategy)
def test_zero_when_gate_closed(amount, rows):
    assert set(split_pool(amount, rows, is_open=False).values()) == {0.0}


@given(amounts, rows_strategy)
def test_proportional_to_share_times_achievement(amount, rows):
    total = sum(weighted(share, ach) for share, ach in rows.values())
    assume(total > 1e-6)
    parts = split_pool(amount, rows)
    for key, (share, achievement) in rows.items():
        exact = amount * weighted(share, achievement) / total
        # Largest-remainder rounding moves each part by less than one cent.
        assert abs(parts[key] - exact) < 0.01 + 1e-6


@given(amounts, rows_strategy, st.floats(1.01, 3))
def test_more_achievement_never_pays_less(amount, rows, factor):
    key = next(iter(rows))
    share, achievement = rows[key]
    assume(share * achievement > 1e-3)
    better = {**rows, key: (share, achievement * factor)}
    assert split_pool(amount, better)[key] >= split_pool(amount, rows)[key] - 0.01
