"""Precision and recall of the deviation detector on the labelled synthetic dataset.

Each series of ``detection_dataset.generate()`` is scanned (``engine.deviation.scan``: every
point judged against the points before it) with the detector's defaults, ``seasonal=True`` for
the seasonal scenarios as a seasonal KPI's rule would be; a second run adds ``trend=True``.

Matching rule:

* A label is a **true positive** when an alert falls in its window: exactly the label for a
  spike, ``label .. label + 2`` for a level shift or a trend; otherwise a **false negative**.
  A label counts once however many alerts fall in its window.
* Other alerts that belong to the same anomaly are **duplicates**, neither true nor false
  positives: further alerts in the label's window; alerts on a shifted level up to
  ``DUPLICATE_SPAN`` (6, the detector's median window: the time it needs to adopt the new
  level) points after the shift; alerts anywhere on a trend from its first drifting point on
  (the drift is real and growing, even before it reaches the labelled 3 sigma).
* Every other alert is a **false positive** - in particular any alert on a clean, seasonal or
  good-news series.

precision = TP / (TP + FP), recall = TP / labels, over all series. Print the figures as
Markdown tables: ``python3 tests/pure/test_detection_quality.py`` from the repository root.
"""

from __future__ import annotations

import functools
import pathlib
import sys

from detection_dataset import AMBIGUOUS_COUNTS, SCENARIO_COUNTS, SEED, generate, generate_ambiguous

DUPLICATE_SPAN = 6
TP_WINDOW = {"spike": 0, "shift": 2, "trend": 2}
MIN_PRECISION = 0.9
MIN_RECALL = 0.8
COUNTS = ("series", "labels", "tp", "fn", "fp", "duplicates")
SENSITIVITY_SEEDS = range(1, 11)


def _span_end(label: int, kind: str, start: int, length: int) -> int:
    end = {"spike": label, "shift": start + DUPLICATE_SPAN, "trend": length - 1}[kind]
    return max(end, label + TP_WINDOW[kind])


def classify(alerts: list[int], series: dict) -> dict:
    """Counts of one series: labels, tp, fn, fp, duplicates (see the module)."""
    anomalies = list(zip(series["labels"], series["kind"], series["start"], strict=True))
    hit = set()
    fp = duplicates = 0
    for alert in alerts:
        matched = next(
            (
                k
                for k, (label, kind, _start) in enumerate(anomalies)
                if k not in hit and label <= alert <= label + TP_WINDOW[kind]
            ),
            None,
        )
        if matched is not None:
            hit.add(matched)
        elif any(
            start <= alert <= _span_end(label, kind, start, len(series["values"]))
            for label, kind, start in anomalies
        ):
            duplicates += 1
        else:
            fp += 1
    labels = len(anomalies)
    return {
        "labels": labels,
        "tp": len(hit),
        "fn": labels - len(hit),
        "fp": fp,
        "duplicates": duplicates,
    }


def _ratios(row: dict) -> dict:
    found = row["tp"] + row["fp"]
    row["precision"] = row["tp"] / found if row["labels"] and found else None
    row["recall"] = row["tp"] / row["labels"] if row["labels"] else None
    return row


@functools.cache
def evaluate(seed: int = SEED, ambiguous: bool = False, **params) -> dict:
    """{scenario: counts, precision, recall} plus a 'total' row; ``params`` go to ``scan``."""
    from engine.deviation import scan

    dataset = generate_ambiguous(seed) if ambiguous else generate(seed)
    names = AMBIGUOUS_COUNTS if ambiguous else SCENARIO_COUNTS
    rows = {scenario: dict.fromkeys(COUNTS, 0) for scenario in names}
    for series in dataset:
        alerts = scan(series["values"], series["direction"], seasonal=series["seasonal"], **params)
        row = rows[series["scenario"]]
        row["series"] += 1
        for key, count in classify(alerts, series).items():
            row[key] += count
    rows["total"] = {key: sum(row[key] for row in rows.values()) for key in COUNTS}
    return {scenario: _ratios(row) for scenario, row in rows.items()}


def _fmt(ratio) -> str:
    return "—" if ratio is None else f"{ratio:.3f}"


