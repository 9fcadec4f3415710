"""Static checks of the addons: they need no database and run with or without Odoo."""

import ast
import csv
import pathlib
import re
import shutil
import subprocess
import sys
from xml.etree import ElementTree

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADDONS = sorted(p for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").is_file())
ADDON_NAMES = [p.name for p in ADDONS]


def _manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text())


def test_the_three_addons_exist():
    assert ADDON_NAMES == [
        "perf_synergy",
        "perf_synergy_calendar",
        "perf_synergy_esg",
        "perf_synergy_esg_queue",
        "perf_synergy_group",
        "perf_synergy_group_queue",
        "perf_synergy_queue",
        "perf_synergy_sale",
    ]


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_NAMES)
def test_manifest_is_complete(addon):
    manifest = _manifest(addon)
    assert re.fullmatch(r"19\.0\.\d+\.\d+\.\d+", manifest["version"])
    assert manifest["license"] == "LGPL-3"
    for key in ("name", "summary", "author", "category", "depends"):
        assert manifest.get(key), f"{addon.name}: manifest key {key!r} is empty"
    for key in ("data", "demo"):
        for rel in manifest.get(key, []):
            assert (addon / rel).is_file(), f"{addon.name}: {key} file {rel} is missing"
    assert (addon / "static/description/icon.png").is_file()
    for part in ("DESCRIPTION", "USAGE", "CONFIGURE"):
        assert (addon / "readme" / f"{part}.md").is_file()


def test_dependencies_follow_the_design():
    deps = {a.name: set(_manifest(a)["depends"]) for a in ADDONS}
    assert deps["perf_synergy"] == {
        "hr",
        "project",
        "mail",
        "resource",
        "web_hierarchy",
        "base_tier_validation",
        "web_widget_x2many_2d_matrix",
        "report_xlsx",
    }
    assert deps["perf_synergy_esg"] == {"perf_synergy", "purchase", "portal"}
    assert deps["perf_synergy_group"] == {"perf_synergy"}
    # The optional bridge to Sales installs itself when both are there.
    assert deps["perf_synergy_sale"] == {"perf_synergy", "sale"}
    assert _manifest(ROOT / "addons/perf_synergy_sale")["auto_install"] is True
    assert deps["perf_synergy_calendar"] == {"perf_synergy", "calendar"}
    assert _manifest(ROOT / "addons/perf_synergy_calendar")["auto_install"] is True
    # The job queue bridge, and its glue to the group and ESG addons, install themselves when
    # queue_job is there (and the addon they serve): without them everything runs in the
    # request.
    assert deps["perf_synergy_queue"] == {"perf_synergy", "queue_job"}
    assert deps["perf_synergy_group_queue"] == {"perf_synergy_queue", "perf_synergy_group"}
    assert deps["perf_synergy_esg_queue"] == {"perf_synergy_queue", "perf_synergy_esg"}
    for bridge in ("perf_synergy_queue", "perf_synergy_group_queue", "perf_synergy_esg_queue"):
        assert _manifest(ROOT / "addons" / bridge)["auto_install"] is True


@pytest.mark.parametrize(
    "xml_file",
    sorted(ROOT.glob("addons/**/*.xml")),
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_xml_parses(xml_file):
    ElementTree.parse(xml_file)


def _declared_models(addon):
    """Models an addon declares with ``_name``, abstract ones aside (they have no table)."""
    models = set()
    for py in addon.rglob("*.py"):
        if "tests" in py.relative_to(addon).parts:
            continue
        for node in ast.walk(ast.parse(py.read_text())):
            if not isinstance(node, ast.ClassDef):
                continue
            if any(getattr(base, "attr", "") == "AbstractModel" for base in node.bases):
                continue
            inherited = set()
            for statement in node.body:
                if isinstance(statement, ast.Assign) and any(
                    getattr(t, "id", "") == "_inherit" for t in statement.targets
                ):
                    value = statement.value
                    items = value.elts if isinstance(value, ast.List) else [value]
                    inherited |= {i.value for i in items if isinstance(i, ast.Constant)}
            for statement in node.body:
                if (
                    isinstance(statement, ast.Assign)
                    and any(getattr(t, "id", "") == "_name" for t in statement.targets)
                    and isinstance(statement.value, ast.Constant)
                    # ``_name`` repeated in ``_inherit``: an extension (with a mixin), not a model
                    and statement.value.value not in inherited
                ):
                    models.add(statement.value.value)
    return models


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_NAMES)
def test_every_model_has_access_rules(addon):
    models = _declared_models(addon)
    acl = addon / "security/ir.model.access.csv"
    if not models and not acl.exists():
        return
    with acl.open() as handle:
        covered = {row["model_id:id"].split(".")[-1] for row in csv.DictReader(handle)}
    missing = {name for name in models if "model_" + name.replace(".", "_") not in covered}
    assert not missing, f"{addon.name}: models without access rules: {sorted(missing)}"


def _run(*cmd):
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_is_clean():
    lint = _run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_pylint_odoo_is_clean():
    pytest.importorskip("pylint_odoo")
    result = _run(
        sys.executable,
        "-m",
        "pylint",
        "--rcfile=.pylintrc",
        *[str(a.relative_to(ROOT)) for a in ADDONS],
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_rst_is_generated_from_the_fragments():
    result = _run(sys.executable, "scripts/gen_readme.py", "--check")
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_NAMES)
def test_readme_rst_renders_cleanly(addon):
    docutils_core = pytest.importorskip("docutils.core")
    import io

    warnings = io.StringIO()
    docutils_core.publish_string(
        (addon / "README.rst").read_text(),
        writer_name="html",
        settings_overrides={"report_level": 2, "warning_stream": warnings, "halt_level": 5},
    )
    assert not warnings.getvalue(), warnings.getvalue()
