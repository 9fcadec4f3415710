"""The period close through background jobs (queue_job), performed as queue_job's own tests
perform them (``trap_jobs``: the jobs are created as the job queue creates them, then run
one by one in the order of their dependencies): the same stored figures as the close in one
request, a failing chunk leaving the period not closed until a retry, chunks that may run
again, the progress, and the rights."""

from datetime import date
from unittest.mock import patch

from odoo.addons.perf_synergy.tests.common import SynergyCase
from odoo.addons.perf_synergy.tools.write_policy import trusted_writes
from odoo.addons.queue_job.job import Job
from odoo.addons.queue_job.tests.common import trap_jobs
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.synergy_period import CLOSE_CHUNK_SIZE, CLOSE_THRESHOLD

LINE_COLUMNS = "id, actual, has_actual, score, achievement"
CARD_COLUMNS = (
    "id, state, total_weight, synergy_weight, kpi_score, linked_score, final_score, grade, "
    "final_grade, internal_customer_weight, tier_weight, behavior_points, behavior_points_capped"
)


@tagged("post_install", "-at_install")
class TestCloseJobs(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ICP = cls.env["ir.config_parameter"].sudo()
        ICP.set_param(CLOSE_THRESHOLD, "0")  # every close in jobs
        ICP.set_param(CLOSE_CHUNK_SIZE, "4")  # a department and its three employees
        Department = cls.env["hr.department"]
        cls.dep_north_east = Department.create(
            {"name": "Syn Sales North East", "parent_id": cls.dep_sales_north.id}
        )
        cls.dep_support = Department.create({"name": "Syn Support", "synergy_tier": "back"})
        cls.dep_helpdesk = Department.create(
            {"name": "Syn Helpdesk", "parent_id": cls.dep_support.id, "synergy_tier": "back"}
        )
        cls.period = cls.q1
        cls.months3 = cls.months[:3]
        company_card = cls.scorecard("company", period=cls.period, company_id=cls.company.id)
        cls.company_line = cls.line(
            company_card, cls.kpi_revenue, weight=100, target=5000, company_id=cls.company.id
        )
        cls.department_lines = {}
        tree = [
            (cls.dep_sales, None),
            (cls.dep_sales_north, cls.dep_sales),
            (cls.dep_north_east, cls.dep_sales_north),
            (cls.dep_ops, None),
            (cls.dep_support, None),
            (cls.dep_helpdesk, cls.dep_support),
        ]
        for rank, (department, parent) in enumerate(tree):
            cls._department_tree(rank, department, parent)
        # an employee of no department, reporting to the company line: the roll-up's
        cls.loner = cls.env["hr.employee"].create({"name": "Syn Loner"})
        loner_card = cls.scorecard("employee", period=cls.period, employee_id=cls.loner.id)
        cls.line(
            loner_card,
            cls.kpi_sales,
            weight=100,
            target=300,
            parent_line_id=cls.company_line.id,
            employee_id=cls.loner.id,
        )
        for month, amount in zip(cls.months3, (70, 80, 90.5), strict=True):
            cls.value(
                cls.kpi_sales, month, amount, owner_level="employee", employee_id=cls.loner.id
            )

    @classmethod
    def _department_tree(cls, rank, department, parent):
        """A department scorecard (revenue rolled up to its parent, complaints of its own) and
        three employees (sales rolled up to the department, retention of their own)."""
        card = cls.scorecard(department_id=department.id, period=cls.period)
        parent_line = cls.department_lines[parent] if parent else cls.company_line
        revenue = cls.line(
            card,
            cls.kpi_revenue,
            weight=70,
            target=900,
            parent_line_id=parent_line.id,
            is_synergy=True,
        )
        cls.department_lines[department] = revenue
        cls.line(card, cls.kpi_complaints, weight=30, target=4)
        for month, amount in zip(cls.months3, (3, 5 + rank, 2), strict=True):
            cls.value(cls.kpi_complaints, month, amount, department_id=department.id)
        employees = cls.env["hr.employee"].create(
            [{"name": f"{department.name} {i}", "department_id": department.id} for i in range(3)]
        )
        for i, employee in enumerate(employees):
            emp_card = cls.scorecard("employee", period=cls.period, employee_id=employee.id)
            cls.line(
                emp_card,
                cls.kpi_sales,
                weight=60,
                target=300,
                parent_line_id=revenue.id,
                employee_id=employee.id,
            )
            cls.line(emp_card, cls.kpi_retention, weight=40, target=90, employee_id=employee.id)
            for month, amount in zip(cls.months3, (100 + i, 95 + rank, 101.37), strict=True):
                cls.value(
                    cls.kpi_sales, month, amount, owner_level="employee", employee_id=employee.id
                )
                cls.value(
                    cls.kpi_retention,
                    month,
                    80 + rank + i / 3,
                    owner_level="employee",
                    employee_id=employee.id,
                )

    def setUp(self):
        super().setUp()
        self.officer_period = self.period.with_user(self.user_officer)
        self._forget_figures()

    # ------------------------------------------------------------------ helpers
    def _period_ids(self):
        return self.period._close_scope().ids or [self.period.id, *self.months3.ids]

    def _forget_figures(self):
        """Stored figures wiped, so that only a close can give them back."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE synergy_scorecard_line SET actual = 0, has_actual = FALSE, score = 0, "
            "achievement = 0 WHERE period_id = %s",
            [self.period.id],
        )
        self.env.cr.execute(
            "UPDATE synergy_scorecard SET kpi_score = 0, linked_score = 0, final_score = 0, "
            "total_weight = 0 WHERE period_id = %s",
            [self.period.id],
        )
        self.env.invalidate_all()

    def _figures(self):
        """Every stored figure of the close: lines, scorecards, period states, locked values."""
        self.env.flush_all()
        cr = self.env.cr
        periods = [self.period.id, *self.months3.ids]
        cr.execute(
            f"SELECT {LINE_COLUMNS} FROM synergy_scorecard_line "
            "WHERE period_id = ANY(%s) ORDER BY id",
            [periods],
        )
        lines = cr.fetchall()
        cr.execute(
            f"SELECT {CARD_COLUMNS} FROM synergy_scorecard WHERE period_id = ANY(%s) ORDER BY id",
            [periods],
        )
        cards = cr.fetchall()
        cr.execute("SELECT id, state FROM synergy_period WHERE id = ANY(%s) ORDER BY id", [periods])
        states = cr.fetchall()
        return {"lines": lines, "scorecards": cards, "periods": states}

    def _synchronous_figures(self):
        """The figures of the close in one request (queue_job's bridge says no), rolled back."""
        savepoint = self.env.cr.savepoint()
        try:
            with patch.object(
                type(self.env["synergy.period"]), "_close_in_background", return_value=False
            ):
                self.officer_period.action_close()
            return self._figures()
        finally:
            savepoint.close(rollback=True)
            self.env.invalidate_all()

    def _close_in_jobs(self, trap):
        self.officer_period.action_close()
        self.assertEqual(self.period.state, "closing")
        self.assertTrue(trap.enqueued_jobs)
        trap.perform_enqueued_jobs()
        self.env.invalidate_all()

    def _run_stored_jobs(self):
        """What the job runner does with the stored jobs, in this transaction: each pending
        job of the product's channels run (as the user who enqueued it), marked done, and
        the jobs waiting on it released, until none is pending."""
        Queue = self.env["queue.job"]
        for _round in range(20):
            pending = Queue.search(
                [("state", "=", "pending"), ("channel", "=like", "root.synergy.%")], order="id"
            )
            if not pending:
                return
            for record in pending:
                job = Job.load(self.env, record.uuid)
                job.set_started()
                job.store()
                job.perform()
                job.set_done()
                job.store()
                job.enqueue_waiting()
        self.fail("the jobs do not end")

    # ------------------------------------------------------------------ tests
    def test_stored_jobs_form_the_graph_of_the_close(self):
        """Stored as the job queue stores them: one graph, the measures first, the department
        chunks after them, the roll-up after every chunk."""
        expected = self._synchronous_figures()
        self.officer_period.action_close()
        chunks = self.period.close_chunk_ids
        jobs = self.env["queue.job"].search([("uuid", "in", chunks.mapped("job_uuid"))])
        self.assertEqual(len(jobs), 8)
        self.assertEqual(len(set(jobs.mapped("graph_uuid"))), 1)
        self.assertEqual(set(jobs.mapped("channel")), {"root.synergy.close"})
        job_of = {job.uuid: job for job in jobs}
        measures, *departments, rollup = (job_of[chunk.job_uuid] for chunk in chunks)
        self.assertEqual(measures.state, "pending")
        for job in departments:
            self.assertEqual(job.dependency_ids, measures)
            self.assertEqual(job.state, "wait_dependencies")
        self.assertEqual(rollup.dependency_ids, self.env["queue.job"].union(*departments))
        self.assertEqual(rollup.user_id, self.user_officer)

        self._run_stored_jobs()
        self.env.invalidate_all()
        self.assertEqual(self.period.state, "closed")
        self.assertEqual(set(jobs.mapped("state")), {"done"})
        self.assertEqual(self._figures(), expected)

    def test_a_job_failed_in_the_queue_is_shown_and_retried(self):
        """A chunk's job the queue gave up on (its worker killed, out of retries): the
        period shows it failed with the queue's error; the retry replaces its job and the
        roll-up's, left waiting on it, and the close ends with the same figures."""
        expected = self._synchronous_figures()
        self.officer_period.action_close()
        chunks = self.period.close_chunk_ids
        killed = chunks.filtered(lambda c: c.department_ids == self.dep_ops)
        job = Job.load(self.env, killed.job_uuid)
        # the measures ran; this chunk's worker died, the queue gave up on it
        measures = Job.load(self.env, chunks[0].job_uuid)
        measures.perform()
        measures.set_done()
        measures.store()
        measures.enqueue_waiting()
        job.set_failed(exc_name="JobFoundDead", exc_message="Worker killed")
        job.store()
        self.env.invalidate_all()
        self.assertTrue(killed.failed)
        self.assertEqual(killed.failure, "Worker killed")
        self.assertEqual(self.period.close_failed_count, 1)
        self.assertEqual(self.period.close_progress, "1 of 8 chunks, 1 failed")
        # the other chunks still pending in the queue: the retry waits for them
        with self.assertRefused(UserError, "still running"):
            self.officer_period.action_close_retry()
        self._run_stored_jobs()
        self.env.invalidate_all()
        self.assertEqual(self.period.state, "closing")
        self.assertEqual(self.period.close_progress, "6 of 8 chunks, 1 failed")
        old_rollup = chunks[-1].job_uuid

        self.officer_period.action_close_retry()
        self.env.invalidate_all()
        self.assertEqual(
            self.env["queue.job"].search([("uuid", "=", old_rollup)]).state, "cancelled"
        )
        self.assertNotEqual(chunks[-1].job_uuid, old_rollup)
        self._run_stored_jobs()
        self.env.invalidate_all()
        self.assertEqual(self.period.state, "closed")
        self.assertEqual(self._figures(), expected)

    def test_close_in_jobs_gives_the_figures_of_the_close_in_one_request(self):
        expected = self._synchronous_figures()
        self.assertEqual({state for _id, state in expected["periods"]}, {"closed"})
        self.assertTrue(any(has for _id, _a, has, *_rest in expected["lines"]))
        self.assertEqual(self._figures()["periods"][0][1], "open")  # rolled back

        with trap_jobs() as trap:
            self.officer_period.action_close()
            chunks = self.period.close_chunk_ids
            # the measures, six department chunks (chunk size 4: a department and its three
            # employees; the company roll-up takes the company's own scorecard), the roll-up
            self.assertEqual(chunks.mapped("kind"), ["measures"] + ["departments"] * 6 + ["rollup"])
            trap.assert_jobs_count(8)
            for chunk in chunks:
                trap.assert_enqueued_job(chunk._run, properties={"channel": "root.synergy.close"})
            self.assertTrue(all(chunks.mapped("job_uuid")))
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()

        self.assertEqual(self.period.state, "closed")
        self.assertEqual(set(chunks.mapped("state")), {"done"})
        self.assertEqual(self._figures(), expected)
        self.assertEqual(
            self.company_line.actual,
            sum(
                line.actual
                for line in self.department_lines.values()
                if line.parent_line_id == self.company_line
            )
            + 240.5,  # the loner's
        )
        self.assertTrue(any("Period closed" in m.body for m in self.period.message_ids))

    def test_one_big_chunk_and_many_small_ones_give_the_same_figures(self):
        """The cut does not change the result: one chunk per tree, or one per department."""
        results = []
        for size in ("100", "1"):
            savepoint = self.env.cr.savepoint()
            try:
                self.env["ir.config_parameter"].sudo().set_param(CLOSE_CHUNK_SIZE, size)
                with trap_jobs() as trap:
                    self._close_in_jobs(trap)
                results.append(
                    (len(self.period.close_chunk_ids), self._figures(), self.period.state)
                )
            finally:
                savepoint.close(rollback=True)
                self.env.invalidate_all()
        (few, figures_few, state_few), (many, figures_many, state_many) = results
        self.assertEqual((state_few, state_many), ("closed", "closed"))
        self.assertEqual(few, 1 + 1 + 1)  # measures, the three root subtrees together, roll-up
        self.assertEqual(many, 1 + 6 + 1)
        self.assertEqual(figures_few, figures_many)

    def test_a_failing_chunk_leaves_the_period_closing_then_the_retry_closes_it(self):
        """A chunk killed mid-way (it raises after writing its lines) rolls back, the period
        stays closing with the failure shown; the retry gives the uninterrupted figures."""
        expected = self._synchronous_figures()
        Period = type(self.env["synergy.period"])
        original = Period._close_chunk
        helpdesk = self.dep_helpdesk.id

        def killed_mid_way(periods, department_ids):
            result = original(periods, department_ids)
            if helpdesk in department_ids:
                raise ValueError("worker killed mid-way")
            return result

        with trap_jobs() as trap:
            self.officer_period.action_close()
            self.assertEqual(self.period.close_progress, "0 of 8 chunks, 0 failed")
            with patch.object(Period, "_close_chunk", killed_mid_way):
                trap.perform_enqueued_jobs()
        self.env.invalidate_all()

        self.assertEqual(self.period.state, "closing")
        self.assertEqual(self.period.close_failed_count, 1)
        self.assertEqual(self.period.close_progress, "6 of 8 chunks, 1 failed")
        failed = self.period.close_chunk_ids.filtered("failed")
        self.assertEqual(failed.department_ids, self.dep_helpdesk)
        self.assertIn("worker killed mid-way", failed.failure)
        rollup = self.period.close_chunk_ids.filtered(lambda c: c.kind == "rollup")
        self.assertEqual(rollup.state, "pending")  # ran, found a failed chunk, did nothing
        # no scorecard is closed before its period
        cards = self.env["synergy.scorecard"].search([("period_id", "=", self.period.id)])
        self.assertNotIn("closed", cards.mapped("state"))
        # nothing of the failed chunk was written: its lines still hold the wiped figures
        helpdesk_lines = self.env["synergy.scorecard.line"].search(
            [
                ("period_id", "=", self.period.id),
                ("scorecard_id.department_id", "=", helpdesk),
                ("scorecard_id.owner_level", "=", "employee"),
            ]
        )
        self.assertFalse(any(helpdesk_lines.mapped("has_actual")))
        # the values stay locked while the period is closing
        value = self.env["synergy.kpi.value"].search(
            [("period_id", "=", self.months3[0].id), ("department_id", "=", self.dep_ops.id)],
            limit=1,
        )
        self.assertTrue(value.locked)
        with self.assertRefused(UserError, "being closed"):
            value.write({"value": 42})
        with self.assertRefused(UserError, "being closed"):
            helpdesk_lines[0].write({"target": 1})

        with trap_jobs() as trap:
            self.officer_period.action_close_retry()
            trap.assert_jobs_count(2)  # the failed chunk, then the roll-up
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.assertEqual(self.period.state, "closed")
        self.assertEqual(self.period.close_progress, "8 of 8 chunks, 0 failed")
        self.assertEqual(self._figures(), expected)

    def test_a_chunk_run_again_writes_the_same_figures(self):
        with trap_jobs() as trap:
            self.officer_period.action_close()
            measures = self.period.close_chunk_ids.filtered(lambda c: c.kind == "measures")
            measures._run()
            chunk = self.period.close_chunk_ids.filtered(
                lambda c: c.department_ids == self.dep_sales_north
            )
            chunk._run()
            self.assertEqual(chunk.state, "done")
            once = self._figures()
            scope = self.period._close_scope()
            with trusted_writes(unlock=True):
                scope._close_chunk(chunk.department_ids.ids)
                scope._close_chunk(chunk.department_ids.ids)
            self.assertEqual(self._figures(), once)
            self.assertFalse(chunk._run())  # a finished chunk's job run again does nothing
            self.assertEqual(self._figures(), once)
            # the rest of the close, with that chunk's job run a second time in the queue
            trap.perform_enqueued_jobs()
        self.env.invalidate_all()
        self.assertEqual(self.period.state, "closed")

    def test_a_head_cannot_start_or_retry_a_close(self):
        with self.assertRefused(AccessError, "You may not run"):
            self.period.with_user(self.user_head).action_close()
        with trap_jobs():
            self.officer_period.action_close()
        with self.assertRefused(AccessError, "You may not run"):
            self.period.with_user(self.user_head).action_close_retry()
        with self.assertRefused(UserError, "being closed"):
            self.officer_period.action_close()
        self.assertEqual(self.period.state, "closing")

    def test_only_officers_read_why_a_chunk_failed(self):
        """Red team: a job's error quotes data and code; a head of the company reads the
        chunks' progress, not their errors, over any path."""
        with trap_jobs():
            self.officer_period.action_close()
        chunk = self.period.close_chunk_ids[:1]
        chunk.sudo().write({"state": "failed", "error": "secret detail of the failure"})
        self.env.invalidate_all()
        head_chunk = chunk.with_user(self.user_head)
        self.assertEqual(head_chunk.read(["state", "failed"])[0]["state"], "failed")
        for field in ("error", "failure"):
            with self.assertRaises(AccessError):
                head_chunk.read([field])
            with self.assertRaises(AccessError):
                head_chunk.search_read([("id", "=", chunk.id)], [field])
        officer_chunk = chunk.with_user(self.user_officer)
        self.assertEqual(officer_chunk.failure, "secret detail of the failure")

    def test_an_officer_cannot_delete_a_chunk_of_a_close(self):
        """Red team: deleting a failed chunk, then retrying, would close the period without
        that chunk's scorecards; only the close itself removes chunks."""
        with trap_jobs():
            self.officer_period.action_close()
        chunks = self.period.close_chunk_ids
        self.assertTrue(chunks)
        with self.assertRefused(UserError, "cannot be deleted"):
            chunks[-1].with_user(self.officer_period.env.user).unlink()
        self.assertEqual(self.period.close_chunk_ids, chunks)
        self.officer_period.action_reopen()
        self.assertEqual(self.period.state, "open")

    def test_a_sub_period_being_closed_blocks_the_close_of_its_year(self):
        with trap_jobs():
            self.months3[0].with_user(self.user_officer).action_close()
        self.assertEqual(self.months3[0].state, "closing")
        with self.assertRefused(UserError, "being closed"):
            self.officer_period.action_close()
        self.assertEqual(self.period.state, "open")

    def test_reopen_stops_a_close_in_jobs(self):
        with trap_jobs() as trap:
            self.officer_period.action_close()
            self.officer_period.action_reopen()
            self.assertEqual(self.period.state, "open")
            self.assertEqual(self.months3.mapped("state"), ["open"] * 3)
            trap.perform_enqueued_jobs()  # the jobs find the period open: they do nothing
        self.env.invalidate_all()
        self.assertEqual(self.period.state, "open")
        self.assertEqual(set(self.period.close_chunk_ids.mapped("state")), {"pending"})

    def test_small_close_stays_in_the_request(self):
        self.env["ir.config_parameter"].sudo().set_param(CLOSE_THRESHOLD, "1000")
        with trap_jobs() as trap:
            self.officer_period.action_close()
            trap.assert_jobs_count(0)
        self.assertEqual(self.period.state, "closed")
        self.assertFalse(self.period.close_chunk_ids)

    def test_plan_cuts_whole_subtrees(self):
        scope = self.period._close_scope()
        plan = scope._close_plan(8)
        chunks = [set(ids) for _company, ids in plan]
        self.assertIn({self.dep_sales_north.id, self.dep_north_east.id}, chunks)
        self.assertIn({self.dep_sales.id}, chunks)
        # ops (4) and support with helpdesk (8) do not fit together
        self.assertIn({self.dep_ops.id}, chunks)
        self.assertIn({self.dep_support.id, self.dep_helpdesk.id}, chunks)
        self.assertEqual(len(plan), 4)
        self.assertEqual(date(self.YEAR, 1, 1), self.period.date_start)

    def test_the_form_shows_progress_and_retry_to_officers(self):
        def form(user):
            views = self.period.with_user(user).get_views([(False, "form")])
            return views["views"]["form"]["arch"]

        officer = form(self.user_officer)
        self.assertIn('name="action_close_retry"', officer)
        self.assertIn('name="close_progress"', officer)
        self.assertIn('name="close_chunk_ids"', officer)
        head = form(self.user_head)
        self.assertNotIn('name="action_close_retry"', head)
        self.assertNotIn('name="close_chunk_ids"', head)
