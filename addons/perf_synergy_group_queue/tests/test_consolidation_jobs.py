"""Consolidation runs computed by background jobs (performed as queue_job's tests perform
them, ``trap_jobs``): the same lines as a run computed in the request."""

from odoo.addons.perf_synergy_group.tests.common import GroupCase
from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..models.synergy_consolidation_run import CONSOLIDATION_THRESHOLD

FIELDS = (
    "line_type", "kpi_id", "entity_id", "local_value", "rate", "translated_value",
    "elimination", "share", "effective_share", "contribution", "consolidated_value",
    "numerator", "denominator", "basis",
)  # fmt: skip


@tagged("post_install", "-at_install")
class TestConsolidationJobs(GroupCase):
    @staticmethod
    def _snapshot(run):
        return sorted(
            tuple(line[f].id if hasattr(line[f], "id") else line[f] for f in FIELDS)
            for line in run.line_ids
        )

    def test_run_computed_by_a_job_gives_the_lines_of_the_request(self):
        expected_run = self.new_run()
        expected_run.action_compute()  # the default threshold: a small group, in the request
        self.assertEqual(expected_run.state, "computed")
        expected = self._snapshot(expected_run)
        self.assertTrue(expected)

        self.env["ir.config_parameter"].sudo().set_param(CONSOLIDATION_THRESHOLD, "0")
        run = self.new_run()
        with trap_jobs() as trap:
            run.action_compute()
            run.action_compute()  # clicked twice: one job (identity key)
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(
                run._compute_job, properties={"channel": "root.synergy.consolidation"}
            )
            self.assertEqual(run.state, "draft")
            self.assertFalse(run.line_ids)
            trap.perform_enqueued_jobs()
        run.invalidate_recordset()
        self.assertEqual(run.state, "computed")
        self.assertEqual(self._snapshot(run), expected)

    def test_only_controllers_queue_a_run(self):
        self.env["ir.config_parameter"].sudo().set_param(CONSOLIDATION_THRESHOLD, "0")
        officer = new_test_user(self.env, "cq_officer", groups="perf_synergy.group_synergy_officer")
        run = self.new_run()
        with trap_jobs() as trap, self.assertRaises(AccessError):
            run.with_user(officer).action_compute()
        trap.assert_jobs_count(0)
