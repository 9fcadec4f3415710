"""Seeded, labelled synthetic KPI series to measure the deviation detector (engine/deviation.py).

No numpy: ``random.Random(seed)`` only, so the same seed gives the same series everywhere.

Every series is monthly, 12 to 48 points, around a level drawn in [50, 500] with Gaussian noise
of standard deviation ``sigma`` = 2 % to 8 % of the level (a punctuality rate or a satisfaction
score is quiet, monthly revenue noisier). Each series has a KPI direction (``higher_better``,
``lower_better``, ``band``, equally likely); an anomaly moves the value the *unfavourable* way
(down for higher_better, up for lower_better, either way at random for a band) unless the
scenario says otherwise.

Anomalies begin after a warm-up in which a detector can learn what normal looks like: 12 points
(a year of monthly history), 24 for seasonal series (a year to know each month, a second to
know how much a month varies from one year to the next). Anomalies in the first year are
inherently ambiguous - with 4 to 11 points nobody can tell a 5-sigma spike from noise - and
are measured apart (``generate_ambiguous``).

Scenarios of ``generate`` (the measured dataset, 300 series), with what is labelled - the
indexes the detector SHOULD flag:

``clean`` (50)
    Noise only. No label.
``shift`` (50)
    From index ``s`` on, the level moves by 4 to 8 sigma and stays there. Label: ``s``, the
    first shifted point.
``spike`` (50)
    One point ``s`` is off by 5 to 10 sigma. Label: ``s``.
``trend`` (50)
    From index ``t`` on, the level drifts by 1 to 2 sigma per period: point ``t + m`` is off by
    ``(m + 1) x slope``, to the end of the series. Label: the first point whose cumulative drift
    exceeds 3 sigma, i.e. ``t + m`` for the smallest ``m`` with ``(m + 1) x slope > 3 sigma``
    (``t + 1`` or ``t + 2``). Series are long enough for the label and two more points.
``seasonal`` (40)
    30 to 48 points with a 12-month pattern - a sine of amplitude 2 to 6 sigma plus, in one
    month of the year, a peak or trough of up to 10 sigma (the December rush) - and noise. No
    label. The detector runs with ``seasonal=True`` on both seasonal scenarios, as the rule of a
    seasonal KPI would be configured.
``seasonal_anomaly`` (40)
    The same with an unfavourable spike (6 to 10 sigma) or level shift (5 to 8 sigma) from
    index 24 on. Label: the spike, or the first shifted point. The sizes are a notch larger
    than in the plain scenarios because the reference - the same month of the previous years -
    is itself noisy: the difference of two noisy points has sqrt(2) times the noise.
``favourable`` (20)
    A spike (5 to 10 sigma) or shift (4 to 8 sigma) the *favourable* way, for higher_better and
    lower_better KPIs (a band has no favourable side). No label: good news must not alert.
``steps`` (20)
    13 to 36 points that move in a few regular steps, as many business KPIs do (a monthly
    volume 100, 110, 90, 100, 110, 90...): a cycle of 2 to 4 periods of steps of 5 to 12 % of
    the level, little noise (at most 1 % of the level), rounded to whole numbers. No label.
``steps_drop`` (20)
    The same with a clear unfavourable spike or level shift of 30 to 60 % of the level from
    index 12 on (after a year) - the drop any department head calls an anomaly, which the MAD
    read as noise (issue 19). Label: the spike, or the first shifted point.

Scenarios of ``generate_ambiguous`` (reported apart, not part of the targets):

``slow_trend`` (50)
    As ``trend`` with 0.4 to 1 sigma per period (label at a cumulative 3 sigma, 3 to 7 periods
    in). The median baseline of the last 6 points follows a drift about 3.5 periods behind, so
    the deviation rule sees a drift of ``b`` per period as a steady ``3.5 b``: under about 1
    sigma per period it is not told from noise by the label's window; the trend rule is meant
    for it.
``early_anomaly`` (50)
    A spike (5 to 10 sigma) or shift (4 to 8 sigma) at index 4 to 11, before a year of history.

Each series is a dict: ``scenario``, ``direction``, ``values`` (list of floats), ``labels``
(sorted indexes), ``kind`` (per label: ``"spike"``, ``"shift"`` or ``"trend"``), ``start``
(per label: where the anomaly begins, = the label except for trends), ``seasonal`` (whether to
run the detector in seasonal mode), ``sigma`` and ``good_news`` (where the favourable event of
a ``favourable`` series begins, else None).
"""

