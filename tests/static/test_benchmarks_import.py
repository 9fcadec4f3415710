"""The benchmark modules import without Odoo or a database (Odoo is imported inside their
functions, once the registry is opened), and each has a command line: what
``scripts/run-benchmarks.sh`` runs exists and parses its options."""

import importlib
import importlib.util
import pathlib
import re
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BENCHMARKS = sorted(
    p.stem for p in (ROOT / "tests" / "benchmarks").glob("*.py") if p.stem != "__init__"
)
SCRIPT = (ROOT / "scripts" / "run-benchmarks.sh").read_text(encoding="utf-8")
# Imported under a package name of their own: "tests" is also each addon's test package on
# the path the shared conftest sets up.
PACKAGE = "synergy_benchmarks"


def _package():
    if PACKAGE not in sys.modules:
        location = ROOT / "tests" / "benchmarks"
        spec = importlib.util.spec_from_file_location(
            PACKAGE, location / "__init__.py", submodule_search_locations=[str(location)]
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[PACKAGE] = module
        spec.loader.exec_module(module)
    return PACKAGE


@pytest.mark.parametrize("name", BENCHMARKS)
def test_benchmark_module_imports(name):
    module = importlib.import_module(f"{_package()}.{name}")
    assert "odoo" not in vars(module), f"{name} imports Odoo at import time"
    if name.startswith("bench_"):
        assert callable(module.main), f"{name} has no main()"
        assert module.__doc__, f"{name} says nothing about what it measures"


def test_script_runs_every_benchmark():
    """Every bench_* module is reachable from scripts/run-benchmarks.sh."""
    listed = set(re.findall(r"module=(bench_\w+)", SCRIPT))
    core = re.search(r"^\s*([a-z |]+)\)\s*db=\$DB module=bench_\$name", SCRIPT, re.M)
    if core:
        listed |= {f"bench_{name.strip()}" for name in core.group(1).split("|")}
    missing = {name for name in BENCHMARKS if name.startswith("bench_")} - listed
    assert not missing, f"not run by scripts/run-benchmarks.sh: {sorted(missing)}"
