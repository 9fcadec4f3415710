from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.given import given_values
from odoo.addons.perf_synergy.tools.write_policy import GROUP_CONTROLLER, Allow, user_action
from odoo.exceptions import AccessError, UserError, ValidationError

# Curve numbers that may be left empty (0 is a value): each has a "<name>_set" flag.
GIVEN_FIELDS = ("floor", "stretch")


class SynergyGroupTarget(models.Model):
    """The target of a penetrative group KPI for one subsidiary, and the line it was pushed to
    in that subsidiary's company scorecard."""

    _name = "synergy.group.target"
    _description = "Penetrative KPI Target"
    _inherit = ["synergy.given.mixin", "synergy.policy.mixin"]
    _write_policy = {
        "group_line_id": Allow(GROUP_CONTROLLER),
        "entity_id": Allow(GROUP_CONTROLLER),
        "target": Allow(GROUP_CONTROLLER),
        "floor": Allow(GROUP_CONTROLLER),
        "floor_set": Allow(GROUP_CONTROLLER),
        "stretch": Allow(GROUP_CONTROLLER),
        "stretch_set": Allow(GROUP_CONTROLLER),
        "weight": Allow(GROUP_CONTROLLER),
    }
    _order = "group_line_id, achievement desc, id"

    group_line_id = fields.Many2one(
        "synergy.scorecard.line",
        string="Group KPI Line",
        required=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="group_line_id.company_id", store=True, index=True)
    kpi_id = fields.Many2one(related="group_line_id.kpi_id", store=True, string="KPI")
    period_id = fields.Many2one(related="group_line_id.period_id", store=True)
    direction = fields.Selection(related="group_line_id.direction")
    entity_id = fields.Many2one(
        "synergy.group.entity",
        string="Subsidiary",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('parent_id', '!=', False)]",
    )
    subsidiary_company_id = fields.Many2one(
        related="entity_id.company_id", store=True, string="Subsidiary Company"
    )

    @api.depends("kpi_id", "entity_id", "period_id")
    def _compute_display_name(self):
        # Breadcrumbs name the target, not "synergy.group.target,2". The subsidiary is named
        # as superuser: a reader of the target may work with that company not active.
        for target in self:
            parts = (
                target.kpi_id.display_name,
                target.entity_id.sudo().company_id.name,
                target.period_id.display_name,
            )
            target.display_name = " · ".join(part for part in parts if part)

    target = fields.Float(required=True, aggregator=None)
    floor = fields.Float(
        help="0 is a value. Applies when Floor Given is ticked; otherwise the KPI direction's "
        "default.",
        aggregator=None,
    )
    floor_set = fields.Boolean(
        string="Floor Given",
        help="Ticked: the floor applies, 0 included. Unticked: the KPI direction's default.",
    )
    stretch = fields.Float(
        help="0 is a value. Applies when Stretch Given is ticked; otherwise the KPI "
        "direction's default.",
        aggregator=None,
    )
    stretch_set = fields.Boolean(
        string="Stretch Given",
        help="Ticked: the stretch applies, 0 included. Unticked: the KPI direction's default.",
    )
    weight = fields.Float(
        string="Weight in the Subsidiary (%)",
        default=10.0,
        help="Weight of the pushed line in the subsidiary's company scorecard.",
        aggregator=None,
    )
    pushed_line_id = fields.Many2one(
        "synergy.scorecard.line", string="Line in the Subsidiary", readonly=True, copy=False
    )
    actual = fields.Float(
        related="pushed_line_id.actual", store=True, digits=(16, 4), aggregator=None
    )
    has_actual = fields.Boolean(related="pushed_line_id.has_actual", store=True)
    achievement = fields.Float(
        related="pushed_line_id.achievement",
        store=True,
        aggregator="avg",
        string="Achievement (%)",
    )
    score = fields.Float(related="pushed_line_id.score", store=True, aggregator="avg")
    rank = fields.Integer(
        compute="_compute_rank", help="Rank of the subsidiary by achievement on this group KPI."
    )

    _entity_unique = models.UniqueIndex(
        "(group_line_id, entity_id)", "A subsidiary has one target per group KPI line."
    )
    _weight_positive = models.Constraint(
        "CHECK(weight >= 0)", "The weight in the subsidiary cannot be negative."
    )

    @api.depends("achievement", "has_actual", "group_line_id")
    def _compute_rank(self):
        for line_targets in self.grouped("group_line_id").values():
            ranked = line_targets.group_line_id.group_target_ids.filtered("has_actual").sorted(
                lambda t: -t.achievement
            )
            positions = {target.id: index for index, target in enumerate(ranked, start=1)}
            for target in line_targets:
                target.rank = positions.get(target.id, 0)

    @api.constrains("entity_id", "group_line_id")
    def _check_entity(self):
        for target in self:
            if not target.entity_id.parent_id:
                raise ValidationError(
                    self.env._(
                        "%s is the group's parent company: targets go to subsidiaries.",
                        target.entity_id.display_name,
                    )
                )
            if target.group_line_id.company_id != target.entity_id._root().company_id:
                raise ValidationError(
                    self.env._(
                        "Penetrative KPIs start from a line of the group's parent company "
                        "(%(root)s), not of %(company)s.",
                        root=target.entity_id._root().company_id.name,
                        company=target.group_line_id.company_id.name,
                    )
                )

    def _check_controller(self):
        if not self.env.user.has_group("perf_synergy_group.group_synergy_group_controller"):
            raise AccessError(
                self.env._("Only group controllers push group KPIs into subsidiaries.")
            )

    @user_action(GROUP_CONTROLLER)
    def action_push(self):
        """Create or update each subsidiary's line: the KPI (copied into the subsidiary's
        library by code when missing), its company scorecard of the same period (created when
        missing) and the target. Runs as superuser after the controller check, because the
        subsidiaries' companies need not be the controller's active companies."""
        self._check_controller()
        if not self:
            raise UserError(self.env._("Enter a target for at least one subsidiary first."))
        targets = self.sudo()
        companies = targets.subsidiary_company_id
        Kpi = self.env["synergy.kpi"].sudo()
        kpis = Kpi.search(
            [("company_id", "in", companies.ids), ("code", "in", targets.kpi_id.mapped("code"))]
        )
        kpi_of = {(kpi.company_id.id, kpi.code): kpi for kpi in kpis}
        missing = {
            (t.subsidiary_company_id.id, t.kpi_id.code): t.kpi_id
            for t in targets
            if (t.subsidiary_company_id.id, t.kpi_id.code) not in kpi_of
        }
        if missing:
            created = Kpi.create(
                [kpi._synergy_subsidiary_vals(company) for (company, _c), kpi in missing.items()]
            )
            kpi_of.update({(kpi.company_id.id, kpi.code): kpi for kpi in created})
        periods = (
            self.env["synergy.period"]
            .sudo()
            .search(
                [
                    ("company_id", "in", companies.ids),
                    ("date_start", "in", targets.period_id.mapped("date_start")),
                ]
            )
        )
        period_of = {(p.company_id.id, p.period_type, p.date_start): p for p in periods}
        Card = self.env["synergy.scorecard"].sudo()
        cards = Card.search([("owner_level", "=", "company"), ("period_id", "in", periods.ids)])
        card_of = {(card.company_id.id, card.period_id.id): card for card in cards}
        line_vals = []
        for target in targets:
            group_period = target.period_id
            company = target.subsidiary_company_id
            period = period_of.get((company.id, group_period.period_type, group_period.date_start))
            if not period:
                raise UserError(
                    self.env._(
                        "%(company)s has no %(type)s period starting on %(start)s: generate its "
                        "periods before pushing %(kpi)s.",
                        company=company.name,
                        type=group_period.period_type,
                        start=group_period.date_start,
                        kpi=target.kpi_id.display_name,
                    )
                )
            card = card_of.get((company.id, period.id))
            if not card:
                card = Card.with_company(company).create(
                    {"owner_level": "company", "company_id": company.id, "period_id": period.id}
                )
                card_of[(company.id, period.id)] = card
            values = {
                "target": target.target,
                **given_values(target, GIVEN_FIELDS),
                "band_low": target.group_line_id.band_low,
                "band_high": target.group_line_id.band_high,
                "weight": target.weight,
            }
            if target.pushed_line_id.exists():
                target.pushed_line_id.write(values)
                continue
            line_vals.append(
                (
                    target,
                    {
                        **values,
                        "scorecard_id": card.id,
                        "kpi_id": kpi_of[(company.id, target.kpi_id.code)].id,
                        "group_line_id": target.group_line_id.id,
                        "is_synergy": True,
                    },
                )
            )
        if line_vals:
            lines = (
                self.env["synergy.scorecard.line"]
                .sudo()
                .create([vals for _target, vals in line_vals])
            )
            for (target, _vals), line in zip(line_vals, lines, strict=True):
                target.pushed_line_id = line
            lines._refresh_actuals()
        targets.group_line_id.write({"is_penetrative": True})
        return True
