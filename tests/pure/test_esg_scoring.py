"""Supplier ESG scoring (perf_synergy_esg/esg_engine/scoring.py)."""

import pytest
from esg_engine import scoring
from hypothesis import given
from hypothesis import strategies as st

BANDS = [("A", 80, 60), ("B", 65, 40), ("C", 50, 0), ("D", 0, 0)]
scores = st.floats(min_value=0, max_value=100, allow_nan=False)


def test_number_score_both_directions():
    assert scoring.number_score(40, 0, 50) == pytest.approx(80)
    assert scoring.number_score(1, 5, 0) == pytest.approx(80)  # lower is better: 0 at 5
    assert scoring.number_score(-10, 0, 50) == 0
    assert scoring.number_score(70, 0, 50) == 100
    assert scoring.number_score(7, 5, 0) == 0


def test_indicator_scores_by_type():
    assert scoring.indicator_score("boolean", True) == 100
    assert scoring.indicator_score("boolean", True, direction="lower_better") == 0
    assert (
        scoring.indicator_score("selection", "conditional", option_scores={"conditional": 50}) == 50
    )
    assert scoring.indicator_score("selection", "unknown", option_scores={"pass": 100}) == 0
    assert scoring.indicator_score("document", None, has_document=True) == 100
    assert scoring.indicator_score("document", None) == 0
    assert scoring.indicator_score("number", None) is None


def test_theme_and_overall_skip_unanswered():
    rows = [("environment", 80, 1), ("environment", 100, 1), ("environment", None, 5)]
    rows += [("ethics", 100, 2), ("labor_human_rights", None, 1)]
    themes = scoring.theme_scores(rows)
    assert themes == {"environment": pytest.approx(90), "ethics": 100}
    assert scoring.overall_score(themes) == pytest.approx(95)
    assert scoring.overall_score(themes, {"environment": 3}) == pytest.approx(92.5)
    assert scoring.overall_score({}) is None


def test_rating_theme_minimum():
    assert scoring.rating(93.3, {"e": 90, "l": 90, "x": 100}, BANDS) == "A"
    assert scoring.rating(80, {"e": 90, "l": 50, "x": 100}, BANDS) == "B"
    assert scoring.rating(90, {"e": 100, "l": 30}, BANDS) == "C"
    assert scoring.rating(10, {"e": 10}, BANDS) == "D"
    assert scoring.rating(None, {}, BANDS) is None


def test_compliant():
    assert scoring.compliant(60, {"e": 40}, 50, 30)
    assert not scoring.compliant(60, {"e": 20}, 50, 30)
    assert not scoring.compliant(None, {}, 50)


@given(st.floats(-1e6, 1e6, allow_nan=False), scores, scores)
def test_number_score_bounded(value, zero_at, full_at):
    assert 0 <= scoring.number_score(value, zero_at, full_at) <= 100


@given(st.lists(st.tuples(st.sampled_from("abcd"), st.one_of(st.none(), scores), st.floats(0, 10))))
def test_theme_scores_bounded(rows):
    themes = scoring.theme_scores(rows)
    for value in themes.values():
        assert -1e-9 <= value <= 100 + 1e-9
    overall = scoring.overall_score(themes)
    if themes:
        assert min(themes.values()) - 1e-9 <= overall <= max(themes.values()) + 1e-9


@given(scores, st.dictionaries(st.sampled_from("abcd"), scores, min_size=1), scores)
def test_rating_monotone_in_overall(overall, themes, bump):
    """A higher overall score with the same themes never gives a worse rating."""
    order = [band[0] for band in BANDS]
    low = scoring.rating(overall, themes, BANDS)
    high = scoring.rating(min(100.0, overall + bump), themes, BANDS)
    assert order.index(high) <= order.index(low)
