import logging

from psycopg2.errors import UniqueViolation

from odoo import api, models
from odoo.addons.queue_job.job import identity_exact

from .synergy_period import int_param

_logger = logging.getLogger(__name__)

ALERT_CHANNEL = "root.synergy.alert"
# Parameter (Settings > Technical > System Parameters): from this many rules on, the hourly
# evaluation runs one job per rule; 0: always.
ALERT_THRESHOLD = "perf_synergy_queue.alert_threshold"
DEFAULT_ALERT_THRESHOLD = 20


class SynergyAlertRule(models.Model):
    _inherit = "synergy.alert.rule"

    @api.model
    def _cron_evaluate(self):
        """The hourly evaluation: one job per rule when there are many rules (a job per rule
        is retried, spread over the job runner's workers, and a failing rule fails alone);
        in the cron itself otherwise. A rule already waiting in the queue is not queued
        again."""
        rules = self.search([("kpi_id", "!=", False)])
        threshold = int_param(self.env, ALERT_THRESHOLD, DEFAULT_ALERT_THRESHOLD)
        if threshold > 0 and len(rules) < threshold:
            return super()._cron_evaluate()
        for rule in rules:
            rule.with_delay(
                channel=ALERT_CHANNEL,
                identity_key=identity_exact,
                description=self.env._("Evaluate alert rule %s", rule.name),
            )._evaluate_job()
        return self.env["synergy.alert"]

    def _evaluate_job(self):
        """One rule's evaluation as a job: the alerts it finds (idempotent, existing alerts
        are not repeated)."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                alerts = self._evaluate()
        except UniqueViolation:
            # Evaluated concurrently by the cron or another job: its alerts won, none lost.
            _logger.info("Alert rule %s (id %s) evaluated concurrently", self.name, self.id)
            return 0
        return len(alerts)
