"""The install-log check counts the product's warnings, not Odoo's notices about the machine."""

import importlib.util
import pathlib

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "scripts/install_log.py"
_spec = importlib.util.spec_from_file_location("install_log", SCRIPT)
install_log = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(install_log)

STAMP = "2026-12-05 08:00:00,123 4242"
MACHINE = [
    f"{STAMP} WARNING db odoo.modules.module: addons path is not a directory: "
    "/usr/lib/python3/site-packages/__editable__.odoo-19.0.finder.__path_hook__",
    f"{STAMP} WARNING ? odoo.tools.config: missing --http-interface/http_interface, "
    "using 0.0.0.0 by default, will change to 127.0.0.1 in 20.0",
    f"{STAMP} WARNING ? odoo.service.server: Running as user 'root' is a security risk.",
]
PRODUCT = [
    f"{STAMP} WARNING db odoo.addons.perf_synergy.models.synergy_kpi: bad unit on KPI 3",
    f"{STAMP} ERROR db odoo.modules.loading: Some modules have inconsistent states",
    f"{STAMP} CRITICAL db odoo.modules.module: Couldn't load module perf_synergy",
    f"{STAMP} WARNING db odoo.models: perf.synergy.kpi: inconsistent 'compute_sudo' for field",
    f"{STAMP} WARNING db odoo.addons.hr.models.hr_employee: a core addon loaded by ours",
    # The same logger as a machine notice, but about a missing addons folder of the product.
    f"{STAMP} WARNING db odoo.modules.module: addons path is not a directory: /srv/addons",
    # The same message from an addon's own logger is the addon's business.
    f"{STAMP} WARNING db odoo.addons.perf_synergy.hooks: missing --http-interface/http_interface",
]
QUIET = [
    f"{STAMP} INFO db odoo.modules.loading: 120 modules loaded in 30.00s",
    f"{STAMP} DEBUG db odoo.addons.perf_synergy: WARNING in a debug message",
    "Traceback (most recent call last):",
    '  File "x.py", line 1 WARNING ERROR',
]


def test_machine_notices_are_left_out():
    assert install_log.problems(MACHINE) == []


def test_every_product_warning_and_error_counts():
    assert install_log.problems(PRODUCT) == PRODUCT


def test_other_levels_and_continuation_lines_do_not_count():
    assert install_log.problems(QUIET) == []


def test_mixed_log_keeps_only_the_product_lines_in_order():
    lines = [MACHINE[0], PRODUCT[0], QUIET[0], MACHINE[1], PRODUCT[1], MACHINE[2]]
    assert install_log.problems(line + "\n" for line in lines) == [PRODUCT[0], PRODUCT[1]]


def test_command_line_exit_status(tmp_path, capsys):
    log = tmp_path / "install.log"
    log.write_text("\n".join(MACHINE + QUIET) + "\n")
    assert install_log.main(["install_log.py", str(log)]) == 0
    log.write_text("\n".join(MACHINE + PRODUCT[:1]) + "\n")
    assert install_log.main(["install_log.py", str(log)]) == 1
    assert capsys.readouterr().out.strip() == PRODUCT[0]
