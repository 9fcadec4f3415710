"""Warnings and errors of an Odoo install log that are the product's, not the machine's.

Usage: python3 scripts/install_log.py LOGFILE   (prints the problem lines, exits 1 if any)

Every WARNING, ERROR or CRITICAL line counts: the addons' own loggers and those of the modules
they load (Odoo's ORM, the core addons they depend on). Only Odoo's notices about how the
machine is set up are left out, each matched by its logger and message, so that a real warning
from the same logger still counts.
"""

import re
import sys

ENTRY = re.compile(
    r"^\S+ \S+ \d+ (?P<level>WARNING|ERROR|CRITICAL) \S+ (?P<logger>[\w.]+): (?P<message>.*)$"
)

# (logger, message) of the notices about the machine, not about the addons.
MACHINE_NOTICES = (
    # Odoo installed with `pip install -e`: setuptools' import hook is on odoo.addons.__path__.
    ("odoo.modules.module", re.compile(r"addons path is not a directory: \S*__editable__")),
    ("odoo.tools.config", re.compile(r"missing --http-interface/http_interface")),
    # Printed on stderr by Odoo's server command; logged by some set-ups (e.g. when wrapped).
    (None, re.compile(r"Running as user 'root' is a security risk")),
)


def is_machine_notice(logger, message):
    return any(
        (name is None or name == logger) and pattern.match(message)
        for name, pattern in MACHINE_NOTICES
    )


def problems(lines):
    """The WARNING/ERROR/CRITICAL lines of ``lines`` that are not notices about the machine."""
    found = []
    for line in lines:
        entry = ENTRY.match(line.rstrip("\n"))
        if entry and not is_machine_notice(entry["logger"], entry["message"]):
            found.append(line.rstrip("\n"))
    return found


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], errors="replace") as handle:
        found = problems(handle)
    for line in found:
        print(line)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
