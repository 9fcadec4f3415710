"""Wrong ids and wrong types sent to the product's public methods get a clear error, never a
500: over JSON-RPC (``/web/dataset/call_kw``, web session) and JSON-2 (``/json/2``, API key).
The checks themselves are ``tools/arguments.py``, one per kind of argument."""

import json
from datetime import datetime, timedelta

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from ..tools import arguments
from .common import SynergyCase
from .hostile_text import HOSTILE_IDS


@tagged("post_install", "-at_install")
class TestArgumentChecks(SynergyCase):
    """The checks of tools/arguments.py, one per kind of argument."""

    def test_record_ids(self):
        Period = self.env["synergy.period"]
        self.assertEqual(arguments.check_record_ids(self.year), self.year)
        arguments.check_record_ids(Period.new({}))  # a form's new record has no id yet
        for ids in HOSTILE_IDS:
            records = Period.browse(ids)
            if not records._ids or all(arguments._is_id(i) for i in records._ids):
                continue  # empty, or ids of the right kind (missing records: MissingError)
            with self.subTest(ids=ids), self.assertRefused(UserError, "is not a record id"):
                arguments.check_record_ids(records)

    def test_action_on_no_record_or_several(self):
        Period = self.env["synergy.period"]
        for records in (Period, self.year | self.q1):
            with self.subTest(count=len(records)):
                with self.assertRefused(UserError, "works on one record at a time"):
                    with arguments.action_arguments(records):
                        records.ensure_one()
        # Other errors pass unchanged.
        with self.assertRaises(ValueError), arguments.action_arguments(self.year):
            raise ValueError("something else")

    def test_record_id_text_and_flag(self):
        env = self.env
        self.assertEqual(arguments.record_id(env, 7, "report_id"), 7)
        self.assertIsNone(arguments.record_id(env, None, "report_id", required=False))
        for value in (2**70, 2**31, -1, 0, "7", 7.0, True, None, [7], {"id": 7}):
            with self.subTest(value=value), self.assertRefused(UserError, "report_id must be"):
                arguments.record_id(env, value, "report_id")
        self.assertEqual(arguments.text(env, "  a\x00b ", "reason"), "ab")
        self.assertEqual(arguments.text(env, None, "reason"), "")
        for value in (2**70, -1, 1.5, True, ["a"], {"a": 1}):
            with self.subTest(value=value), self.assertRefused(UserError, "reason must be a text"):
                arguments.text(env, value, "reason")
        with self.assertRefused(UserError, "reason is required"):
            arguments.text(env, " ", "reason", required=True)
        with self.assertRefused(UserError, "too long"):
            arguments.text(env, "a" * 11, "reason", max_length=10)
        for value, expected in ((True, True), (1, True), (False, False), (0, False), (None, False)):
            self.assertIs(arguments.flag(env, value, "submit"), expected)
        for value in ("yes", "false", 2, 1.0, [1], {"a": 1}):
            with self.subTest(value=value), self.assertRefused(UserError, "true or false"):
                arguments.flag(env, value, "submit")


@tagged("post_install", "-at_install")
class TestHostileArgumentsOverHttp(HttpCase, SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_officer.password = cls.user_officer.login
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.user_officer)
            ._generate(
                scope="rpc",
                name="Hostile arguments",
                expiration_date=datetime.now() + timedelta(hours=6),
            )
        )
        cls.card = cls.scorecard(department_id=cls.dep_sales.id)

    def jsonrpc(self, model, method, args, kwargs=None):
        """The name of the error class of a call_kw, or None when it succeeds."""
        try:
            with mute_logger("odoo.http", "odoo.sql_db"):
                self.make_jsonrpc_request(
                    "/web/dataset/call_kw",
                    {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
                )
        except JsonRpcException as error:
            return error.args[0] if error.args else str(error)
        return None

    def json2(self, model, method, payload):
        with mute_logger("odoo.http", "odoo.sql_db"):
            response = self.url_open(
                f"/json/2/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"},
            )
        return response.status_code, response.text[:300]

    def assertNo500(self, model, method, args, kwargs=None):
        """Done, or refused with an Odoo error (a message for the caller), on both protocols;
        never an unhandled error."""
        error = self.jsonrpc(model, method, args, kwargs)
        self.assertTrue(error is None or error.startswith("odoo.exceptions."), error)
        payload = {"ids": args[0], **(kwargs or {})} if args else dict(kwargs or {})
        status, text = self.json2(model, method, payload)
        self.assertTrue(status == 200 or 400 <= status < 500, f"{status}: {text}")

    def test_server_only_methods_are_not_callable(self):
        self.authenticate(self.user_officer.login, self.user_officer.login)
        scheme = self.env["synergy.scheme"].search([], limit=1)
        calls = [
            ("synergy.scheme", "grade_for", [scheme.ids, "abc"]),
            ("report.perf_synergy.bonus_pool_xlsx", "create_xlsx_report", [[], [1], {}]),
            ("report.perf_synergy.bonus_pool_xlsx", "generate_xlsx_report", [[], None, {}, []]),
            ("report.perf_synergy.raci_matrix_xlsx", "get_workbook_options", [[]]),
        ]
        for model, method, args in calls:
            with self.subTest(method=f"{model}.{method}"):
                self.assertEqual(self.jsonrpc(model, method, args), "odoo.exceptions.AccessError")
                status, text = self.json2(model, method, {})
                self.assertEqual(status, 403, text)

    # tools.write_policy.user_action runs every action inside
    # tools.arguments.action_arguments(self).
    def test_hostile_record_ids_of_actions(self):
        self.authenticate(self.user_officer.login, self.user_officer.login)
        state = self.card.state
        for model, method in (
            ("synergy.scorecard", "action_confirm"),
            ("synergy.period", "action_view_scorecards"),
        ):
            for ids in HOSTILE_IDS:
                with self.subTest(method=f"{model}.{method}", ids=ids):
                    self.assertNo500(model, method, [ids])
        self.card.invalidate_recordset()
        self.assertEqual(self.card.state, state)
