from odoo import fields, models
from odoo.addons.perf_synergy.tools.write_policy import OFFICER, trusted_writes, user_action
from odoo.exceptions import UserError

from .synergy_close_chunk import RUNNING

# Parameters (Settings > Technical > System Parameters), in scorecards.
CLOSE_THRESHOLD = "perf_synergy_queue.close_threshold"
CLOSE_CHUNK_SIZE = "perf_synergy_queue.close_chunk_size"
DEFAULT_CLOSE_THRESHOLD = 2000
DEFAULT_CLOSE_CHUNK_SIZE = 1000


def int_param(env, key, default):
    # System parameters are read by administrators only: these two are sizes, not secrets.
    value = env["ir.config_parameter"].sudo().get_param(key)
    try:
        return int(value) if value not in (None, False, "") else default
    except ValueError:
        return default


class SynergyPeriod(models.Model):
    _inherit = "synergy.period"

    close_chunk_ids = fields.One2many(
        "synergy.close.chunk", "period_id", string="Close Chunks", readonly=True
    )
    close_chunk_count = fields.Integer(compute="_compute_close_progress")
    close_done_count = fields.Integer(compute="_compute_close_progress")
    close_failed_count = fields.Integer(compute="_compute_close_progress")
    close_progress = fields.Char(
        compute="_compute_close_progress",
        help="Progress of the close running in background jobs.",
    )

    def _compute_close_progress(self):
        for period in self:
            chunks = period.close_chunk_ids
            period.close_chunk_count = len(chunks)
            period.close_done_count = len(chunks.filtered(lambda c: c.state == "done"))
            period.close_failed_count = len(chunks.filtered("failed"))
            period.close_progress = (
                self.env._(
                    "%(done)s of %(total)s chunks, %(failed)s failed",
                    done=period.close_done_count,
                    total=period.close_chunk_count,
                    failed=period.close_failed_count,
                )
                if chunks
                else False
            )

    # ------------------------------------------------------------------ the close in jobs
    def _close_in_background(self, periods):
        """A close of at least ``perf_synergy_queue.close_threshold`` scorecards (2,000 by
        default; 0: every close) runs in background jobs; a smaller one in the request."""
        threshold = int_param(self.env, CLOSE_THRESHOLD, DEFAULT_CLOSE_THRESHOLD)
        if threshold <= 0:
            return True
        count = self.env["synergy.scorecard"].search_count(
            [("period_id", "in", periods.ids)], limit=threshold
        )
        return count >= threshold

    def _close_start_jobs(self, periods):
        """Mark the periods closing (their values locked), cut the close in chunks and
        enqueue them: the measures, the department chunks, then the company roll-up."""
        # Larger periods first: a sub-period also selected is then in their scope.
        for period in self.sorted(lambda p: (len(p.parent_path or ""), p.id)):
            if period.state == "closing":
                continue  # in the scope of a period closed just before, in this loop
            scope = period._close_scope()
            size = max(int_param(self.env, CLOSE_CHUNK_SIZE, DEFAULT_CLOSE_CHUNK_SIZE), 1)
            plan = scope._close_plan(size)
            counts = {
                department.id: count
                for department, count in self.env["synergy.scorecard"]._read_group(
                    [("period_id", "in", scope.ids), ("owner_level", "!=", "company")],
                    ["department_id"],
                    ["__count"],
                )
            }
            vals_list = [
                {"kind": "measures", "company_id": company.id, "sequence": 1}
                for company in scope.company_id
            ]
            vals_list += [
                {
                    "kind": "departments",
                    # the period's company (a department may be shared between companies)
                    "company_id": period.company_id.id,
                    "sequence": 10 + index,
                    "department_ids": [fields.Command.set(department_ids)],
                    "scorecard_count": sum(counts.get(i, 0) for i in department_ids),
                }
                for index, (_company, department_ids) in enumerate(plan)
            ]
            vals_list.append(
                {"kind": "rollup", "company_id": period.company_id.id, "sequence": 10**6}
            )
            with trusted_writes(unlock=True):
                period.close_chunk_ids.unlink()
                scope.write({"state": "closing"})
                chunks = self.env["synergy.close.chunk"].create(
                    [{**vals, "period_id": period.id} for vals in vals_list]
                )
                period.message_post(
                    body=self.env._(
                        "Close started in background jobs: %(count)s chunks.",
                        count=len(chunks),
                    )
                )
            chunks._enqueue()
        return True

    @user_action(OFFICER, unlocks=True)
    def action_close_retry(self):
        """Run again the chunks of the close that failed or did not run (their jobs stopped),
        then the roll-up: what succeeded is kept."""
        for period in self:
            if period.state != "closing":
                raise UserError(self.env._("Period %s is not being closed.", period.name))
            todo = period.close_chunk_ids.filtered(lambda c: c.state != "done")
            if todo.filtered(lambda c: c.state == "pending" and c.job_state in RUNNING):
                raise UserError(
                    self.env._(
                        "The close of %s is still running: retry once its jobs have ended.",
                        period.name,
                    )
                )
            # Jobs left waiting on a job that failed in the queue would never run: replaced.
            todo._cancel_waiting_jobs()
            todo._enqueue()
            period.message_post(
                body=self.env._(
                    "Close retried by %(user)s: %(count)s chunks enqueued again.",
                    user=self.env.user.name,
                    count=len(todo),
                )
            )
        return True
