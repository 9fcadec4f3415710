"""Role journeys (issue 18): browser tours run as a role's demo login, on the demo data.

A journey fails on an error dialog (the tours' steps, static/tests/tours/role_tour_utils.js),
on any access error or error in the server log while it runs, and on a zh_CN page showing
English. Without the demo data (a database installed without demo) the journeys are skipped.
"""

import logging
import traceback
import unittest
from contextlib import contextmanager

from odoo.tests import HttpCase

# Where Odoo reports a refused access: ACLs and field groups (info), record rules (info),
# and any exception of a request (warning).
ACCESS_LOGGERS = (
    "odoo.addons.base.models.ir_model",
    "odoo.addons.base.models.ir_rule",
    "odoo.models",
    "odoo.http",
)

# Odoo's own probes that ask for a field and catch the refusal: not an access error of the
# page (the search view asks whether each field can be grouped by).
PROBES = {"_description_groupable"}


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records = []

    def emit(self, record):
        message = record.getMessage()
        if record.levelno < logging.ERROR and "Access Denied" not in message:
            return
        frames = traceback.extract_stack()
        if record.levelno < logging.ERROR and any(frame.name in PROBES for frame in frames):
            return
        # Where it was raised: the access may be refused and caught, with no dialog.
        stack = "".join(traceback.format_list(frames[-14:-4]))
        self.records.append(f"{record.levelname} {record.name}: {message}\n{stack}")


class RoleTourCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if not cls.env.ref("perf_synergy.user_synergy_officer", raise_if_not_found=False):
            raise unittest.SkipTest("the role journeys run on the demo data")

    @classmethod
    def demo_user(cls, login):
        user = cls.env["res.users"].search([("login", "=", login)])
        if not user:
            raise AssertionError(f"demo login {login} is missing (docs/first-hour.md)")
        return user

    @classmethod
    def speak_chinese(cls, *users):
        """zh_CN active with the terms of every installed module, spoken by ``users``."""
        Lang = cls.env["res.lang"].with_context(active_test=False)
        if not Lang.search([("code", "=", "zh_CN"), ("active", "=", True)]):
            Lang._activate_lang("zh_CN")
            cls.env["ir.module.module"].search([("state", "=", "installed")])._update_translations(
                ["zh_CN"]
            )
        for user in users:
            user.lang = "zh_CN"

    @contextmanager
    def no_access_error_logged(self):
        """Fails if an access error or an error is logged by the server meanwhile."""
        handler = _Collect()
        loggers = [logging.getLogger(name) for name in ACCESS_LOGGERS] + [logging.getLogger("odoo")]
        levels = [logger.level for logger in loggers]
        for logger in loggers[:-1]:
            # INFO: the refused accesses are logged at that level (warn in the test runs).
            logger.setLevel(logging.INFO)
        for logger in loggers:
            logger.addHandler(handler)
        try:
            yield
        finally:
            for logger, level in zip(loggers, levels, strict=True):
                logger.removeHandler(handler)
                logger.setLevel(level)
        self.assertFalse(
            handler.records,
            "The server logged access errors or errors during the journey:\n"
            + "\n".join(handler.records),
        )

    def start_role_tour(self, url, tour, login):
        with self.no_access_error_logged():
            self.start_tour(url, tour, login=login, timeout=120)
