import pytest
from engine.collaboration import (
    WEIGHTS,
    Seam,
    evaluation_aggregate,
    is_weak,
    parts,
    service_health,
    tone,
    weakest_seams,
    weakness_key,
)
from hypothesis import given
from hypothesis import strategies as st


def test_worked_example_of_formulas_md():
    # Sales (served) and Technology (serving): 4 answers on time, 1 late, 1 still overdue;
    # ratings 3 and 4; 3 evaluators averaging 3.5; 2 consultations, 1 answered.
    seam = Seam(
        served=1,
        serving=2,
        raised=6,
        on_time=4,
        late=1,
        overdue=1,
        rating_sum=7,
        rating_count=2,
        consulted=2,
        consult_answered=1,
        evaluation_mean=3.5,
        evaluator_count=3,
    )
    values = parts(seam)
    assert values["sla"] == pytest.approx(4 / 6 * 100)  # 66.67
    assert values["rating"] == pytest.approx(62.5)  # (3.5 - 1) / 4
    assert values["evaluation"] == pytest.approx(62.5)
    assert values["raci"] == pytest.approx(50.0)
    expected = (66.6667 * 40 + 62.5 * 25 + 62.5 * 20 + 50 * 15) / 100
    assert seam.health() == pytest.approx(expected, abs=1e-3)  # 62.29
    assert tone(seam.health()) == "warning"
    assert seam.late_total == 2


def test_missing_parts_give_their_weight_to_the_others():
    # Only the SLA and the rating: 40 / 25 of the weight.
    assert service_health({"sla": 100.0, "rating": 0.0}) == pytest.approx(100 * 40 / 65)
    assert service_health({"sla": 50.0}) == 50.0
    assert service_health({}) is None
    assert service_health({"sla": None, "rating": None}) is None
    assert Seam(served=1, serving=2).health() is None


def test_a_non_number_is_refused():
    with pytest.raises(ValueError):
        service_health({"sla": float("nan")})


def test_evaluation_hidden_below_the_minimum_of_evaluators():
    assert evaluation_aggregate({}, 3) == (None, 0, False)
    assert evaluation_aggregate({"a": [4.0], "b": [2.0]}, 3) == (None, 0, True)
    mean, count, hidden = evaluation_aggregate({"a": [4.0, 5.0], "b": [2.0], "c": [3.0]}, 3)
    assert (mean, count, hidden) == (pytest.approx(3.5), 3, False)
    # A minimum below 1 still needs one evaluator.
    assert evaluation_aggregate({"a": [4.0]}, 0) == (4.0, 1, False)


def test_tones():
    assert tone(None) == "muted"
    assert tone(80) == "success"
    assert tone(79.99) == "warning"
    assert tone(60) == "warning"
    assert tone(59.9) == "danger"


def test_weakest_seams_most_late_first_then_lowest_rating():
    smooth = Seam(served=1, serving=2, on_time=5, rating_sum=9, rating_count=2)
    late_two = Seam(served=1, serving=3, on_time=1, late=1, overdue=1)
    late_one_bad = Seam(served=2, serving=3, late=1, rating_sum=2, rating_count=1)
    late_one_good = Seam(served=3, serving=1, late=1, rating_sum=5, rating_count=1)
    low_rating = Seam(served=3, serving=2, on_time=2, rating_sum=2, rating_count=1)
    unanswered = Seam(served=2, serving=1, consulted=1)
    assert is_weak(Seam(served=4, serving=5, points=-3.0))
    assert not is_weak(Seam(served=4, serving=5, points=3.0))
    order = weakest_seams([smooth, late_one_good, low_rating, late_two, unanswered, late_one_bad])
    assert order == [late_two, late_one_bad, late_one_good, low_rating, unanswered]
    assert not is_weak(smooth)
    assert weakest_seams([late_two, late_one_bad], limit=1) == [late_two]


seams = st.builds(
    Seam,
    served=st.integers(1, 6),
    serving=st.integers(1, 6),
    raised=st.integers(0, 20),
    on_time=st.integers(0, 20),
    late=st.integers(0, 20),
    overdue=st.integers(0, 5),
    rating_sum=st.just(0.0),
    rating_count=st.just(0),
    consulted=st.integers(0, 5),
    consult_answered=st.integers(0, 5),
    evaluation_mean=st.none() | st.floats(1, 5),
    points=st.floats(-20, 20),
)


@st.composite
def rated_seams(draw):
    seam = draw(seams)
    ratings = draw(st.lists(st.integers(1, 5), max_size=6))
    seam.rating_sum = float(sum(ratings))
    seam.rating_count = len(ratings)
    seam.consult_answered = min(seam.consult_answered, seam.consulted)
    return seam


@given(rated_seams())
def test_health_lies_between_its_parts(seam):
    values = [v for v in parts(seam).values() if v is not None]
    health = seam.health()
    if not values:
        assert health is None
    else:
        assert min(values) - 1e-9 <= health <= max(values) + 1e-9
        assert 0 <= health <= 100 + 1e-9


@given(rated_seams())
def test_a_late_answer_never_improves_health(seam):
    before = seam.health()
    seam.late += 1
    after = seam.health()
    assert after is not None
    if before is not None:
        assert after <= before + 1e-9
    assert parts(seam)["sla"] < 100


@given(rated_seams(), st.integers(0, 4))
def test_an_answer_on_time_never_lowers_the_sla_part(seam, extra):
    before = parts(seam)["sla"]
    seam.on_time += extra
    after = parts(seam)["sla"]
    if before is not None:
        assert after >= before - 1e-9


@given(st.lists(rated_seams(), max_size=12))
def test_weakest_seams_are_weak_and_ordered(all_seams):
    order = weakest_seams(all_seams, limit=None)
    assert all(is_weak(s) for s in order)
    assert len(order) == sum(1 for s in all_seams if is_weak(s))
    keys = [weakness_key(s) for s in order]
    assert keys == sorted(keys)
    assert weakest_seams(all_seams, limit=3) == order[:3]


@given(st.dictionaries(st.integers(1, 9), st.lists(st.floats(1, 5), min_size=1, max_size=3)))
def test_evaluation_never_shown_below_three(means):
    mean, count, hidden = evaluation_aggregate(means, 3)
    if len(means) < 3:
        assert mean is None and count == 0
        assert hidden == bool(means)
    else:
        assert count == len(means) and not hidden
        assert 1 - 1e-9 <= mean <= 5 + 1e-9


def test_weights_sum_to_100():
    assert sum(WEIGHTS.values()) == 100
