"""Checks of the screens that need no database (issue 18): progress bars that stay full above
100, *Cascade* on the scorecard's lines, English kept beside Chinese in the demo database,
wizard views beside their wizards."""

import pathlib
import re

from lxml import etree

ROOT = pathlib.Path(__file__).resolve().parents[2]
VIEWS = sorted((ROOT / "addons").glob("*/views/*.xml")) + sorted(
    (ROOT / "addons").glob("*/wizards/*.xml")
)


def test_progress_bars_stay_full_above_their_maximum():
    # Odoo draws a value above the maximum with the overflow class, by default bg-secondary:
    # scores capped at 120 looked empty, so the best scorecards looked worst.
    missing = []
    for path in VIEWS:
        for node in etree.parse(str(path)).iter("field"):
            if node.get("widget") == "progressbar" and "overflow_class" not in (
                node.get("options") or ""
            ):
                missing.append(f"{path.relative_to(ROOT)}:{node.sourceline} {node.get('name')}")
    assert not missing, "progress bars without overflow_class:\n" + "\n".join(missing)


def test_cascade_is_reachable_from_the_scorecard_lines():
    path = ROOT / "addons/perf_synergy/views/synergy_scorecard_views.xml"
    tree = etree.parse(str(path))
    buttons = tree.xpath(
        "//field[@name='line_ids']/list//button[contains(@name, 'action_synergy_cascade_wizard')]"
    )
    assert buttons, "no Cascade button on the scorecard's lines"
    assert "default_line_id" in buttons[0].get("context", "")


def test_demo_database_keeps_english_beside_chinese():
    script = (ROOT / "scripts/run-demo.sh").read_text()
    languages = re.findall(r"--load-language=(\S+)", script)
    assert languages, "run-demo.sh loads no language"
    for value in languages:
        codes = value.strip("\"'").split(",")
        assert codes[0] == "zh_CN", "Chinese first: the demo's default language"
        assert "en_US" in codes, "English stays active so that users can switch"


def test_wizard_views_sit_beside_their_wizards():
    for name in ("synergy_request_accept_wizard", "synergy_alert_resolve_wizard"):
        folder = ROOT / "addons/perf_synergy/wizards"
        assert (folder / f"{name}.py").is_file()
        assert (folder / f"{name}_views.xml").is_file()
