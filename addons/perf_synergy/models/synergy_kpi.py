from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.write_policy import OFFICER, Allow


class SynergyKpi(models.Model):
    """A KPI definition of the library."""

    _name = "synergy.kpi"
    _description = "KPI"
    # Copied for every company: copies take the shipped records' terms (tools/shipped_copies).
    _synergy_copy_translated = ("name", "description")
    _inherit = ["synergy.policy.mixin", "mail.thread"]
    _write_policy = {
        "code": Allow(OFFICER),
        "name": Allow(OFFICER),
        "description": Allow(OFFICER),
        "unit": Allow(OFFICER),
        "direction": Allow(OFFICER),
        "time_aggregation": Allow(OFFICER),
        "value_source": Allow(OFFICER),
        "rollup_rule": Allow(OFFICER),
        "measure_id": Allow(OFFICER),
        "objective_id": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "share_ids": Allow(OFFICER),
        "active": Allow(OFFICER),
    }
    _order = "code"
    # Found by their code too: in KPI fields, search views and imports naming a KPI by code.
    _rec_names_search = ["code", "name"]
    _check_company_auto = True

    code = fields.Char(required=True, tracking=True)
    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Text(translate=True)
    unit = fields.Char(help="Shown beside values: %, CNY, days, incidents...")
    direction = fields.Selection(
        selection=[
            ("higher_better", "Higher is Better"),
            ("lower_better", "Lower is Better"),
            ("band", "Within a Band"),
        ],
        required=True,
        default="higher_better",
        tracking=True,
    )
    time_aggregation = fields.Selection(
        selection=[("sum", "Sum"), ("average", "Average"), ("last", "Last Value")],
        required=True,
        default="sum",
        help="How the values of months combine into a quarter or a year.",
    )
    value_source = fields.Selection(
        selection=[
            ("manual", "Manual Entry"),
            ("measure", "Automatic Measure"),
            ("children", "Roll-up of Driver Lines"),
            ("import", "Import"),
        ],
        required=True,
        default="manual",
        tracking=True,
    )
    rollup_rule = fields.Selection(
        selection=[
            ("sum", "Sum"),
            ("average", "Average"),
            ("weighted_average", "Weighted Average"),
            ("min", "Minimum"),
            ("max", "Maximum"),
        ],
        default="sum",
        help="How the actuals of driver lines combine into this KPI's actual "
        "(value source: roll-up of driver lines). The weighted average uses the lines' weights.",
    )
    measure_id = fields.Many2one("synergy.measure", check_company=True, tracking=True)
    objective_id = fields.Many2one("synergy.objective", check_company=True, index=True)
    perspective = fields.Selection(related="objective_id.perspective", store=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, default=lambda self: self.env.company
    )
    share_ids = fields.One2many(
        "synergy.kpi.share",
        "kpi_id",
        string="Responsibility Split",
        help="Departments sharing this KPI as lead, collaborator or support; shares sum to 100.",
    )
    active = fields.Boolean(default=True)

    _code_company_unique = models.Constraint(
        "UNIQUE(company_id, code)",
        "The KPI code must be unique in a company.",
    )

    @api.model
    def name_create(self, name):
        """Quick-create from a KPI field: "[CODE] Name" gives both, a bare text is the code
        and the name (the code is required)."""
        text = (name or "").strip()
        code, label = text, text
        if text.startswith("[") and "]" in text:
            code, _sep, label = text[1:].partition("]")
            code, label = code.strip(), label.strip() or code.strip()
        kpi = self.create({"code": code, "name": label})
        return kpi.id, kpi.display_name

    @api.depends("code", "name")
    def _compute_display_name(self):
        for kpi in self:
            kpi.display_name = f"[{kpi.code}] {kpi.name}" if kpi.code else kpi.name

    @api.constrains("value_source", "measure_id")
    def _check_measure(self):
        for kpi in self:
            if kpi.value_source == "measure" and not kpi.measure_id:
                raise ValidationError(
                    self.env._(
                        "KPI %(kpi)s takes its values from a measure: choose the Measure.",
                        kpi=kpi.display_name,
                    )
                )
