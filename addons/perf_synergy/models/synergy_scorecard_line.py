from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL

from ..engine.rollup import aggregate_over_time, rollup
from ..engine.scoring import ScoringError, achievement, resolve_curve, score
from ..tools.bulk_write import write_per_record
from .synergy_owner_mixin import OWNER_COLUMNS, owner_domain, owner_key_of


class SynergyScorecardLine(models.Model):
    """KPI x weight x target x floor x stretch -> actual, achievement, score.

    ``parent_line_id`` links a line to the line it drives (the value tree), possibly in another
    scorecard: a company line is driven by department lines, themselves by job and employee
    lines.
    """

    _name = "synergy.scorecard.line"
    _description = "Scorecard Line"
    _inherit = ["synergy.finite.mixin", "mail.thread"]
    _order = "scorecard_id, sequence, id"
    _parent_name = "parent_line_id"
    _parent_store = True
    _check_company_auto = True

    scorecard_id = fields.Many2one(
        "synergy.scorecard", required=True, index=True, ondelete="cascade", check_company=True
    )
    sequence = fields.Integer(default=10)
    kpi_id = fields.Many2one(
        "synergy.kpi",
        string="KPI",
        required=True,
        index=True,
        ondelete="restrict",
        check_company=True,
    )
    name = fields.Char(related="kpi_id.name", string="KPI Name")
    direction = fields.Selection(related="kpi_id.direction")
    unit = fields.Char(related="kpi_id.unit")
    weight = fields.Float(default=0.0, tracking=True)
    target = fields.Float(tracking=True)
    floor = fields.Float(
        tracking=True,
        help="Value scoring 0. Leave 0 for the default: 0 when higher is better, twice the "
        "target when lower is better, one band width below a band.",
    )
    stretch = fields.Float(
        tracking=True,
        help="Value scoring the cap. Leave 0 for the default: 1.2 x target when higher is "
        "better, 0.8 x target when lower is better, one band width above a band.",
    )
    band_low = fields.Float(tracking=True)
    band_high = fields.Float(tracking=True)
    actual = fields.Float(readonly=True, digits=(16, 4))
    has_actual = fields.Boolean(readonly=True)
    achievement = fields.Float(string="Achievement (%)", compute="_compute_score", store=True)
    score = fields.Float(compute="_compute_score", store=True, aggregator="avg")
    is_synergy = fields.Boolean(
        string="Synergy KPI", help="A KPI that several departments can only reach together."
    )
    parent_line_id = fields.Many2one(
        "synergy.scorecard.line",
        string="Drives",
        index=True,
        ondelete="set null",
        check_company=True,
        help="The line this one drives, up the value tree.",
    )
    parent_path = fields.Char(index=True)
    child_line_ids = fields.One2many("synergy.scorecard.line", "parent_line_id", string="Drivers")
    contributor_count = fields.Integer(compute="_compute_contributor_count")
    interlock_id = fields.Many2one(
        "synergy.interlock",
        index=True,
        ondelete="set null",
        readonly=True,
        help="Interlocked KPI: the line shows the company's authoritative value, in full.",
    )
    # The scorecard's owner and period, stored for searching, grouping and record rules.
    company_id = fields.Many2one(related="scorecard_id.company_id", store=True, index=True)
    period_id = fields.Many2one(related="scorecard_id.period_id", store=True, index=True)
    owner_level = fields.Selection(related="scorecard_id.owner_level", store=True)
    department_id = fields.Many2one(related="scorecard_id.department_id", store=True, index=True)
    job_id = fields.Many2one(related="scorecard_id.job_id", store=True)
    employee_id = fields.Many2one(related="scorecard_id.employee_id", store=True, index=True)
    owner_name = fields.Char(related="scorecard_id.owner_name", string="Owner")
    state = fields.Selection(related="scorecard_id.state")

    _weight_positive = models.Constraint(
        "CHECK(weight >= 0)", "A KPI line's weight cannot be negative."
    )

    # ------------------------------------------------------------------ scoring
    def _curve(self, cap=None):
        """The line's scoring curve; a floor or stretch of 0 means the direction's default.
        ``cap``: the scorecard's score cap when the caller already knows it."""
        self.ensure_one()
        return resolve_curve(
            self.kpi_id.direction,
            self.target,
            floor=self.floor or None,
            stretch=self.stretch or None,
            band_low=self.band_low,
            band_high=self.band_high,
            cap=cap if cap is not None else self.scorecard_id._score_cap(),
        )

    @api.depends(
        "actual",
        "has_actual",
        "target",
        "floor",
        "stretch",
        "band_low",
        "band_high",
        "kpi_id.direction",
        "scorecard_id.scheme_id.score_cap",
    )
    def _compute_score(self):
        # One score cap per scorecard and one direction per KPI, not one lookup per line: a
        # period close scores 100,000 lines here.
        caps, directions = {}, {}
        for line in self:
            line_score = line_achievement = 0.0
            kpi = line.kpi_id
            if kpi and line.has_actual:
                card = line.scorecard_id
                if card.id not in caps:
                    caps[card.id] = card._score_cap()
                if kpi.id not in directions:
                    directions[kpi.id] = kpi.direction
                direction, actual, target = directions[kpi.id], line.actual, line.target
                try:
                    curve = resolve_curve(
                        direction,
                        target,
                        floor=line.floor or None,
                        stretch=line.stretch or None,
                        band_low=line.band_low,
                        band_high=line.band_high,
                        cap=caps[card.id],
                    )
                except ScoringError:
                    curve = None  # the constraint below reports it when the line is saved
                if curve:
                    line_score = score(curve, actual)
                    line_achievement = achievement(direction, actual, target) or 0.0
            line.score = line_score
            line.achievement = line_achievement

    @api.constrains(
        "target", "floor", "stretch", "band_low", "band_high", "kpi_id", "weight", "scorecard_id"
    )
    def _check_curve(self):
        for line in self:
            try:
                line._curve()
            except ScoringError as error:
                label = line._fields.get(error.field)
                raise ValidationError(
                    self.env._(
                        "KPI line %(kpi)s of %(card)s, field %(field)s: %(error)s",
                        kpi=line.kpi_id.display_name,
                        card=line.scorecard_id.name,
                        field=label.get_description(self.env)["string"] if label else error.field,
                        error=str(error),
                    )
                ) from error

    @api.constrains("parent_line_id")
    def _check_parent_line(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("A KPI line cannot drive itself, even through other lines.")
            )
        for line in self.filtered("parent_line_id"):
            if line.parent_line_id.company_id != line.company_id:
                raise ValidationError(
                    self.env._(
                        "Line %(line)s belongs to %(company)s and cannot drive a line of "
                        "%(other)s. Group KPIs reach subsidiaries through the group addon.",
                        line=line.kpi_id.display_name,
                        company=line.company_id.name,
                        other=line.parent_line_id.company_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._apply_share_defaults(vals)
        cards = self.env["synergy.scorecard"].browse(
            {vals["scorecard_id"] for vals in vals_list if vals.get("scorecard_id")}
        )
        cards._raise_if_closed()
        return super().create(vals_list)

    # What defines a line's score; the system's own updates (actuals) go around write().
    LOCKED_FIELDS = frozenset(
        {
            "scorecard_id",
            "kpi_id",
            "weight",
            "target",
            "floor",
            "stretch",
            "band_low",
            "band_high",
            "is_synergy",
            "parent_line_id",
        }
    )

    def write(self, vals):
        if self.LOCKED_FIELDS & set(vals):
            self.scorecard_id._raise_if_closed()
            if vals.get("scorecard_id"):
                self.scorecard_id.browse(vals["scorecard_id"])._raise_if_closed()
        return super().write(vals)

    def _message_log(self, *, body="", **kwargs):
        """Lines are edited inside their scorecard: their tracked changes (weight, target,
        floor, stretch, band) are logged in the scorecard's chatter, named after the KPI."""
        self.ensure_one()
        if not body:
            body = Markup("<p>%s</p>") % self.env._("KPI line %s", self.kpi_id.display_name)
        return self.scorecard_id._message_log(body=body, **kwargs)

    @api.model
    def _apply_share_defaults(self, vals):
        """A KPI shared between departments proposes its weight to each member's scorecard."""
        if "weight" in vals or not vals.get("kpi_id") or not vals.get("scorecard_id"):
            return
        card = self.env["synergy.scorecard"].browse(vals["scorecard_id"])
        share = self.env["synergy.kpi.share"].search(
            [("kpi_id", "=", vals["kpi_id"]), ("department_id", "=", card.department_id.id)],
            limit=1,
        )
        if card.owner_level == "department" and share:
            vals["weight"] = share.proposed_weight
            vals.setdefault("is_synergy", True)

    @api.onchange("kpi_id")
    def _onchange_kpi_share(self):
        card = self.scorecard_id
        if card.owner_level != "department" or not self.kpi_id:
            return
        share = self.kpi_id.share_ids.filtered(lambda s: s.department_id == card.department_id)
        if share:
            self.weight = share[0].proposed_weight
            self.is_synergy = True

    # ------------------------------------------------------------------ actuals
    def _ancestors(self):
        ids = {int(i) for path in self.mapped("parent_path") for i in (path or "").split("/") if i}
        return self.browse(ids)

    def _depth(self):
        return (self.parent_path or "").count("/")

    def _refresh_actuals(self):
        """Recompute the actuals of these lines and of every line they drive, in bulk: the
        actuals are computed in memory (roll-ups bottom-up, reading their drivers' fresh
        values) and written with one access check and one dependency walk for all lines."""
        lines = (self | self._ancestors()).exists()
        if not lines:
            return
        direct = lines.filtered(lambda line: line.kpi_id.value_source != "children")
        actuals = direct._fetch_actuals()
        fresh = {line.id: actuals.get(line.id) for line in direct}
        # Roll-ups bottom-up, so that a parent sees its children's fresh actuals.
        for line in sorted(lines - direct, key=lambda line: line._depth(), reverse=True):
            drivers = [
                (fresh[child.id] if child.id in fresh else child.actual, child.weight)
                for child in line.child_line_ids
                if (fresh[child.id] is not None if child.id in fresh else child.has_actual)
            ]
            fresh[line.id] = rollup(
                [value for value, _weight in drivers],
                line.kpi_id.rollup_rule or "sum",
                [weight for _value, weight in drivers],
            )
        write_per_record(
            lines,
            {
                line_id: {"actual": value or 0.0, "has_actual": value is not None}
                for line_id, value in fresh.items()
            },
        )
        lines.scorecard_id._compute_results()

    def _fetch_actuals(self):
        """{line id: actual} from the KPI values of each line's owner and period: the value of
        the period itself when there is one, else the values of its smallest sub-periods
        combined by the KPI's time aggregation.

        A constant number of queries for any number of lines, and no ORM record per value:
        the owner columns of the lines and of the values are read as plain rows (a period
        close reads 100,000 of each, where building records cost more than the queries).
        The values are searched with the ORM's domain and record rules."""
        if not self:
            return {}
        periods = self.period_id
        leaves = self.env["synergy.period"].search(
            [("id", "child_of", periods.ids), ("child_ids", "=", False)]
        )
        leaf_ids_by_period = {
            period.id: leaves.filtered(
                lambda leaf, p=period: leaf.parent_path.startswith(p.parent_path)
            )
            .sorted("date_start")
            .ids
            for period in periods
        }
        aggregation = {kpi.id: kpi.time_aggregation for kpi in self.kpi_id}
        # Only the values of these lines' owners (and of the company for interlocked lines):
        # refreshing a few lines reads a few values, not the whole KPI.
        owners = owner_domain(self.filtered(lambda line: not line.interlock_id))
        interlocked = self.filtered("interlock_id")
        if interlocked:
            owners |= Domain("owner_level", "=", "company") & Domain(
                "company_id", "in", interlocked.company_id.ids
            )
        Value = self.env["synergy.kpi.value"]
        Value.flush_model(["kpi_id", "period_id", "value", *OWNER_COLUMNS])
        query = Value._search(
            Domain("kpi_id", "in", self.kpi_id.ids)
            & Domain("period_id", "in", (periods | leaves).ids)
            & owners
        )
        by_key = defaultdict(dict)
        for kpi_id, period_id, value, *owner in self.env.execute_query(
            query.select(
                *(
                    SQL.identifier(Value._table, name)
                    for name in ("kpi_id", "period_id", "value", *OWNER_COLUMNS)
                )
            )
        ):
            by_key[kpi_id, owner_key_of(owner)][period_id] = value
        self.flush_recordset(["kpi_id", "period_id", "interlock_id", *OWNER_COLUMNS])
        result = {}
        for line_id, kpi_id, period_id, interlock_id, *owner in self.env.execute_query(
            SQL(
                "SELECT id, kpi_id, period_id, interlock_id, %s FROM %s WHERE id = ANY(%s)",
                SQL(", ").join(SQL.identifier(name) for name in OWNER_COLUMNS),
                SQL.identifier(self._table),
                list(self.ids),
            )
        ):
            # An interlocked line reads the one authoritative value: the company's.
            owner_key = (
                ("company", owner[1], False, False, False) if interlock_id else owner_key_of(owner)
            )
            series = by_key.get((kpi_id, owner_key), {})
            if period_id in series:
                result[line_id] = series[period_id]
                continue
            monthly = [series[leaf] for leaf in leaf_ids_by_period[period_id] if leaf in series]
            combined = aggregate_over_time(monthly, aggregation[kpi_id])
            if combined is not None:
                result[line_id] = combined
        return result

    # ------------------------------------------------------------------ traceability
    def _compute_contributor_count(self):
        subtree = self.search([("id", "child_of", self.ids)])
        for line in self:
            prefix = line.parent_path or ""
            line.contributor_count = (
                sum(1 for other in subtree if (other.parent_path or "").startswith(prefix)) - 1
                if prefix
                else 0
            )

    def action_view_contributors(self):
        """Every line of the subtree, with its department, job or employee: who contributes."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Who contributes to %s", self.kpi_id.display_name),
            "res_model": self._name,
            "view_mode": "list,hierarchy,form",
            "views": [
                (
                    self.env.ref("perf_synergy.synergy_scorecard_line_view_list_contributors").id,
                    "list",
                ),
                (
                    self.env.ref("perf_synergy.synergy_scorecard_line_view_hierarchy").id,
                    "hierarchy",
                ),
                (False, "form"),
            ],
            "domain": [("id", "child_of", self.id), ("id", "!=", self.id)],
            "context": {"group_by": ["owner_level"]},
        }

    def action_view_value_tree(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Value tree of %s", self.kpi_id.display_name),
            "res_model": self._name,
            "view_mode": "hierarchy",
            "views": [
                (self.env.ref("perf_synergy.synergy_scorecard_line_view_hierarchy").id, "hierarchy")
            ],
            "domain": [("id", "child_of", self.id)],
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda line: line.state == "closed"):
            raise UserError(self.env._("Lines of a closed scorecard cannot be deleted."))
