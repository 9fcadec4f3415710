import json
from datetime import date, datetime, timedelta

from odoo.tests import HttpCase, tagged

from .common import SynergyCase, make_synergy_user


@tagged("post_install", "-at_install")
class TestMeasureJson2(HttpCase, SynergyCase):
    """An officer without HR rights, over JSON-2 with his own API key, learns no salary
    through a measure: not by creating one, changing one or previewing one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.officer = make_synergy_user(
            cls.env,
            "syn_api_officer",
            "perf_synergy.group_synergy_officer,project.group_project_user",
        )
        cls.hr_officer = make_synergy_user(
            cls.env,
            "syn_api_hr_officer",
            "perf_synergy.group_synergy_officer,hr.group_hr_manager",
        )
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.officer)
            ._generate(
                scope="rpc",
                name="Reporting",
                expiration_date=datetime.now() + timedelta(hours=6),
            )
        )
        cls.emp_ops.version_id.write({"wage": 98765.0, "date_version": date.today()})
        today = date.today()
        if not cls.env["synergy.period"].search_count(
            [("date_start", "<=", today), ("date_end", ">=", today)]
        ):
            cls.env["synergy.period.generate"].create({"year": today.year}).action_generate()
        cls.wage_vals = {
            "name": "Payroll over JSON-2",
            "model_id": cls.env["ir.model"]._get_id("hr.version"),
            "date_field": "date_version",
            "aggregate": "sum",
            "value_field": "wage",
            "owner_field": "department_id",
        }
        cls.Measure = cls.env["synergy.measure"]

    def call(self, method, payload):
        return self.url_open(
            f"/json/2/synergy.measure/{method}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"},
        )

    def test_create_write_preview_refused(self):
        response = self.call("create", {"vals_list": [self.wage_vals]})
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("hr.version", response.json()["message"])
        self.assertFalse(self.Measure.search([("name", "=", "Payroll over JSON-2")]))

        response = self.call(
            "create",
            {
                "vals_list": [
                    {
                        "name": "Secret",
                        "model_id": self.env["ir.model"]._get_id("ir.config_parameter"),
                        "date_field": "create_date",
                        "domain": "[('key', '=', 'database.secret')]",
                        "owner_level": "company",
                    }
                ]
            },
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertIn("system model", response.json()["message"])

        # A task measure is his to make; turning it into a payroll one is not.
        response = self.call(
            "create",
            {
                "vals_list": [
                    {
                        "name": "Tasks over JSON-2",
                        "model_id": self.env["ir.model"]._get_id("project.task"),
                        "date_field": "date_deadline",
                        "owner_field": "user_ids",
                    }
                ]
            },
        )
        self.assertEqual(response.status_code, 200, response.text)
        tasks = self.Measure.browse(response.json())
        self.assertEqual(tasks.source_validated_by_id, self.officer)
        response = self.call(
            "write",
            {
                "ids": tasks.ids,
                "vals": {
                    "model_id": self.wage_vals["model_id"],
                    "date_field": "date_version",
                    "aggregate": "sum",
                    "value_field": "wage",
                    "owner_field": "department_id",
                },
            },
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(tasks.model_name, "project.task")
        response = self.call(
            "write", {"ids": tasks.ids, "vals": {"source_validated_by_id": self.hr_officer.id}}
        )
        self.assertEqual(response.status_code, 403, response.text)
        self.assertEqual(tasks.source_validated_by_id, self.officer)

        # The preview of the HR officer's payroll measure runs with the officer's rights.
        payroll = self.Measure.with_user(self.hr_officer).create(self.wage_vals)
        response = self.call("action_preview", {"ids": payroll.ids})
        self.assertEqual(response.status_code, 403, response.text)
        self.assertNotIn("98765", response.text)
        self.assertIn("98765", str(payroll.with_user(self.hr_officer).action_preview()))
