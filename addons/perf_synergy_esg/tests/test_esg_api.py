import json
from datetime import datetime, timedelta

from odoo.tests import HttpCase, tagged

from .common import EsgCase

URL = "/json/2/synergy.esg.api/upsert_report_lines"


@tagged("post_install", "-at_install")
class TestEsgJson2Api(HttpCase, EsgCase):
    """External systems over Odoo 19's JSON-2 API with a real API key."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        expiry = datetime.now() + timedelta(hours=6)
        cls.supplier_key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.portal_user)
            ._generate(scope="rpc", name="ERP of the supplier", expiration_date=expiry)
        )
        cls.manager_key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.manager)
            ._generate(scope="rpc", name="Procurement integration", expiration_date=expiry)
        )
        cls.buyer_key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.buyer)
            ._generate(scope="rpc", name="Procurement integration", expiration_date=expiry)
        )

    def call(self, payload, key=None, raw=None):
        headers = {
            "Content-Type": "application/json",
            "Authorization": f"Bearer {key or self.supplier_key}",
        }
        body = raw if raw is not None else json.dumps(payload)
        return self.url_open(URL, data=body, headers=headers)

    def line(self, report, code):
        return report.line_ids.filtered(lambda ln: ln.indicator_id.code == code)

    def test_upsert_is_idempotent_with_per_line_errors(self):
        payload = {
            "report_id": self.report.id,
            "lines": [
                {"indicator": "T-RENEW", "value": 42, "unit": "%"},
                {"indicator": "T-S2", "activity": 20000, "activity_unit": "kWh"},
                {"indicator": "T-INC", "value": -2},
                {"indicator": "NOPE", "value": 1},
            ],
        }
        first = self.call(payload)
        self.assertEqual(first.status_code, 200, first.text)
        body = first.json()
        self.assertEqual(body["report_id"], self.report.id)
        self.assertEqual((body["ok"], body["errors"]), (2, 2))
        statuses = {row["indicator"]: row["status"] for row in body["lines"]}
        self.assertEqual(
            statuses, {"T-RENEW": "ok", "T-S2": "ok", "T-INC": "error", "NOPE": "error"}
        )
        self.assertIn("below the minimum", body["lines"][2]["message"])
        s2 = self.line(self.report, "T-S2")
        # 20,000 kWh x 0.5 kg/kWh (the CN factor: the supplier is in China) = 10 t.
        self.assertAlmostEqual(s2.value_number, 10.0)
        self.assertEqual(s2.factor_id, self.factor_cn)
        snapshot = self.report.line_ids.read(
            ["value_number", "value_text", "value_boolean", "has_value", "factor_id"]
        )
        second = self.call(payload)
        self.assertEqual(second.json(), body)
        self.report.line_ids.invalidate_recordset()
        self.assertEqual(
            self.report.line_ids.read(
                ["value_number", "value_text", "value_boolean", "has_value", "factor_id"]
            ),
            snapshot,
        )

    def test_find_by_period_and_submit(self):
        self.fill(self.report, evidence=True)
        body = self.call(
            {
                "period": self.year.name,
                "lines": [{"indicator": "T-RENEW", "value": "45"}],
                "submit": True,
            }
        ).json()
        self.assertEqual(body["report_id"], self.report.id)
        self.assertTrue(body["submitted"], body)
        self.assertEqual(self.report.state, "submitted")
        # Submitted: the report no longer takes answers; a clear error, nothing changed.
        response = self.call(
            {"report_id": self.report.id, "lines": [{"indicator": "T-RENEW", "value": "1"}]}
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("only a draft", response.json()["message"])
        self.assertAlmostEqual(self.line(self.report, "T-RENEW").value_number, 45)

    def test_another_suppliers_report_is_out_of_reach(self):
        response = self.call(
            {"report_id": self.other_report.id, "lines": [{"indicator": "T-RENEW", "value": 1}]}
        )
        self.assertEqual(response.status_code, 422, response.text)
        self.assertIn("not yours", response.json()["message"])
        self.assertFalse(self.line(self.other_report, "T-RENEW").has_value)
        response = self.call(
            {
                "period": self.year.name,
                "supplier": self.other_supplier.id,
                "lines": [{"indicator": "T-RENEW", "value": 1}],
            }
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(self.line(self.other_report, "T-RENEW").has_value)
        # Generic ORM calls with the same key see nothing of the other supplier either.
        response = self.url_open(
            "/json/2/synergy.esg.report/search_read",
            data=json.dumps({"domain": [], "fields": ["name"]}),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.supplier_key}",
            },
        )
        self.assertEqual([r["id"] for r in response.json()], [self.report.id])

    def test_supplier_cannot_validate_through_the_api(self):
        self.fill(self.report)
        self.report.action_submit()
        response = self.url_open(
            "/json/2/synergy.esg.report/action_validate",
            data=json.dumps({"ids": [self.report.id]}),
            headers={
                "Content-Type": "application/json",
                "Authorization": f"Bearer {self.supplier_key}",
            },
        )
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(self.report.state, "submitted")

    def test_procurement_key_names_the_supplier(self):
        payload = {
            "period": self.year.name,
            "supplier": "TGS",
            "lines": [{"indicator": "T-AUDIT", "value": "Conditional"}],
        }
        # A procurement user reads reports; changing them takes an ESG manager's key.
        response = self.call(payload, key=self.buyer_key)
        self.assertEqual(response.status_code, 403, response.text)
        self.assertFalse(self.line(self.report, "T-AUDIT").has_value)
        body = self.call(
            {
                "period": self.year.name,
                "supplier": "TGS",
                "lines": [{"indicator": "T-AUDIT", "value": "Conditional"}],
            },
            key=self.manager_key,
        ).json()
        self.assertEqual(body["report_id"], self.report.id)
        self.assertEqual(self.line(self.report, "T-AUDIT").value_text, "conditional")

    def test_malformed_payloads_are_clear_errors(self):
        response = self.call(None, raw="{not json")
        self.assertEqual(response.status_code, 400, response.text)
        response = self.call({"report_id": "abc", "lines": []})
        self.assertEqual(response.status_code, 422, response.text)
        response = self.call({"report_id": self.report.id, "lines": "T-RENEW=4"})
        self.assertEqual(response.status_code, 422, response.text)
        response = self.call({"report_id": self.report.id, "lines": [42, None]})
        body = response.json()
        self.assertEqual(body["errors"], 2)
        response = self.call({"lines": []}, key="not-a-key")
        self.assertEqual(response.status_code, 401)
