"""The three addons install together without a single ERROR or WARNING in Odoo's log."""

import os
import pathlib
import re

import pytest

# Warnings about the environment, not about the addons.
ALLOWED = (
    re.compile(r"running as user 'root'", re.I),
    re.compile(r"http[-_]interface", re.I),
)
PROBLEM = re.compile(r"^\S+ \S+ \d+ (WARNING|ERROR|CRITICAL) ")


def test_install_log_has_no_warning_or_error():
    log_path = os.environ.get("SYNERGY_INSTALL_LOG")
    if not log_path:
        pytest.skip("SYNERGY_INSTALL_LOG is set by the test command (make test)")
    lines = pathlib.Path(log_path).read_text(errors="replace").splitlines()
    assert any("Modules loaded" in line for line in lines), "the install did not finish"
    problems = [
        line
        for line in lines
        if PROBLEM.match(line) and not any(pattern.search(line) for pattern in ALLOWED)
    ]
    assert not problems, "\n".join(problems)
