"""Every addon builds into an OCA-style wheel (``odoo-addon-<name>``) with whool.

The wheels are what an integrator installs with pip; their metadata comes from the manifest, so
the checks here are on what whool derives from it: name, version and dependencies.
"""

import ast
import importlib.util
import pathlib
import re
import subprocess
import sys
import zipfile
from email.parser import HeaderParser

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = pathlib.Path(__file__).resolve().parents[2]
ADDONS = sorted(p for p in (ROOT / "addons").iterdir() if (p / "__manifest__.py").is_file())
ADDON_NAMES = [p.name for p in ADDONS]
# Addons that are not part of Odoo Community: each one is a wheel of its own on PyPI.
OCA_ADDONS = {"base_tier_validation", "report_xlsx", "web_widget_x2many_2d_matrix", "queue_job"}
BUILD_TOOLS = ("whool", "wheel", "manifestoo_core")


def _manifest(addon):
    return ast.literal_eval((addon / "__manifest__.py").read_text())


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_NAMES)
def test_addon_declares_the_whool_build_backend(addon):
    pyproject = tomllib.loads((addon / "pyproject.toml").read_text())
    assert pyproject["build-system"] == {
        "requires": ["whool"],
        "build-backend": "whool.buildapi",
    }, f"{addon.name}/pyproject.toml: write the build-system table of `whool init`"


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    missing = [name for name in BUILD_TOOLS if importlib.util.find_spec(name) is None]
    if missing:
        pytest.skip(f"cannot build wheels: {', '.join(missing)} not installed (pip install whool)")
    out = tmp_path_factory.mktemp("wheels")
    # --no-build-isolation: whool is installed here; an isolated build would download it.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--no-build-isolation",
            "--no-deps",
            "--wheel-dir",
            str(out),
            *map(str, ADDONS),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {path.name.split("-")[0]: path for path in out.glob("*.whl")}


def _metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        return HeaderParser().parsestr(archive.read(name).decode()), archive.namelist()


def _expected_requirements(addon):
    manifest = _manifest(addon)
    ours = set(ADDON_NAMES)
    requirements = {"odoo==19.0.*"}
    for dep in manifest["depends"]:
        if dep in ours or dep in OCA_ADDONS:
            requirements.add(f"odoo-addon-{dep}==19.0.*")
    requirements.update(manifest.get("external_dependencies", {}).get("python", []))
    return requirements


@pytest.mark.parametrize("addon", ADDONS, ids=ADDON_NAMES)
def test_wheel_metadata_comes_from_the_manifest(addon, wheels):
    wheel = wheels.get(f"odoo_addon_{addon.name}")
    assert wheel, f"no wheel built for {addon.name}: {sorted(wheels)}"
    metadata, files = _metadata(wheel)
    manifest = _manifest(addon)
    assert metadata["Name"] == f"odoo-addon-{addon.name}"
    # whool appends the number of commits since the manifest version changed (OCA's scheme).
    assert re.fullmatch(re.escape(manifest["version"]) + r"(\.\d+)?", metadata["Version"]), (
        metadata["Version"]
    )
    assert set(metadata.get_all("Requires-Dist")) == _expected_requirements(addon)
    assert metadata["License"] == manifest["license"]
    assert metadata["Summary"] == manifest["summary"]
    assert "Framework :: Odoo :: 19.0" in metadata.get_all("Classifier")
    # Installed under the odoo.addons namespace: Odoo finds it without an addons path.
    assert f"odoo/addons/{addon.name}/__manifest__.py" in files
    assert f"odoo/addons/{addon.name}/pyproject.toml" not in files
