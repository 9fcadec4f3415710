from datetime import date

from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import GROUP_CONTROLLER, Allow
from odoo.exceptions import ValidationError

METHODS = [
    ("full", "Full (100 %)"),
    ("proportional", "Proportional (ownership %)"),
    ("equity", "Equity (excluded from additive KPIs)"),
]


class SynergyGroupEntity(models.Model):
    """A company of the legal group: its parent, the parent's ownership and the consolidation
    method. ``res.company.parent_id`` means branches in 19.0, not a group with ownership."""

    _name = "synergy.group.entity"
    _description = "Group Entity"
    _inherit = ["synergy.policy.mixin", "mail.thread"]
    _write_policy = {
        "company_id": Allow(GROUP_CONTROLLER),
        "sequence": Allow(GROUP_CONTROLLER),
        "parent_id": Allow(GROUP_CONTROLLER),
        "child_ids": Allow(GROUP_CONTROLLER),
        "ownership": Allow(GROUP_CONTROLLER),
        "method": Allow(GROUP_CONTROLLER),
        "currency_id": Allow(GROUP_CONTROLLER),
        "stale_days": Allow(GROUP_CONTROLLER),
        "active": Allow(GROUP_CONTROLLER),
    }
    _order = "parent_path, sequence, id"
    _parent_store = True
    _rec_name = "company_id"

    company_id = fields.Many2one("res.company", required=True, index=True, tracking=True)
    sequence = fields.Integer(default=10)
    parent_id = fields.Many2one(
        "synergy.group.entity",
        string="Parent Entity",
        index=True,
        ondelete="restrict",
        tracking=True,
        help="The entity that owns this one; empty for the group's parent company.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("synergy.group.entity", "parent_id", string="Subsidiaries")
    ownership = fields.Float(
        string="Ownership (%)",
        default=100.0,
        tracking=True,
        help="Share of this entity held by its parent entity.",
        aggregator=None,
    )
    method = fields.Selection(
        selection=METHODS,
        string="Consolidation Method",
        required=True,
        default="full",
        tracking=True,
    )
    currency_id = fields.Many2one(
        "res.currency",
        string="Reporting Currency",
        required=True,
        compute="_compute_currency_id",
        store=True,
        readonly=False,
        precompute=True,
        help="Currency in which this entity's KPI values are expressed; the company currency "
        "by default.",
        tracking=True,
    )
    stale_days = fields.Integer(
        string="Stale after (days)",
        default=45,
        help="A penetrative KPI is stale when this entity's latest value is older than this.",
        tracking=True,
        aggregator=None,
    )
    root_company_id = fields.Many2one(
        "res.company",
        string="Group Parent Company",
        compute="_compute_root_company_id",
        store=True,
        recursive=True,
        index=True,
        help="The parent company of the group: its users with the group controller access see "
        "the whole structure.",
    )
    is_root = fields.Boolean(compute="_compute_is_root", store=True)
    level = fields.Integer(compute="_compute_is_root", store=True, aggregator=None)
    active = fields.Boolean(default=True)

    _company_unique = models.UniqueIndex(
        "(company_id)", "A company appears only once in the group structure."
    )
    _ownership_range = models.Constraint(
        "CHECK(ownership >= 0 AND ownership <= 100)",
        "The ownership is a percentage between 0 and 100.",
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for entity in self:
            if not entity.currency_id:
                entity.currency_id = entity.company_id.currency_id

    @api.depends("company_id", "parent_id.root_company_id")
    def _compute_root_company_id(self):
        for entity in self:
            entity.root_company_id = entity.parent_id.root_company_id or entity.company_id

    @api.depends("parent_id", "parent_path")
    def _compute_is_root(self):
        for entity in self:
            entity.is_root = not entity.parent_id
            entity.level = max((entity.parent_path or "").count("/") - 1, 0)

    @api.depends("company_id", "ownership", "method")
    def _compute_display_name(self):
        # The company is named as superuser, as a many2one shows it: a reader of the group
        # structure works with the subsidiaries' companies not necessarily active.
        for entity in self:
            entity.display_name = entity.company_id.sudo().name or ""

    @api.constrains("parent_id", "company_id", "active")
    def _check_tree(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._("An entity cannot own itself, even through other entities.")
            )
        roots = self.sudo().search_count([("parent_id", "=", False)])
        if roots > 1:
            raise ValidationError(
                self.env._(
                    "The group has one parent company only: give every other entity its parent "
                    "entity (%s entities have none).",
                    roots,
                )
            )

    @api.constrains("ownership", "method", "parent_id", "company_id")
    def _check_ownership(self):
        for entity in self:
            if not 0 <= entity.ownership <= 100:
                raise ValidationError(
                    self.env._(
                        "Ownership of %(entity)s is %(value)s %%: enter a percentage between 0 "
                        "and 100.",
                        entity=entity.display_name,
                        value=entity.ownership,
                    )
                )
            if not entity.parent_id and (entity.method != "full" or entity.ownership != 100):
                raise ValidationError(
                    self.env._(
                        "%s is the group's parent company: it is consolidated in full at 100 %%.",
                        entity.display_name,
                    )
                )
            if entity.parent_id and entity.method == "proportional" and not entity.ownership:
                raise ValidationError(
                    self.env._(
                        "%s is consolidated proportionally with an ownership of 0 %%: enter the "
                        "ownership or use the equity method.",
                        entity.display_name,
                    )
                )

    @api.model
    def _root(self):
        return self.sudo().search([("parent_id", "=", False)], limit=1)

    def _subsidiaries(self):
        """Every entity below these ones."""
        return self.search([("id", "child_of", self.ids), ("id", "not in", self.ids)])

    @api.model
    def _synergy_demo_populate(self):
        """Demo: last year's periods in every company of the group, monthly rates of the
        parent, a year of monthly values, a penetrative ROI pushed into the subsidiaries, an
        intercompany elimination, a reverse evaluation and consolidation runs (Q1 to Q3
        approved, the year in draft). Deterministic numbers."""
        ref = self.env.ref
        year = fields.Date.today().year - 1
        holding, us, hk, jv = (
            ref(f"perf_synergy_group.company_{key}") for key in ("holding", "us", "hk", "jv")
        )
        companies = holding | us | hk | jv
        Period = self.env["synergy.period"]
        for company in companies:
            if not Period.search_count(
                [("company_id", "=", company.id), ("date_start", "=", date(year, 1, 1))]
            ):
                self.env["synergy.period.generate"].create(
                    {"year": year, "company_id": company.id}
                ).action_generate()
        # One CNY in USD and HKD, month by month (the rates of the parent company)
        usd, hkd = ref("base.USD"), ref("base.HKD")
        self.env["res.currency.rate"].create(
            [
                {
                    "currency_id": currency.id,
                    "company_id": holding.id,
                    "name": date(year, month, 1),
                    "rate": base * (1 + 0.004 * (month - 6)),
                }
                for month in range(1, 13)
                for currency, base in ((usd, 0.1389), (hkd, 1.0870))
            ]
        )
        group_kpis = self.env["synergy.kpi"].search(
            [("company_id", "=", holding.id), ("code", "=like", "G-%")]
        )
        local = {holding: {kpi.code: kpi for kpi in group_kpis}}
        for company in companies - holding:
            kpis = self.env["synergy.kpi"].create(
                [kpi._synergy_subsidiary_vals(company.id) for kpi in group_kpis]
            )
            local[company] = {kpi.code: kpi for kpi in kpis}
        # monthly figures per company, in its own currency
        figures = {
            holding: {"G-REV": 8000, "G-PRF": 640, "G-INV": 60000, "G-CSAT": 86, "G-RISK": 2},
            us: {"G-REV": 900, "G-PRF": 81, "G-INV": 7000, "G-CSAT": 82, "G-RISK": 3},
            hk: {"G-REV": 4200, "G-PRF": 300, "G-INV": 30000, "G-CSAT": 90, "G-RISK": 4},
            jv: {"G-REV": 2500, "G-PRF": 150, "G-INV": 20000, "G-CSAT": 75, "G-RISK": 6},
        }
        months = {
            company: Period.search(
                [
                    ("company_id", "=", company.id),
                    ("period_type", "=", "month"),
                    ("date_start", ">=", date(year, 1, 1)),
                    ("date_end", "<=", date(year, 12, 31)),
                ],
                order="date_start",
            )
            for company in companies
        }
        values = []
        for company, numbers in figures.items():
            for index, month in enumerate(months[company]):
                growth = 1 + 0.01 * index
                for code, amount in numbers.items():
                    value = amount * growth if code in ("G-REV", "G-PRF") else amount
                    if code == "G-INV":
                        value = amount * (1 + 0.005 * index)
                    values.append(
                        {
                            "kpi_id": local[company][code].id,
                            "period_id": month.id,
                            "value": round(value, 2),
                            "owner_level": "company",
                            "company_id": company.id,
                        }
                    )
            # the ROI each company reports itself (the group recomputes its own)
            for quarter_end in months[company][2::3]:
                profit = numbers["G-PRF"] * 12
                values.append(
                    {
                        "kpi_id": local[company]["G-ROI"].id,
                        "period_id": quarter_end.id,
                        "value": round(profit / numbers["G-INV"] * 100, 2),
                        "owner_level": "company",
                        "company_id": company.id,
                    }
                )
        self.env["synergy.kpi.value"].create(values)
        year_period = Period.search(
            [
                ("company_id", "=", holding.id),
                ("period_type", "=", "year"),
                ("date_start", "=", date(year, 1, 1)),
            ]
        )
        q1 = Period.search(
            [
                ("company_id", "=", holding.id),
                ("period_type", "=", "quarter"),
                ("date_start", "=", date(year, 1, 1)),
            ]
        )
        # Penetrative ROI: group target 12 %, America 13 %, Hong Kong 11 %
        card = self.env["synergy.scorecard"].create(
            {"owner_level": "company", "company_id": holding.id, "period_id": year_period.id}
        )
        line = self.env["synergy.scorecard.line"].create(
            {
                "scorecard_id": card.id,
                "kpi_id": local[holding]["G-ROI"].id,
                "weight": 30,
                "target": 12,
                "is_penetrative": True,
            }
        )
        entities = {entity.company_id: entity for entity in self.search([])}
        targets = self.env["synergy.group.target"].create(
            [
                {"group_line_id": line.id, "entity_id": entities[us].id, "target": 13},
                {"group_line_id": line.id, "entity_id": entities[hk].id, "target": 11},
            ]
        )
        targets.action_push()
        # America sold 300 kUSD to the parent over the year, 60 in Q1
        Elimination = self.env["synergy.consolidation.elimination"]
        for period, amount in ((year_period, 300), (q1, 60)):
            Elimination.create(
                {
                    "company_id": holding.id,
                    "period_id": period.id,
                    "kpi_id": local[holding]["G-REV"].id,
                    "entity_id": entities[us].id,
                    "counterparty_id": entities[holding].id,
                    "amount": amount,
                    "note": "Intercompany sales America to Holding",
                }
            )
        Run = self.env["synergy.consolidation.run"]
        # The first three quarters approved (the group dashboard's trend), the year in draft.
        quarters = Period.search(
            [
                ("company_id", "=", holding.id),
                ("period_type", "=", "quarter"),
                ("date_start", ">=", date(year, 1, 1)),
                ("date_end", "<=", date(year, 9, 30)),
            ],
            order="date_start",
        )
        approved = Run.create(
            [
                {
                    "name": f"Consolidation {year} Q{index}",
                    "company_id": holding.id,
                    "period_id": quarter.id,
                }
                for index, quarter in enumerate(quarters, start=1)
            ]
        )
        approved.action_compute()
        approved.action_approve()
        Run.create(
            {
                "name": f"Consolidation {year}",
                "company_id": holding.id,
                "period_id": year_period.id,
            }
        )
        # Reverse evaluation: the subsidiaries' heads score the parent's shared services
        self.env["synergy.evaluation.campaign"].create(
            {
                "name": f"Group shared services {year}",
                "company_id": holding.id,
                "campaign_type": "group_shared_service",
                "period_id": year_period.id,
                "date_deadline": date(year, 12, 20),
                "target_department_ids": [
                    (
                        6,
                        0,
                        (
                            ref("perf_synergy_group.department_shared_finance")
                            | ref("perf_synergy_group.department_shared_hr")
                        ).ids,
                    )
                ],
                "evaluator_entity_ids": [(6, 0, [entities[us].id, entities[hk].id])],
                "dimension_ids": [
                    (0, 0, {"name": "Responsiveness"}),
                    (0, 0, {"name": "Quality of service"}),
                ],
            }
        )
        return True
