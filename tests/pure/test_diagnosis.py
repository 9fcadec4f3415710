import pytest
from engine.diagnosis import (
    DIMENSION_KEYS,
    MECHANISMS,
    DiagnosisError,
    dimension_scores,
    rating_to_score,
    recommendations,
    weak_dimensions,
)
from engine.improvement import improvement, target_reached
from hypothesis import given
from hypothesis import strategies as st


def test_rating_to_score():
    assert rating_to_score(1) == 0
    assert rating_to_score(5) == 100
    assert rating_to_score(3) == 50
    assert rating_to_score(3.4) == pytest.approx(60)
    with pytest.raises(DiagnosisError):
        rating_to_score(0.5)


def test_dimension_scores_are_means():
    scores = dimension_scores(
        [("goals", 2), ("goals", 3), ("culture", 5), ("process", 4), ("process", 5)]
    )
    assert scores["goals"] == pytest.approx(37.5)
    assert scores["culture"] == 100
    assert scores["process"] == pytest.approx(87.5)
    assert scores["people"] is None, "nobody rated it"
    assert list(scores) == list(DIMENSION_KEYS)
    with pytest.raises(DiagnosisError):
        dimension_scores([("goals", 6)])
    with pytest.raises(DiagnosisError):
        dimension_scores([("weather", 3)])


@given(
    st.lists(
        st.tuples(st.sampled_from(DIMENSION_KEYS), st.integers(min_value=1, max_value=5)),
        max_size=40,
    ),
    st.integers(min_value=1, max_value=6),
)
def test_a_dimension_rated_by_too_few_has_no_score(ratings, min_ratings):
    """Below the minimum a dimension shows nothing (its mean would reveal the ratings); from
    the minimum on it shows the mean of all its ratings."""
    scores = dimension_scores(ratings, min_ratings=min_ratings)
    for key in DIMENSION_KEYS:
        values = [rating for dimension, rating in ratings if dimension == key]
        if len(values) < min_ratings:
            assert scores[key] is None
        else:
            assert scores[key] == pytest.approx(rating_to_score(sum(values) / len(values)))
    with pytest.raises(DiagnosisError):
        dimension_scores(ratings, min_ratings=0)


def test_weak_dimensions_and_mechanisms():
    scores = dict.fromkeys(DIMENSION_KEYS, 80.0)
    scores.update(goals=25.0, information=50.0, people=60.0, culture=None)
    assert weak_dimensions(scores) == ["goals", "information"], "60 is not weak, None ignored"
    recs = recommendations(scores)
    assert [key for key, _score, _mechanisms in recs] == ["goals", "information"]
    assert "Strategy map" in recs[0][2]
    assert "Collaboration log" in recs[1][2]
    assert weak_dimensions(scores, threshold=90) == [
        "goals",
        "information",
        "people",
        "responsibilities",
        "interests",
        "process",
    ]
    assert set(MECHANISMS) == set(DIMENSION_KEYS)
    assert "RACI matrices" in MECHANISMS["responsibilities"]
    assert "Interlocked KPIs" in MECHANISMS["interests"]


def test_target_reached():
    assert target_reached("higher_better", 95, 90)
    assert not target_reached("higher_better", 85, 90)
    assert target_reached("lower_better", 3, 5)
    assert not target_reached("lower_better", 6, 5)
    assert target_reached("band", 50, 50)
    assert target_reached("band", 48, 50, band_low=45, band_high=55)
    assert not target_reached("band", 40, 50, band_low=45, band_high=55)
    assert not target_reached("higher_better", None, 0)
    with pytest.raises(ValueError):
        target_reached("sideways", 1, 1)


def test_improvement_sign():
    assert improvement("higher_better", 80, 90) == 10
    assert improvement("lower_better", 10, 6) == 4
    assert improvement("band", 1, 2) is None
    assert improvement("higher_better", None, 2) is None
