"""The addons install together without a single ERROR or WARNING in Odoo's log.

The filter (scripts/install_log.py) leaves out only Odoo's notices about the machine; it is
tested without a database in tests/pure/test_install_log_filter.py.
"""

import importlib.util
import os
import pathlib

import pytest

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts/install_log.py"
_spec = importlib.util.spec_from_file_location("install_log", SCRIPT)
install_log = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(install_log)


def test_install_log_has_no_warning_or_error():
    log_path = os.environ.get("SYNERGY_INSTALL_LOG")
    if not log_path:
        pytest.skip("SYNERGY_INSTALL_LOG is set by the test command (make test)")
    lines = pathlib.Path(log_path).read_text(errors="replace").splitlines()
    assert any("Modules loaded" in line for line in lines), "the install did not finish"
    problems = install_log.problems(lines)
    assert not problems, "\n".join(problems)
