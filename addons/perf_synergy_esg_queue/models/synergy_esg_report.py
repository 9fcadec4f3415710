from odoo import models
from odoo.addons.perf_synergy_queue.models.synergy_period import int_param
from odoo.tools import split_every

ESG_CHANNEL = "root.synergy.esg"
# Parameters (Settings > Technical > System Parameters): from this many new reports on, the
# invitations are mailed by background jobs (0: always), this many per job.
INVITATION_THRESHOLD = "perf_synergy_queue.esg_invitation_threshold"
INVITATION_BATCH = "perf_synergy_queue.esg_invitation_batch"
DEFAULT_INVITATION_THRESHOLD = 50
DEFAULT_INVITATION_BATCH = 50


class SynergyEsgReport(models.Model):
    _inherit = "synergy.esg.report"

    def _esg_send_invitation(self):
        """Mail the invitations here, or, for a large campaign, by background jobs of a
        batch of reports each (a failed batch is retried alone)."""
        threshold = int_param(self.env, INVITATION_THRESHOLD, DEFAULT_INVITATION_THRESHOLD)
        if self.env.context.get("synergy_queue_now") or 0 < len(self) < threshold:
            return super()._esg_send_invitation()
        batch = max(int_param(self.env, INVITATION_BATCH, DEFAULT_INVITATION_BATCH), 1)
        for ids in split_every(batch, self.ids):
            reports = self.browse(ids)
            reports.with_delay(
                channel=ESG_CHANNEL,
                description=self.env._("Mail %s ESG invitations", len(reports)),
            )._esg_send_invitation_job()
        return None

    def _esg_send_invitation_job(self):
        """The job of a batch: its invitations, as the ESG manager who invited."""
        self.with_context(synergy_queue_now=True)._esg_send_invitation()
        return len(self)