from __future__ import annotations

import math
import random

SEED = 20240519
SCENARIO_COUNTS = {
    "clean": 50,
    "shift": 50,
    "spike": 50,
    "trend": 50,
    "seasonal": 40,
    "seasonal_anomaly": 40,
    "favourable": 20,
    "steps": 20,
    "steps_drop": 20,
}
AMBIGUOUS_COUNTS = {"slow_trend": 50, "early_anomaly": 50}
DIRECTIONS = ("higher_better", "lower_better", "band")
MIN_LENGTH = 12
MAX_LENGTH = 48
WARM_UP = 12
SEASONAL_WARM_UP = 24
SEASON = 12
TREND_LABEL_SIGMAS = 3.0
SHIFT_SIGMAS = (4.0, 8.0)
SPIKE_SIGMAS = (5.0, 10.0)
SEASONAL_SHIFT_SIGMAS = (5.0, 8.0)
SEASONAL_SPIKE_SIGMAS = (6.0, 10.0)
TREND_SLOPES = (1.0, 2.0)
SLOW_TREND_SLOPES = (0.4, 1.0)
STEP_CYCLES = {2: (1, -1), 3: (0, 1, -1), 4: (0, 1, 0, -1)}
STEP_SIZES = (0.05, 0.12)  # share of the level
STEP_NOISE = 0.01  # at most, share of the level
STEP_DROPS = (0.30, 0.60)  # share of the level
STEP_LENGTHS = (13, 36)


def _unfavourable_sign(rng: random.Random, direction: str) -> int:
    if direction == "higher_better":
        return -1
    if direction == "lower_better":
        return 1
    return rng.choice((-1, 1))


def _seasonal_pattern(rng: random.Random, sigma: float) -> list[float]:
    amplitude = rng.uniform(2, 6) * sigma
    phase = rng.uniform(0, SEASON)
    peak_month = rng.randrange(SEASON)
    peak = rng.uniform(0, 10) * sigma * rng.choice((-1, 1))
    return [
        amplitude * math.sin(2 * math.pi * (m + phase) / SEASON) + (peak if m == peak_month else 0)
        for m in range(SEASON)
    ]


def _add_event(values, rng, kind, at, sigmas, sign, sigma) -> None:
    size = rng.uniform(*sigmas) * sigma * sign
    for i in range(at, len(values) if kind == "shift" else at + 1):
        values[i] += size


def _make_steps(rng: random.Random, scenario: str) -> dict:
    """A ``steps`` or ``steps_drop`` series (see the module)."""
    direction = rng.choice(DIRECTIONS)
    level = rng.uniform(50, 500)
    step = rng.uniform(*STEP_SIZES) * level
    cycle = STEP_CYCLES[rng.choice(sorted(STEP_CYCLES))]
    noise = rng.uniform(0, STEP_NOISE) * level
    length = rng.randint(*STEP_LENGTHS)
    phase = rng.randrange(len(cycle))
    values = [
        level + cycle[(i + phase) % len(cycle)] * step + rng.gauss(0.0, noise)
        for i in range(length)
    ]
    labels, kinds, starts = [], [], []
    if scenario == "steps_drop":
        kind = rng.choice(("shift", "spike"))
        at = rng.randint(WARM_UP, length - 1)
        size = rng.uniform(*STEP_DROPS) * level * _unfavourable_sign(rng, direction)
        for i in range(at, length if kind == "shift" else at + 1):
            values[i] += size
        labels, kinds, starts = [at], [kind], [at]
    return {
        "scenario": scenario,
        "direction": direction,
        "values": [float(round(v)) for v in values],
        "labels": labels,
        "kind": kinds,
        "start": starts,
        "seasonal": False,
        "sigma": step,
        "good_news": None,
    }


