"""Shared setup of the cross-addon tests.

Pure-Python modules of the addons are importable without Odoo: each addon directory is put
on ``sys.path`` so that e.g. ``perf_synergy/engine/scoring.py`` imports as
``engine.scoring``. Tests that need Odoo live in ``integration/`` and are only collected when
an Odoo 19 is importable (the test command prints why the Odoo suite was skipped otherwise).
"""

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
for addon_dir in sorted(ADDONS.iterdir()):
    if (addon_dir / "__manifest__.py").is_file() and str(addon_dir) not in sys.path:
        sys.path.insert(0, str(addon_dir))

ODOO_AVAILABLE = importlib.util.find_spec("odoo") is not None

collect_ignore_glob = [] if ODOO_AVAILABLE else ["integration/*"]

try:
    from hypothesis import HealthCheck, settings
except ImportError:  # hypothesis comes with requirements-test.txt
    settings = None
if settings is not None:
    # CI shares a 2-core machine with PostgreSQL and Odoo: generation speed is not a property
    # under test, so the slow-generation check and per-example deadlines are off.
    settings.register_profile(
        "synergy", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile("synergy")
