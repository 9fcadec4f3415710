"""Concurrency with real, separate database transactions (not the test's single cursor): two
evaluators submitting at once, the alert cron running while a user edits a value, two cron
workers evaluating the same rule. The class commits its own data and removes it afterwards.

The race is made deterministic the way PostgreSQL sees it: transaction B takes its snapshot
(first query), transaction A does its work and commits, then B does its work on a snapshot
that does not show A's changes - the situation of two simultaneous requests.
"""

from functools import partial

from odoo import api
from odoo.service.model import retrying
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import CommittedDataCase

# These tests need real commits on separate connections: committing is their point.
# pylint: disable=invalid-commit

YEAR = 2043


@tagged("post_install", "-at_install")
class TestConcurrency(CommittedDataCase):
    @classmethod
    def _create_data(cls, env):
        Department = env["hr.department"]
        customers = Department.create({"name": "Conc Customers", "synergy_tier": "front"})
        support = Department.create({"name": "Conc Support", "synergy_tier": "back"})
        users = env["res.users"]
        for index in range(3):
            user = new_test_user(
                env, login=f"conc_eval_{index}", groups="perf_synergy.group_synergy_user"
            )
            env["hr.employee"].create(
                {
                    "name": f"Conc evaluator {index}",
                    "department_id": customers.id,
                    "user_id": user.id,
                }
            )
            users |= user
        env["synergy.period.generate"].create({"year": YEAR}).action_generate()
        periods = env["synergy.period"].search(
            [("date_start", ">=", f"{YEAR}-01-01"), ("date_end", "<=", f"{YEAR}-12-31")]
        )
        months = periods.filtered(lambda p: p.period_type == "month").sorted("date_start")
        quarter = periods.filtered(lambda p: p.period_type == "quarter" and p.date_start.month == 1)
        kpi = env["synergy.kpi"].create({"code": "CONC-RET", "name": "Conc retention"})
        values = env["synergy.kpi.value"]
        history = [90, 91, 89, 90, 92, 90, 91, 89, 90, 91, 90, 70]
        for month, amount in zip(months, history, strict=True):
            values |= values.create(
                {
                    "kpi_id": kpi.id,
                    "period_id": month.id,
                    "owner_level": "department",
                    "department_id": customers.id,
                    "value": amount,
                }
            )
        rule = env["synergy.alert.rule"].create({"name": "Conc drop", "kpi_id": kpi.id})
        campaign = env["synergy.evaluation.campaign"].create(
            {
                "name": "Conc campaign",
                "campaign_type": "internal_customer",
                "period_id": quarter.id,
                "date_deadline": f"{YEAR}-04-10",
                "target_department_ids": [(6, 0, support.ids)],
                "evaluator_department_ids": [(6, 0, customers.ids)],
                "dimension_ids": [(0, 0, {"name": "Quality"}), (0, 0, {"name": "Speed"})],
            }
        )
        campaign.action_open()
        cls.ids = {
            "departments": (customers | support).ids,
            "users": users.ids,
            "employees": users.employee_ids.ids,
            "periods": periods.ids,
            "kpi": kpi.id,
            "values": values.ids,
            "rule": rule.id,
            "campaign": campaign.id,
        }

    @classmethod
    def _delete_data(cls, env):
        ids = cls.ids
        campaign = env["synergy.evaluation.campaign"].browse(ids["campaign"])
        env["synergy.event"].search(
            [
                ("res_model", "=", "synergy.evaluation.campaign"),
                ("res_id", "=", campaign.id),
            ]
        ).unlink()
        campaign.response_ids.unlink()
        campaign.target_ids.unlink()
        campaign.unlink()
        env["synergy.alert.rule"].browse(ids["rule"]).unlink()
        env["synergy.kpi.value"].browse(ids["values"]).exists().unlink()
        env["synergy.kpi"].browse(ids["kpi"]).unlink()
        env["synergy.period"].browse(ids["periods"]).unlink()
        env["hr.employee"].browse(ids["employees"]).unlink()
        env["res.users"].browse(ids["users"]).unlink()
        env["hr.department"].browse(ids["departments"]).unlink()

    def test_two_evaluators_submit_at_once(self):
        first, second = self.ids["users"][:2]
        env_a, env_b = self._envs(first, second)

        def answer(env, rating):
            response = env["synergy.evaluation.response"].search(
                [("campaign_id", "=", self.ids["campaign"]), ("evaluator_id", "=", env.uid)]
            )
            response.line_ids.write({"rating": rating})
            response.action_submit()

        # B opens its form (its snapshot starts), A submits and commits, then B submits.
        env_b["synergy.evaluation.response"].search_count([])
        answer(env_a, "4")
        env_a.cr.commit()
        # The server retries a transaction that lost a race; do the same.
        retrying(partial(answer, env_b, "3"), env_b)
        env_b.cr.commit()

        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            responses = env["synergy.evaluation.response"].search(
                [("campaign_id", "=", self.ids["campaign"]), ("state", "=", "submitted")]
            )
            ratings = {r.evaluator_id.id: set(r.line_ids.mapped("rating")) for r in responses}
            self.assertEqual(ratings, {first: {"4"}, second: {"3"}}, "no submission is lost")
            events = env["synergy.event"].search_count(
                [
                    ("event_type", "=", "evaluation_given"),
                    ("res_model", "=", "synergy.evaluation.campaign"),
                    ("res_id", "=", self.ids["campaign"]),
                ]
            )
            self.assertEqual(events, 2)

    def test_cron_while_a_user_edits_a_value(self):
        """The user's correction is neither lost nor blocked by the cron, and the next run
        sees it; the cron never writes values."""
        env_user, env_cron = self._envs(api.SUPERUSER_ID, api.SUPERUSER_ID)
        value_id = self.ids["values"][5]
        value = env_user["synergy.kpi.value"].browse(value_id)
        value.write({"value": 42})  # not committed yet: the cron runs meanwhile
        env_cron["synergy.alert.rule"]._cron_evaluate()
        env_cron.cr.commit()
        env_user.cr.commit()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            self.assertEqual(env["synergy.kpi.value"].browse(value_id).value, 42)
            env["synergy.alert.rule"]._cron_evaluate()
            self._assert_one_alert_per_key(env)
            cr.rollback()

    def test_two_cron_workers_create_no_duplicate_alert(self):
        with self.registry.cursor() as cr:  # start from no alert of the rule
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            env["synergy.alert"].search([("rule_id", "=", self.ids["rule"])]).unlink()
            cr.commit()
        env_a, env_b = self._envs(api.SUPERUSER_ID, api.SUPERUSER_ID)
        env_b["synergy.alert"].search_count([])  # worker B's snapshot starts
        created_a = env_a["synergy.alert.rule"]._cron_evaluate()
        self.assertTrue(created_a.filtered(lambda a: a.rule_id.id == self.ids["rule"]))
        env_a.cr.commit()
        with mute_logger("odoo.sql_db"):
            created_b = env_b["synergy.alert.rule"]._cron_evaluate()
        self.assertFalse(created_b.filtered(lambda a: a.rule_id.id == self.ids["rule"]))
        env_b.cr.commit()
        with self.registry.cursor() as cr:
            self._assert_one_alert_per_key(api.Environment(cr, api.SUPERUSER_ID, {}))

    def _assert_one_alert_per_key(self, env):
        alerts = env["synergy.alert"].search([("rule_id", "=", self.ids["rule"])])
        self.assertTrue(alerts, "the December drop raises an alert")
        keys = [(alert.period_id.id, alert._owner_key()) for alert in alerts]
        self.assertEqual(len(keys), len(set(keys)), "one alert per rule, owner and period")