def markdown(rows: dict) -> str:
    """The rows of ``evaluate`` as a Markdown table."""
    lines = [
        "| scenario | series | labels | TP | FN | FP | duplicates | precision | recall |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for scenario, row in rows.items():
        name = f"**{scenario}**" if scenario == "total" else scenario
        counts = " | ".join(str(row[key]) for key in COUNTS)
        lines.append(f"| {name} | {counts} | {_fmt(row['precision'])} | {_fmt(row['recall'])} |")
    return "\n".join(lines)


def seed_table() -> str:
    """Total precision / recall of both configurations over other seeds of the dataset."""
    lines = [
        "| seed | precision | recall | precision, trend on | recall, trend on |",
        "|---|---:|---:|---:|---:|",
    ]
    sums = [0.0] * 4
    seeds = [SEED, *SENSITIVITY_SEEDS]
    for seed in seeds:
        plain, trend = evaluate(seed)["total"], evaluate(seed, trend=True)["total"]
        figures = [plain["precision"], plain["recall"], trend["precision"], trend["recall"]]
        sums = [s + f for s, f in zip(sums, figures, strict=True)]
        lines.append(f"| {seed} | " + " | ".join(_fmt(f) for f in figures) + " |")
    lines.append("| **mean** | " + " | ".join(_fmt(s / len(seeds)) for s in sums) + " |")
    return "\n".join(lines)


def test_dataset_is_seeded_and_sized():
    first, second = generate(), generate()
    assert first == second
    assert first != generate(SEED + 1)
    assert len(first) == sum(SCENARIO_COUNTS.values()) == 340
    assert all(12 <= len(s["values"]) <= 48 for s in first)
    assert all(label < len(s["values"]) for s in first for label in s["labels"])
    trends = [s for s in first if s["scenario"] == "trend"]
    assert all(s["labels"][0] + 2 < len(s["values"]) for s in trends)
    assert all(not s["labels"] for s in first if s["scenario"] in ("clean", "seasonal", "steps"))
    drops = [s for s in first if s["scenario"] == "steps_drop"]
    assert all(s["labels"] and s["labels"][0] >= 12 for s in drops)


def test_classify_matching_rule():
    shift = {"values": [0] * 20, "labels": [10], "kind": ["shift"], "start": [10]}
    assert classify([3, 12, 13, 16, 17], shift) == {
        "labels": 1,
        "tp": 1,
        "fn": 0,
        "fp": 2,
        "duplicates": 2,
    }
    spike = {"values": [0] * 20, "labels": [10], "kind": ["spike"], "start": [10]}
    assert classify([11], spike)["fp"] == 1
    assert classify([11], spike)["fn"] == 1
    trend = {"values": [0] * 20, "labels": [12], "kind": ["trend"], "start": [10]}
    assert classify([11, 19], trend) == {"labels": 1, "tp": 0, "fn": 1, "fp": 0, "duplicates": 2}


def test_precision_and_recall_meet_the_targets():
    for params in ({}, {"trend": True}):
        rows = evaluate(**params)
        total = rows["total"]
        assert total["precision"] >= MIN_PRECISION, markdown(rows)
        assert total["recall"] >= MIN_RECALL, markdown(rows)


def test_a_clear_drop_in_a_stepping_series_alerts():
    """Issue 19: a year of 100, 110, 90, ... then 50 (half the baseline) is an anomaly."""
    from engine.deviation import detect, scan

    verdict = detect([100, 110, 90] * 4, 50, "higher_better")
    assert verdict.alert, verdict
    assert verdict.z < -3
    # ... while the steps themselves, a further year of them, never alert.
    assert not scan([100.0, 110.0, 90.0] * 8, "higher_better")
    rows = evaluate()
    assert rows["steps"]["fp"] == 0, markdown(rows)
    assert rows["steps_drop"]["recall"] >= 0.9, markdown(rows)


def test_good_news_never_alerts():
    """No alert from the favourable event on (the noise before it is judged like any other
    noise, as false positives of the table)."""
    from engine.deviation import scan

    for series in generate():
        if series["scenario"] == "favourable":
            alerts = scan(series["values"], series["direction"])
            assert not [i for i in alerts if i >= series["good_news"]], series


if __name__ == "__main__":
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "addons" / "perf_synergy"))
    print(f"### Defaults (seed {SEED})\n\n{markdown(evaluate())}\n")
    print(f"### Trend rule on: trend=True (seed {SEED})\n\n{markdown(evaluate(trend=True))}\n")
    print(f"### Ambiguous scenarios, defaults\n\n{markdown(evaluate(ambiguous=True))}\n")
    print(
        "### Ambiguous scenarios, trend rule on\n\n"
        f"{markdown(evaluate(ambiguous=True, trend=True))}\n"
    )
    print(f"### Other seeds of the dataset\n\n{seed_table()}")
