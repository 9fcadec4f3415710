"""Arguments of the ESG methods sent with the wrong type get a clear error, never a 500: the
reason of a rejection (JSON-RPC and JSON-2) and the ids and flags of the supplier API, checked
by perf_synergy's tools/arguments.py."""

import json
from datetime import datetime, timedelta

from odoo.addons.perf_synergy.tests.hostile_text import HOSTILE_IDS
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import EsgCase

WRONG_TEXTS = [2**70, -1, 1.5, True, [{"a": 1}], {"reason": "x"}, ["x"]]


@tagged("post_install", "-at_install")
class TestEsgHostileArguments(HttpCase, EsgCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.password = cls.manager.login
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.manager)
            ._generate(
                scope="rpc",
                name="Procurement",
                expiration_date=datetime.now() + timedelta(hours=6),
            )
        )
        cls.fill(cls.report)
        cls.report.action_submit()

    def json2(self, method, payload, model="synergy.esg.report"):
        with mute_logger("odoo.http", "odoo.sql_db"):
            response = self.url_open(
                f"/json/2/{model}/{method}",
                data=json.dumps(payload),
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"},
            )
        return response.status_code, response.text[:300]

    def test_reject_with_a_reason_of_the_wrong_type(self):
        self.authenticate(self.manager.login, self.manager.login)
        for reason in WRONG_TEXTS:
            with self.subTest(reason=reason):
                status, text = self.json2(
                    "action_reject", {"ids": self.report.ids, "reason": reason}
                )
                self.assertEqual(status, 422, text)
                self.assertIn("reason must be a text", text)
                with (
                    self.assertRaises(JsonRpcException) as caught,
                    mute_logger("odoo.http"),
                ):
                    self.make_jsonrpc_request(
                        "/web/dataset/call_kw",
                        {
                            "model": "synergy.esg.report",
                            "method": "action_reject",
                            "args": [self.report.ids, reason],
                            "kwargs": {},
                        },
                    )
                self.assertEqual(caught.exception.args[0], "odoo.exceptions.UserError")
        self.report.invalidate_recordset()
        self.assertEqual(self.report.state, "submitted")
        status, text = self.json2(
            "action_reject", {"ids": self.report.ids, "reason": "Attach the certificate."}
        )
        self.assertEqual(status, 200, text)
        self.report.invalidate_recordset()
        self.assertEqual(
            (self.report.state, self.report.rejection_reason),
            ("rejected", "Attach the certificate."),
        )

    def test_api_ids_and_flags_of_the_wrong_type(self):
        rows = [{"indicator": "T-INC", "value": 2}]
        for report_id in [ids for ids in HOSTILE_IDS if ids is not None] + [0, "1", 1.0]:
            with self.subTest(report_id=report_id):
                status, text = self.json2(
                    "upsert_report_lines",
                    {"report_id": report_id, "lines": rows},
                    model="synergy.esg.api",
                )
                self.assertEqual(status, 422, text)
                self.assertIn("report_id must be the id of a record", text)
        for submit in ("yes", 2, [True], {"a": 1}):
            with self.subTest(submit=submit):
                status, text = self.json2(
                    "upsert_report_lines",
                    {"report_id": self.report.id, "lines": rows, "submit": submit},
                    model="synergy.esg.api",
                )
                self.assertEqual(status, 422, text)
                self.assertIn("submit must be true or false", text)

    def test_portal_routes_with_ids_out_of_range(self):
        self.portal_user.password = self.portal_user.login
        self.authenticate(self.portal_user.login, self.portal_user.login)
        for url in (
            f"/my/esg/{2**70}",
            f"/my/esg/{2**31}",
            "/my/esg/0",
            f"/my/esg/page/{2**70}",
            "/my/esg/page/0",
        ):
            with self.subTest(url=url), mute_logger("odoo.http", "odoo.sql_db"):
                response = self.url_open(url)
                self.assertLess(response.status_code, 500, response.text[:300])
