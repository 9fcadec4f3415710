import logging

from psycopg2 import OperationalError

from odoo import fields, models
from odoo.addons.perf_synergy.tools.write_policy import trusted_writes
from odoo.addons.queue_job.delay import chain, group
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

_logger = logging.getLogger(__name__)

CLOSE_CHANNEL = "root.synergy.close"
# States of queue.job in which a chunk's job is about to run or running: a retry waits.
RUNNING = ("pending", "enqueued", "started")


class SynergyCloseChunk(models.Model):
    """One step of a period close run in background jobs (perf_synergy's ``action_close``
    cut in steps): the measures of the period, one chunk of whole department subtrees, or the
    company roll-up that closes the period once every chunk has succeeded."""

    _name = "synergy.close.chunk"
    _description = "Period Close Chunk"
    _inherit = ["synergy.policy.mixin"]
    # Written by the close only (perf_synergy_queue's jobs): no field is set by a user.
    _write_policy = {}
    # Deleted by the close only (a new close or a reopen): a chunk removed by hand would let
    # the roll-up close the period without that chunk's scorecards.
    _policy_state = "state"
    _unlink_states = ()
    _order = "period_id, sequence, id"
    _check_company_auto = True

    period_id = fields.Many2one(
        "synergy.period",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        selection=[
            ("measures", "Measures"),
            ("departments", "Departments"),
            ("rollup", "Company roll-up"),
        ],
        required=True,
    )
    department_ids = fields.Many2many(
        "hr.department",
        "synergy_close_chunk_department_rel",
        "chunk_id",
        "department_id",
        string="Departments",
        help="The department subtrees whose scorecards this chunk computes.",
    )
    scorecard_count = fields.Integer(string="Scorecards")
    state = fields.Selection(
        selection=[("pending", "Waiting"), ("done", "Done"), ("failed", "Failed")],
        required=True,
        default="pending",
    )
    # A job's error can quote the data and the code it failed on: for the officers who retry.
    error = fields.Text(
        help="Why the chunk failed; its work was rolled back.",
        groups="perf_synergy.group_synergy_officer",
    )
    job_uuid = fields.Char(string="Job", copy=False, index=True)
    name = fields.Char(compute="_compute_name")
    job_state = fields.Char(
        compute="_compute_job",
        help="State of the chunk's background job in the job queue.",
    )
    failed = fields.Boolean(compute="_compute_job")
    failure = fields.Text(compute="_compute_failure", groups="perf_synergy.group_synergy_officer")

    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for chunk in self:
            if chunk.kind == "departments":
                names = chunk.department_ids[:3].mapped("name")
                more = len(chunk.department_ids) - len(names)
                label = ", ".join(names)
                if more > 0:
                    label = self.env._("%(names)s and %(count)s more", names=label, count=more)
                chunk.name = label
            else:
                chunk.name = kinds.get(chunk.kind, chunk.kind)

    def _jobs_by_uuid(self):
        uuids = [uuid for uuid in self.mapped("job_uuid") if uuid]
        if not uuids:
            return {}
        # The state of the jobs of a close the reader may see (the chunks are his company's
        # records; their error text is the officers' field); the job queue is its managers'.
        jobs = self.env["queue.job"].sudo().search([("uuid", "in", uuids)])
        return {job.uuid: job for job in jobs}

    def _compute_job(self):
        jobs = self._jobs_by_uuid()
        for chunk in self:
            job = jobs.get(chunk.job_uuid)
            chunk.job_state = job.state if job else False
            # A chunk fails on its own (its error caught and recorded), or its job does (killed
            # and out of retries, or failed before it could run).
            job_failed = bool(job) and job.state in ("failed", "cancelled")
            chunk.failed = chunk.state == "failed" or (chunk.state != "done" and job_failed)

    def _compute_failure(self):
        jobs = self._jobs_by_uuid()
        for chunk in self:
            job = jobs.get(chunk.job_uuid)
            if chunk.state == "failed":
                chunk.failure = chunk.error
            elif chunk.failed:
                chunk.failure = job.exc_message or job.exc_name or job.state
            else:
                chunk.failure = False

    # ------------------------------------------------------------------ jobs
    def _cancel_waiting_jobs(self):
        jobs = self._jobs_by_uuid().values()
        waiting = [job for job in jobs if job.state == "wait_dependencies"]
        if waiting:
            # The close's own jobs, replaced by a retry the officer was entitled to run.
            self.env["queue.job"].sudo().browse([job.id for job in waiting]).button_cancelled()

    def _delayable(self):
        self.ensure_one()
        return self.delayable(
            channel=CLOSE_CHANNEL,
            description=self.env._(
                "Close %(period)s: %(chunk)s", period=self.period_id.name, chunk=self.name
            ),
        )._run()

    def _enqueue(self):
        """Enqueue the jobs of these chunks (those not done): the measures, then every
        department chunk, then the roll-up, which runs when all of them are done."""
        todo = self.filtered(lambda c: c.state != "done")
        steps = []
        delayables = {}
        for kind in ("measures", "departments", "rollup"):
            chunks = todo.filtered(lambda c, k=kind: c.kind == k)
            if chunks:
                for chunk in chunks:
                    delayables[chunk] = chunk._delayable()
                steps.append(group(*(delayables[chunk] for chunk in chunks)))
        if not steps:
            return
        chain(*steps).delay() if len(steps) > 1 else steps[0].delay()
        with trusted_writes():
            for chunk, delayable in delayables.items():
                job = getattr(delayable, "_generated_job", None)
                chunk.write({"job_uuid": job.uuid if job else False, "state": "pending"})

    def _run(self):
        """The job of a chunk: its step of the close, in a savepoint. A failure is recorded
        on the chunk with its error, its work rolled back, and the close waits for a retry
        (the roll-up closes the period only when every chunk is done). Concurrency errors are
        left to the job queue, which retries the job."""
        self.ensure_one()
        period = self.period_id
        if period.state != "closing" or self.state == "done":
            return False  # reopened meanwhile, or a re-run of a finished chunk's job
        with trusted_writes(unlock=True):
            try:
                with self.env.cr.savepoint():
                    done = self._perform()
                    self.env.flush_all()
            except RetryableJobError:
                raise
            except OperationalError as error:
                if error.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY:
                    raise RetryableJobError(str(error)) from error
                self._fail(error)
                return False
            except Exception as error:  # recorded on the chunk, shown on the period
                self._fail(error)
                return False
            if done:
                self.write({"state": "done", "error": False})
            self.env.flush_all()
        return done

    def _fail(self, error):
        _logger.warning("Close chunk %s of period %s failed: %s", self.id, self.period_id.id, error)
        self.write({"state": "failed", "error": f"{type(error).__name__}: {error}"})
        self.env.flush_all()

    def _scope(self):
        """The periods of this chunk's close: its period and sub-periods being closed."""
        return self.period_id._close_scope().filtered(lambda p: p.company_id == self.company_id)

    def _perform(self):
        """Run this chunk's step; False when it may not run yet (it stays waiting)."""
        siblings = self.period_id.close_chunk_ids - self
        if self.kind == "measures":
            self._scope()._close_measures()
            return True
        if self.kind == "departments":
            if siblings.filtered(lambda c: c.kind == "measures" and c.state != "done"):
                return False  # the values are not computed yet: wait for a retry
            self._scope()._close_chunk(self.department_ids.ids)
            return True
        # The roll-up: only once every chunk has succeeded, nothing is half-closed.
        if siblings.filtered(lambda c: c.state != "done"):
            return False
        chunks = [
            chunk.department_ids.ids
            for chunk in siblings.filtered(lambda c: c.kind == "departments")
        ]
        self.period_id._close_rollup(self.period_id._close_scope(), chunks)
        return True
