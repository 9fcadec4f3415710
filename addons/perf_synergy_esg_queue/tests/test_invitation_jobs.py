"""The invitations of a campaign mailed by background jobs (performed as queue_job's tests
perform them, ``trap_jobs``): the reports at once, the mails by the jobs, as in the request."""

from odoo.addons.perf_synergy_esg.tests.common import EsgCase
from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.tests import tagged

from ..models.synergy_esg_report import INVITATION_BATCH, INVITATION_THRESHOLD


@tagged("post_install", "-at_install")
class TestInvitationJobs(EsgCase):
    def test_invitations_are_mailed_by_jobs(self):
        ICP = self.env["ir.config_parameter"].sudo()
        ICP.set_param(INVITATION_THRESHOLD, "0")
        ICP.set_param(INVITATION_BATCH, "1")
        campaign = self.campaign.copy({"name": "T campaign by jobs"})
        campaign.write({"partner_ids": [(6, 0, (self.supplier | self.other_supplier).ids)]})
        with trap_jobs() as trap:
            campaign.with_user(self.manager).action_invite()
            self.assertEqual(campaign.state, "open")
            self.assertEqual(len(campaign.report_ids), 2)  # the reports at once
            trap.assert_jobs_count(2)  # one job per batch of one report
            report = campaign.report_ids.filtered(lambda r: r.partner_id == self.supplier)
            trap.assert_enqueued_job(
                report._esg_send_invitation_job, properties={"channel": "root.synergy.esg"}
            )
            self.assertFalse(report.message_ids.filtered(lambda m: self.contact in m.partner_ids))
            trap.perform_enqueued_jobs()
        report.invalidate_recordset()
        invitation = report.message_ids.filtered(lambda m: self.contact in m.partner_ids)
        self.assertTrue(invitation, "the portal contact is mailed by the job")
        self.assertIn(f"/my/esg/{report.id}", invitation[0].body)
        self.assertIn(self.contact, report.message_partner_ids)