def _make(rng: random.Random, scenario: str) -> dict:
    if scenario.startswith("steps"):
        return _make_steps(rng, scenario)
    direction = rng.choice(DIRECTIONS[:2] if scenario == "favourable" else DIRECTIONS)
    level = rng.uniform(50, 500)
    sigma = rng.uniform(0.02, 0.08) * level
    seasonal = scenario.startswith("seasonal")
    length = rng.randint(30, MAX_LENGTH) if seasonal else rng.randint(MIN_LENGTH, MAX_LENGTH)
    sign = _unfavourable_sign(rng, direction)
    labels, kinds, starts = [], [], []
    good_news = None  # where a favourable event begins
    extra = []  # (index, offset) of a trend, applied after the noise

    if scenario in ("shift", "spike", "favourable", "early_anomaly"):
        kind = scenario if scenario in ("shift", "spike") else rng.choice(("shift", "spike"))
        first = 4 if scenario == "early_anomaly" else WARM_UP
        last = 11 if scenario == "early_anomaly" else None
        length = max(length, first + 1)
        at = rng.randint(first, last if last is not None else length - 1)
        event = (kind, at, SHIFT_SIGMAS if kind == "shift" else SPIKE_SIGMAS)
        if scenario == "favourable":
            sign = -sign
            good_news = at
        else:
            labels, kinds, starts = [at], [kind], [at]
    elif scenario in ("trend", "slow_trend"):
        slope = rng.uniform(*(TREND_SLOPES if scenario == "trend" else SLOW_TREND_SLOPES)) * sigma
        steps = next(m for m in range(100) if (m + 1) * slope > TREND_LABEL_SIGMAS * sigma)
        length = max(length, WARM_UP + steps + 3)
        start = rng.randint(WARM_UP, length - steps - 3)
        extra = [(i, (i - start + 1) * slope * sign) for i in range(start, length)]
        labels, kinds, starts = [start + steps], ["trend"], [start]
        event = None
    elif scenario == "seasonal_anomaly":
        kind = rng.choice(("shift", "spike"))
        at = rng.randint(SEASONAL_WARM_UP, length - 1)
        event = (kind, at, SEASONAL_SHIFT_SIGMAS if kind == "shift" else SEASONAL_SPIKE_SIGMAS)
        labels, kinds, starts = [at], [kind], [at]
    else:
        event = None

    values = [level + rng.gauss(0.0, sigma) for _ in range(length)]
    if seasonal:
        pattern = _seasonal_pattern(rng, sigma)
        offset = rng.randrange(SEASON)
        values = [v + pattern[(i + offset) % SEASON] for i, v in enumerate(values)]
    for index, offset in extra:
        values[index] += offset
    if event is not None:
        kind, at, sigmas = event
        _add_event(values, rng, kind, at, sigmas, sign, sigma)
    return {
        "scenario": scenario,
        "direction": direction,
        "values": values,
        "labels": labels,
        "kind": kinds,
        "start": starts,
        "seasonal": seasonal,
        "sigma": sigma,
        "good_news": good_news,
    }


def generate(seed: int = SEED) -> list[dict]:
    """The measured series (340 with the default counts); the same seed gives the same data.
    The scenarios are drawn in order from one generator, so the ``steps`` scenarios, added
    last, left the 300 series before them unchanged."""
    rng = random.Random(seed)
    return [_make(rng, scenario) for scenario, n in SCENARIO_COUNTS.items() for _ in range(n)]


def generate_ambiguous(seed: int = SEED) -> list[dict]:
    """The inherently ambiguous scenarios, reported apart from the targets."""
    rng = random.Random(seed + 1)
    return [_make(rng, scenario) for scenario, n in AMBIGUOUS_COUNTS.items() for _ in range(n)]
