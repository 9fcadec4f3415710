import pytest
from engine.calibration import (
    DEFAULT_GUIDELINE,
    GRADES,
    distribution,
    excesses,
    guideline_total,
    shares,
)
from hypothesis import given
from hypothesis import strategies as st

grade_lists = st.lists(st.sampled_from(GRADES), max_size=60)


def test_default_guideline_sums_to_100():
    assert guideline_total(DEFAULT_GUIDELINE) == 100
    assert list(DEFAULT_GUIDELINE) == list(GRADES)


def test_distribution_and_shares():
    counts = distribution(["S", "A", "A", "B", None, "B", "B", "C"])
    assert counts == {"S": 1, "A": 2, "B": 3, "C": 1, "D": 0}
    assert shares(counts) == pytest.approx(
        {"S": 14.2857, "A": 28.5714, "B": 42.8571, "C": 14.2857, "D": 0}, abs=1e-3
    )
    assert shares(distribution([])) == dict.fromkeys(GRADES, 0.0)
    with pytest.raises(ValueError, match="Unknown grade 'X'"):
        distribution(["S", "X"])


def test_seed_population_of_ten():
    # 10 people: S 10 % is one person. Two S exceed the guideline (warning) by exactly one
    # person's share, which an enforcing session tolerates; three S are refused.
    two_s = distribution(["S", "S", "A", "A", "B", "B", "B", "B", "B", "C"])
    warnings = excesses(two_s, DEFAULT_GUIDELINE)
    assert [(e.grade, e.count, e.share, e.guideline) for e in warnings] == [("S", 2, 20.0, 10.0)]
    assert excesses(two_s, DEFAULT_GUIDELINE, tolerance_people=1) == []
    three_s = distribution(["S", "S", "S", "A", "B", "B", "B", "B", "B", "C"])
    refused = excesses(three_s, DEFAULT_GUIDELINE, tolerance_people=1)
    assert [(e.grade, e.count, e.share) for e in refused] == [("S", 3, 30.0)]


def test_following_the_guideline_raises_nothing():
    grades = ["S"] * 10 + ["A"] * 20 + ["B"] * 50 + ["C"] * 15 + ["D"] * 5
    assert excesses(distribution(grades), DEFAULT_GUIDELINE) == []
    assert excesses(distribution([]), DEFAULT_GUIDELINE) == []


@given(grade_lists)
def test_counts_cover_the_population(grades):
    counts = distribution(grades)
    assert sum(counts.values()) == len(grades)
    if grades:
        assert sum(shares(counts).values()) == pytest.approx(100)


@given(grade_lists, st.integers(0, 3))
def test_enforced_excesses_are_warnings_too(grades, tolerance):
    counts = distribution(grades)
    warned = {e.grade for e in excesses(counts, DEFAULT_GUIDELINE)}
    enforced = {e.grade for e in excesses(counts, DEFAULT_GUIDELINE, tolerance)}
    assert enforced <= warned


@given(grade_lists)
def test_excess_means_above_the_guideline(grades):
    counts = distribution(grades)
    share_of = shares(counts)
    flagged = {e.grade for e in excesses(counts, DEFAULT_GUIDELINE)}
    for grade in GRADES:
        above = share_of[grade] > DEFAULT_GUIDELINE[grade] + 1e-6
        assert (grade in flagged) == above


@given(grade_lists)
def test_one_more_person_than_tolerated_is_refused(grades):
    counts = distribution(grades)
    total = len(grades)
    for excess in excesses(counts, DEFAULT_GUIDELINE, tolerance_people=1):
        assert excess.count > DEFAULT_GUIDELINE[excess.grade] * total / 100 + 1
