"""The hourly evaluation of the alert rules as one job per rule (performed as queue_job's
tests perform them, ``trap_jobs``): the alerts of the evaluation in the cron, once."""

from odoo.addons.perf_synergy.tests.common import SynergyCase
from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.tests import tagged

from ..models.synergy_alert_rule import ALERT_THRESHOLD


@tagged("post_install", "-at_install")
class TestAlertJobs(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rule = cls.env["synergy.alert.rule"].create(
            {"name": "Retention drops", "kpi_id": cls.kpi_retention.id}
        )
        history = [90, 91, 89, 90, 92, 90, 91, 89, 90, 91, 90, 70]
        for month, amount in zip(cls.months, history, strict=True):
            cls.value(cls.kpi_retention, month, amount, department_id=cls.dep_sales.id)

    @staticmethod
    def _keys(alerts):
        return sorted(
            (a.rule_id.id, a.period_id.id, a.department_id.id, a.value, a.severity) for a in alerts
        )

    def test_rules_evaluated_by_jobs_give_the_alerts_of_the_cron(self):
        Rule = self.env["synergy.alert.rule"]
        Alert = self.env["synergy.alert"]
        before = Alert.search([])
        savepoint = self.env.cr.savepoint()
        expected = self._keys(Rule._cron_evaluate())  # a few rules: in the cron itself
        savepoint.close(rollback=True)
        self.env.invalidate_all()
        self.assertIn((self.rule.id, self.months[11].id), [k[:2] for k in expected])

        self.env["ir.config_parameter"].sudo().set_param(ALERT_THRESHOLD, "0")
        rules = Rule.search([("kpi_id", "!=", False)])
        with trap_jobs() as trap:
            self.assertFalse(Rule._cron_evaluate())
            Rule._cron_evaluate()  # the next hour, before the jobs ran: nothing queued twice
            trap.assert_jobs_count(len(rules))
            trap.assert_enqueued_job(
                self.rule._evaluate_job, properties={"channel": "root.synergy.alert"}
            )
            self.assertEqual(Alert.search([]), before)
            trap.perform_enqueued_jobs()
        self.assertEqual(self._keys(Alert.search([]) - before), expected)
        # idempotent: evaluated again, the rule finds nothing new
        self.assertEqual(self.rule._evaluate_job(), 0)
