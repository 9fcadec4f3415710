from odoo import models
from odoo.addons.perf_synergy.tools.write_policy import GROUP_CONTROLLER, user_action
from odoo.addons.perf_synergy_queue.models.synergy_period import int_param
from odoo.addons.queue_job.job import identity_exact

CONSOLIDATION_CHANNEL = "root.synergy.consolidation"
# Parameter (Settings > Technical > System Parameters): from this many group entities on, a
# consolidation run is computed by a background job; 0: always.
CONSOLIDATION_THRESHOLD = "perf_synergy_queue.consolidation_threshold"
DEFAULT_CONSOLIDATION_THRESHOLD = 20


class SynergyConsolidationRun(models.Model):
    _inherit = "synergy.consolidation.run"

    @user_action(GROUP_CONTROLLER)
    def action_compute(self):
        """Compute the runs here, or, for a large group, one background job per run (the run
        keeps its state until its job has computed it; a run already queued is not queued
        twice)."""
        if self.env.context.get("synergy_queue_now") or not self._compute_in_background():
            return super().action_compute()
        self._check_controller()
        self._check_unlocked()
        for run in self:
            run.with_delay(
                channel=CONSOLIDATION_CHANNEL,
                identity_key=identity_exact,
                description=self.env._("Compute consolidation run %s", run.name),
            )._compute_job()
            run.message_post(body=self.env._("Computation queued as a background job."))
        return True

    def _compute_in_background(self):
        threshold = int_param(self.env, CONSOLIDATION_THRESHOLD, DEFAULT_CONSOLIDATION_THRESHOLD)
        if threshold <= 0:
            return True
        # Counting the entities of the group structure, which every controller reads.
        entities = self.env["synergy.group.entity"].sudo().search_count([], limit=threshold)
        return entities >= threshold

    def _compute_job(self):
        """The job of a run: its computation, with the rights of the controller who asked."""
        return self.with_context(synergy_queue_now=True).action_compute()
