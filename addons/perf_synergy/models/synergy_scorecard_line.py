from collections import defaultdict

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.rollup import aggregate_over_time, rollup
from ..engine.scoring import ScoringError, achievement, resolve_curve, score


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
    def _curve(self):
        """The line's scoring curve; a floor or stretch of 0 means the direction's default."""
        self.ensure_one()
        return resolve_curve(
            self.kpi_id.direction,
            self.target,
            floor=self.floor or None,
            stretch=self.stretch or None,
            band_low=self.band_low,
            band_high=self.band_high,
            cap=self.scorecard_id._score_cap(),
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
        for line in self:
            line.achievement = 0.0
            line.score = 0.0
            if not line.kpi_id or not line.has_actual:
                continue
            try:
                curve = line._curve()
            except ScoringError:
                continue  # the constraint below reports it when the line is saved
            line.score = score(curve, line.actual)
            line.achievement = achievement(line.kpi_id.direction, line.actual, line.target) or 0.0

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
        ids = {int(i) for line in self for i in (line.parent_path or "").split("/") if i}
        return self.browse(ids)

    def _depth(self):
        return (self.parent_path or "").count("/")

    def _refresh_actuals(self):
        """Recompute the actuals of these lines and of every line they drive, in bulk."""
        lines = (self | self._ancestors()).exists()
        if not lines:
            return
        direct = lines.filtered(lambda line: line.kpi_id.value_source != "children")
        actuals = direct._fetch_actuals()
        for line in direct:
            value = actuals.get(line.id)
            line.actual = value or 0.0
            line.has_actual = value is not None
        # Roll-ups bottom-up, so that a parent sees its children's fresh actuals.
        for line in sorted(lines - direct, key=lambda line: line._depth(), reverse=True):
            drivers = line.child_line_ids.filtered("has_actual")
            value = rollup(
                drivers.mapped("actual"),
                line.kpi_id.rollup_rule or "sum",
                drivers.mapped("weight"),
            )
            line.actual = value or 0.0
            line.has_actual = value is not None
        lines.scorecard_id._compute_results()

    def _fetch_actuals(self):
        """{line id: actual} from the KPI values of each line's owner and period: the value of
        the period itself when there is one, else the values of its smallest sub-periods
        combined by the KPI's time aggregation. Two queries for any number of lines."""
        periods = self.period_id
        leaves_by_period = {}
        leaves = self.env["synergy.period"].search(
            [("id", "child_of", periods.ids), ("child_ids", "=", False)]
        )
        for period in periods:
            leaves_by_period[period] = leaves.filtered(
                lambda leaf, p=period: leaf.parent_path.startswith(p.parent_path)
            ).sorted("date_start")
        values = self.env["synergy.kpi.value"].search(
            [
                ("kpi_id", "in", self.kpi_id.ids),
                ("period_id", "in", (periods | leaves).ids),
            ]
        )
        by_key = defaultdict(dict)
        for value in values:
            by_key[(value.kpi_id.id, value._owner_key())][value.period_id] = value.value
        result = {}
        for line in self:
            # An interlocked line reads the one authoritative value: the company's.
            owner_key = (
                ("company", line.company_id.id, False, False, False)
                if line.interlock_id
                else line.scorecard_id._owner_key()
            )
            series = by_key.get((line.kpi_id.id, owner_key), {})
            if line.period_id in series:
                result[line.id] = series[line.period_id]
                continue
            monthly = [series[leaf] for leaf in leaves_by_period[line.period_id] if leaf in series]
            combined = aggregate_over_time(monthly, line.kpi_id.time_aggregation)
            if combined is not None:
                result[line.id] = combined
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
