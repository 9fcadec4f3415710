from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..engine.linkage import linked_score
from ..engine.scoring import weighted_score


class SynergyScorecard(models.Model):
    """One owner's scorecard for one period, holding its KPI lines and its composite result."""

    _name = "synergy.scorecard"
    _description = "Scorecard"
    _inherit = ["synergy.owner.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "period_date_start desc, owner_level, id"

    name = fields.Char(compute="_compute_name", store=True, readonly=False)
    period_id = fields.Many2one(
        "synergy.period", required=True, index=True, ondelete="restrict", check_company=True
    )
    period_date_start = fields.Date(related="period_id.date_start", store=True)
    scheme_id = fields.Many2one(
        "synergy.scheme",
        string="Policy Scheme",
        compute="_compute_scheme_id",
        store=True,
        readonly=False,
        check_company=True,
        domain="[('state', '=', 'approved'), ('company_id', '=', company_id)]",
    )
    state = fields.Selection(
        selection=[("draft", "Draft"), ("confirmed", "Confirmed"), ("closed", "Closed")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="Employee User")
    line_ids = fields.One2many(
        "synergy.scorecard.line", "scorecard_id", string="KPI Lines", copy=True
    )
    total_weight = fields.Float(compute="_compute_scores", store=True)
    synergy_weight = fields.Float(
        compute="_compute_scores",
        store=True,
        help="Weight carried by KPI lines shared with other departments.",
    )
    kpi_score = fields.Float(
        string="KPI Score",
        compute="_compute_scores",
        store=True,
        aggregator="avg",
        help="Weighted mean of the lines' scores: Σ weight × score / Σ weight.",
    )
    # Composite result (DESIGN.md section 7): filled by linkage, evaluations and incentives.
    linked_score = fields.Float(readonly=True, aggregator="avg")
    internal_customer_score = fields.Float(readonly=True, aggregator="avg")
    tier_score = fields.Float(readonly=True, aggregator="avg")
    behavior_points = fields.Float(string="Behaviour Points", readonly=True)
    final_score = fields.Float(readonly=True, aggregator="avg")
    grade = fields.Char(readonly=True)
    result_published = fields.Boolean(readonly=True, copy=False)

    _unique_owner_period = models.UniqueIndex(
        "(period_id, owner_level, company_id, COALESCE(department_id, 0), "
        "COALESCE(job_id, 0), COALESCE(employee_id, 0))",
        "This owner already has a scorecard for this period.",
    )

    @api.depends("owner_name", "period_id.name")
    def _compute_name(self):
        for card in self:
            card.name = " - ".join(filter(None, [card.owner_name, card.period_id.name]))

    @api.depends("company_id", "period_id.date_start")
    def _compute_scheme_id(self):
        for card in self:
            if card.period_id and not card.scheme_id:
                card.scheme_id = self.env["synergy.scheme"]._get_for(
                    card.company_id, card.period_id.date_start.year
                )

    @api.depends("line_ids.weight", "line_ids.score", "line_ids.is_synergy")
    def _compute_scores(self):
        for card in self:
            lines = card.line_ids
            card.total_weight = sum(lines.mapped("weight"))
            card.synergy_weight = sum(lines.filtered("is_synergy").mapped("weight"))
            card.kpi_score = weighted_score([(line.weight, line.score) for line in lines])

    def _score_cap(self):
        self.ensure_one()
        return self.scheme_id.score_cap or self.company_id.synergy_score_cap or 120.0

    def _min_synergy_weight(self):
        self.ensure_one()
        if self.scheme_id:
            return self.scheme_id.min_synergy_weight
        return self.company_id.synergy_min_synergy_weight

    def _check_ready_to_confirm(self):
        for card in self:
            if not card.line_ids:
                raise ValidationError(
                    self.env._("Scorecard %s has no KPI line: add its KPIs first.", card.name)
                )
            if round(card.total_weight, 2) != 100:
                raise ValidationError(
                    self.env._(
                        "The weights of scorecard %(card)s sum to %(total)s; they must sum to "
                        "100 before it can be confirmed.",
                        card=card.name,
                        total=f"{card.total_weight:g}",
                    )
                )
            minimum = card._min_synergy_weight()
            if card.owner_level == "department" and card.synergy_weight < minimum:
                raise ValidationError(
                    self.env._(
                        "Department scorecard %(card)s carries %(share)s%% of its weight on "
                        "synergy KPIs; the policy requires at least %(minimum)s%%. Mark shared "
                        "KPI lines as synergy or move weight onto them.",
                        card=card.name,
                        share=f"{card.synergy_weight:g}",
                        minimum=f"{minimum:g}",
                    )
                )

    def action_confirm(self):
        self._check_ready_to_confirm()
        self.write({"state": "confirmed"})
        return True

    def action_reset_to_draft(self):
        if self.filtered(lambda c: c.state == "closed"):
            raise UserError(
                self.env._("A closed scorecard cannot go back to draft: reopen its period first.")
            )
        self.write({"state": "draft"})
        return True

    def action_refresh(self):
        self._refresh_actuals()
        return True

    def _refresh_actuals(self):
        self.line_ids._refresh_actuals()
        self._compute_linked_scores()

    def _compute_linked_scores(self):
        """Linked score of department scorecards: (1 - R) x own + sum(rho x company score), from
        the approved linkage matrix of the year; other scorecards keep their KPI score."""
        departments = self.filtered(lambda c: c.owner_level == "department")
        for card in self - departments:
            card.linked_score = card.kpi_score
        for (company, year), cards in departments.grouped(
            lambda c: (c.company_id, c.period_id.date_start.year)
        ).items():
            matrix = self.env["synergy.linkage.matrix"]._get_for(company, year)
            company_lines = self.env["synergy.scorecard.line"].search(
                [
                    ("owner_level", "=", "company"),
                    ("company_id", "=", company.id),
                    ("period_id", "in", cards.period_id.ids),
                    ("kpi_id", "in", matrix.line_ids.kpi_id.ids),
                ]
            )
            score_of = {(line.period_id, line.kpi_id): line.score for line in company_lines}
            for card in cards:
                links = [
                    (link.ratio / 100.0, score_of.get((card.period_id, link.kpi_id), 0.0))
                    for link in matrix.line_ids
                    if link.department_id == card.department_id and link.relevance != "none"
                ]
                card.linked_score = linked_score(card.kpi_score, links)

    def write(self, vals):
        if "line_ids" in vals or set(vals) & {"period_id", "owner_level", "department_id"}:
            closed = self.filtered(lambda c: c.state == "closed")
            if closed:
                raise UserError(
                    self.env._("Scorecard %s is closed and cannot be changed.", closed[0].name)
                )
        return super().write(vals)
