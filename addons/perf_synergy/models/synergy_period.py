from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools.bulk_write import sql_write_per_record
from ..tools.close_scope import closing
from ..tools.write_policy import OFFICER, USER, Allow, user_action


class SynergyPeriod(models.Model):
    _name = "synergy.period"
    _description = "Performance Period"
    _inherit = ["synergy.policy.mixin", "mail.thread"]
    _policy_state = "state"
    # "closing": its close runs in background jobs (perf_synergy_queue); its values, lines and
    # scorecards are locked as when closed, until the last job closes it or an officer
    # reopens it.
    _lock_states = ("closing", "closed")
    _unlink_states = ("draft",)
    _write_policy = {
        "name": Allow(OFFICER, states=("draft", "open")),
        "period_type": Allow(OFFICER, states=("draft", "open")),
        "date_start": Allow(OFFICER, states=("draft", "open")),
        "date_end": Allow(OFFICER, states=("draft", "open")),
        "parent_id": Allow(OFFICER, states=("draft", "open")),
        "child_ids": Allow(OFFICER, states=("draft", "open")),
        "company_id": Allow(OFFICER, states=("draft", "open")),
    }
    _order = "date_start, period_type"
    _parent_store = True
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    period_type = fields.Selection(
        selection=[("year", "Year"), ("quarter", "Quarter"), ("month", "Month")],
        string="Type",
        required=True,
        default="year",
    )
    date_start = fields.Date(string="Start", required=True)
    date_end = fields.Date(string="End", required=True)
    parent_id = fields.Many2one(
        comodel_name="synergy.period",
        string="Parent Period",
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("synergy.period", "parent_id", string="Sub-periods")
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, default=lambda self: self.env.company
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("open", "Open"),
            ("closing", "Closing"),
            ("closed", "Closed"),
        ],
        required=True,
        default="draft",
        tracking=True,
    )
    scorecard_ids = fields.One2many("synergy.scorecard", "period_id", string="Scorecards")
    scorecard_count = fields.Integer(compute="_compute_scorecard_count")

    _date_order_check = models.Constraint(
        "CHECK(date_end >= date_start)",
        "A period cannot end before it starts.",
    )
    _unique_period = models.UniqueIndex(
        "(company_id, period_type, date_start)",
        "This company already has a period of this type starting on that date.",
    )

    def _compute_scorecard_count(self):
        counts = dict(
            self.env["synergy.scorecard"]._read_group(
                [("period_id", "in", self.ids)], ["period_id"], ["__count"]
            )
        )
        for period in self:
            period.scorecard_count = counts.get(period, 0)

    @api.constrains("parent_id", "date_start", "date_end")
    def _check_inside_parent(self):
        for period in self.filtered("parent_id"):
            parent = period.parent_id
            if period.date_start < parent.date_start or period.date_end > parent.date_end:
                raise ValidationError(
                    self.env._(
                        "Period %(period)s (%(start)s - %(end)s) must lie inside its parent "
                        "%(parent)s (%(pstart)s - %(pend)s).",
                        period=period.name,
                        start=period.date_start,
                        end=period.date_end,
                        parent=parent.name,
                        pstart=parent.date_start,
                        pend=parent.date_end,
                    )
                )
        if self._has_cycle():
            raise ValidationError(self.env._("A period cannot be its own parent."))

    def _leaf_periods(self):
        """The smallest periods inside these ones (months of a year...), themselves if none."""
        leaves = self.search([("id", "child_of", self.ids), ("child_ids", "=", False)])
        return leaves or self

    @user_action(OFFICER)
    def action_open(self):
        self.filtered(lambda p: p.state == "draft").write({"state": "open"})

    @user_action(OFFICER, unlocks=True)
    def action_close(self):
        """Compute every measure and scorecard of the periods, then lock their values: in this
        request, or in background jobs when ``_close_in_background`` says so (the job queue
        bridge, perf_synergy_queue, for a large close)."""
        self._close_check()
        periods = self._close_scope()
        periods._close_check()  # a sub-period being closed by a close of its own
        if self._close_in_background(periods):
            return self._close_start_jobs(periods)
        periods._close_measures()
        scorecards = self.env["synergy.scorecard"].search([("period_id", "in", periods.ids)])
        scorecards._refresh_actuals(close=True)
        self._close_lock(periods, scorecards)
        return True

    # ------------------------------------------------------------------ close, in steps
    # The close in steps, run one after the other in one request (action_close), or as jobs:
    # the measures, then one chunk per department subtree (_close_plan, _close_chunk), then
    # the company roll-up and the lock (_close_rollup), which gives the same stored figures.

    def _close_check(self):
        for period in self:
            if period.state == "closed":
                raise UserError(self.env._("Period %s is already closed.", period.name))
            if period.state == "closing":
                raise UserError(self.env._("Period %s is already being closed.", period.name))

    def _close_scope(self):
        """The periods a close of ``self`` closes: them and their sub-periods not closed."""
        return self.search([("id", "child_of", self.ids), ("state", "not in", ("closed",))])

    def _close_in_background(self, periods):
        """Whether the close of ``periods`` runs in background jobs: never without a job
        queue (see perf_synergy_queue)."""
        return False

    def _close_start_jobs(self, periods):
        raise NotImplementedError("the close in jobs needs perf_synergy_queue")

    def _close_measures(self):
        """Step 1: the values of every KPI fed by a measure, for these periods. Their lines
        are not refreshed by the values' own hook: the next steps refresh every line of
        these periods (``tools/close_scope``)."""
        with closing(self.ids):
            self.env["synergy.measure"]._compute_periods(self)

    def _close_scorecards(self):
        """The scorecards a close of these periods computes."""
        return self.env["synergy.scorecard"].search([("period_id", "in", self.ids)])

    def _close_plan(self, max_scorecards):
        """The chunks of a close of these periods: [(company, [department ids])], each a set
        of whole department subtrees (a subtree too large for one chunk gives its own
        department one chunk and splits its children) holding about ``max_scorecards``
        scorecards at most; the company's own scorecards and those without a department are
        left to the roll-up (``_close_rollup``)."""
        counts = defaultdict(int)
        for department, count in self.env["synergy.scorecard"]._read_group(
            [
                ("period_id", "in", self.ids),
                ("owner_level", "!=", "company"),
                ("department_id", "!=", False),
            ],
            ["department_id"],
            ["__count"],
        ):
            counts[department.id] = count
        if not counts:
            return []
        Department = self.env["hr.department"].with_context(active_test=False)
        departments = Department.browse(list(counts))
        # The departments and their ancestors: the tree the subtrees are cut from.
        tree_ids = {
            int(i) for path in departments.mapped("parent_path") for i in path.split("/") if i
        }
        tree = Department.browse(sorted(tree_ids))
        children = defaultdict(list)
        roots = defaultdict(list)
        for department in tree.sorted(lambda d: (d.complete_name or "", d.id)):
            if department.parent_id.id in tree_ids:
                children[department.parent_id.id].append(department)
            else:
                roots[department.company_id].append(department)
        size = {}

        def subtree_size(department):
            total = counts.get(department.id, 0)
            total += sum(subtree_size(child) for child in children[department.id])
            size[department.id] = total
            return total

        def subtree_ids(department):
            ids = [department.id]
            for child in children[department.id]:
                ids += subtree_ids(child)
            return ids

        def cut(departments, chunks):
            batch, batch_size = [], 0
            for department in departments:
                if not size[department.id]:
                    continue
                if size[department.id] > max_scorecards:
                    if counts.get(department.id):
                        chunks.append([department.id])
                    cut(children[department.id], chunks)
                    continue
                if batch and batch_size + size[department.id] > max_scorecards:
                    chunks.append(batch)
                    batch, batch_size = [], 0
                batch += subtree_ids(department)
                batch_size += size[department.id]
            if batch:
                chunks.append(batch)

        plan = []
        for company, company_roots in roots.items():
            for root in company_roots:
                subtree_size(root)
            chunks = []
            cut(company_roots, chunks)
            plan += [(company, [i for i in chunk if i in counts]) for chunk in chunks]
        return plan

    def _close_chunk_scorecards(self, department_ids):
        return self.env["synergy.scorecard"].search(
            [
                ("period_id", "in", self.ids),
                ("owner_level", "!=", "company"),
                ("department_id", "in", list(department_ids)),
            ]
        )

    def _close_chunk(self, department_ids):
        """Step 2, one chunk: the lines of these periods' scorecards of ``department_ids``
        (whole subtrees, ``_close_plan``), written together, and the results of those of the
        chunk's scorecards that depend on nothing outside it (employees' and jobs'; a
        department's linked score reads the company's lines: the roll-up computes it).
        Idempotent: it reads only the KPI values and its own lines, so a retried or re-run
        chunk writes the same figures."""
        cards = self._close_chunk_scorecards(department_ids)
        Line = self.env["synergy.scorecard.line"]
        line_ids = Line.search([("scorecard_id", "in", cards.ids)], order="id").ids
        rows = Line._refresh_rows(line_ids) if line_ids else {}
        fresh = {}
        if rows:
            fresh, kpis = Line._fresh_actuals(rows, internal_only=True)
            Line._write_actuals(rows, fresh, kpis)
        left = {row.scorecard_id for row in rows.values() if row.id not in fresh}
        own = cards.filtered(lambda c: c.owner_level != "department" and c.id not in left)
        own._compute_results(totals=own._totals_from_rows())
        # The scorecards stay as they are (locked while the period is closing): the roll-up
        # closes them with the period, so that no scorecard is closed before its period, even
        # when the close is stopped while a chunk runs.
        return own

    def _close_rollup(self, periods, chunks):
        """Step 3, once every chunk is written: the lines no chunk could compute (the
        company's, those of scorecards without a department, the roll-ups reading another
        chunk's lines) and everything above them, the results of the scorecards no chunk
        finished, then the lock. ``chunks``: the department ids of each chunk."""
        Scorecard = self.env["synergy.scorecard"]
        chunk_of = {dep: index for index, deps in enumerate(chunks) for dep in deps}
        scope = Domain("period_id", "in", periods.ids)
        chunked = Domain("owner_level", "!=", "company") & Domain(
            "department_id", "in", list(chunk_of)
        )
        rest = Scorecard.search(scope & ~chunked)
        departments = Scorecard.search(scope & chunked & Domain("owner_level", "=", "department"))
        Line = self.env["synergy.scorecard.line"]
        seeds = Line.search([("scorecard_id", "in", rest.ids)]).ids
        seeds += periods._close_crossing_rollups(chunk_of)
        Line.browse(sorted(set(seeds)))._refresh_actuals(scorecards=rest | departments)
        self._close_lock(
            periods,
            Scorecard.search(scope & Domain("state", "!=", "closed")),
            count=Scorecard.search_count(scope),
        )

    def _close_crossing_rollups(self, chunk_of):
        """Ids of the roll-up lines of these periods' chunked scorecards that read a line of
        another chunk, of no chunk or of another period: the ones a chunk leaves out."""
        if not chunk_of:
            return []
        Line = self.env["synergy.scorecard.line"]
        Line.flush_model(["parent_line_id", "scorecard_id", "kpi_id", "period_id"])
        self.env["synergy.scorecard"].flush_model(["owner_level", "department_id", "period_id"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT DISTINCT parent.id
                  FROM synergy_scorecard_line parent
                  JOIN synergy_kpi kpi ON kpi.id = parent.kpi_id
                  JOIN synergy_scorecard pc ON pc.id = parent.scorecard_id
                  JOIN unnest(%(deps)s::int[], %(chunks)s::int[]) pm(dep, chunk)
                    ON pm.dep = pc.department_id
                  JOIN synergy_scorecard_line child ON child.parent_line_id = parent.id
                  JOIN synergy_scorecard cc ON cc.id = child.scorecard_id
             LEFT JOIN unnest(%(deps)s::int[], %(chunks)s::int[]) cm(dep, chunk)
                    ON cm.dep = cc.department_id
                 WHERE parent.period_id = ANY(%(periods)s)
                   AND pc.owner_level != 'company'
                   AND kpi.value_source = 'children'
                   AND (cc.owner_level = 'company' OR cm.chunk IS DISTINCT FROM pm.chunk
                        OR NOT cc.period_id = ANY(%(periods)s))
                """,
                deps=list(chunk_of),
                chunks=list(chunk_of.values()),
                periods=self.ids,
            )
        )
        return [row[0] for row in rows]

    def _close_lock(self, periods, scorecards, count=None):
        """Last step: the scorecards and the periods closed, the close logged on ``self``
        (``count``: the scorecards computed, when not all are in ``scorecards``)."""
        # The close is logged once, on the period (below), not as one tracking message per
        # scorecard: at 10,000 scorecards those messages made the commit of a close last
        # minutes (docs/benchmarks.md). A close in the request has closed them with their
        # results already (``_refresh_actuals(close=True)``); in jobs, one UPDATE closes them
        # here (the ORM's flush writes one state in statements of 100 rows: 1,000 statements
        # at 100,000 employees). Values need no write: they are locked by the period.
        to_close = scorecards.filtered(lambda s: s.state != "closed")
        closed = {card_id: {"state": "closed"} for card_id in to_close.ids}
        sql_write_per_record(to_close, closed, untracked=True)
        periods.write({"state": "closed"})
        locked = self.env["synergy.kpi.value"].search_count([("period_id", "in", periods.ids)])
        for period in self:
            period.message_post(
                body=self.env._(
                    "Period closed: %(scorecards)s scorecards computed, %(values)s values locked.",
                    scorecards=len(scorecards) if count is None else count,
                    values=locked,
                )
            )

    @user_action(OFFICER, unlocks=True)
    def action_reopen(self):
        """Unlock closed periods, or stop a close running in jobs (what it wrote stays, the
        next close computes it again)."""
        periods = self.search(
            [("id", "child_of", self.ids), ("state", "in", ("closing", "closed"))]
        )
        periods.write({"state": "open"})
        unlocked = self.env["synergy.kpi.value"].search_count([("period_id", "in", periods.ids)])
        scorecards = self.env["synergy.scorecard"].search(
            [("period_id", "in", periods.ids), ("state", "=", "closed")]
        )
        scorecards.with_context(mail_notrack=True).write({"state": "confirmed"})
        for period in self:
            period.message_post(
                body=self.env._(
                    "Period reopened by %(user)s: %(values)s values unlocked.",
                    user=self.env.user.name,
                    values=unlocked,
                )
            )
        return True

    @user_action(USER)
    def action_view_scorecards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perf_synergy.action_synergy_scorecard"
        )
        action["domain"] = [("period_id", "child_of", self.id)]
        action["context"] = {"default_period_id": self.id}
        return action
