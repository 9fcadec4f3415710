from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..esg_engine import scoring
from ..esg_engine.validation import convert


class SynergyEsgReportLine(models.Model):
    """One answer of a supplier's ESG report: the value of an indicator, its evidence and, for
    emissions computed from activity data, the factor used (kept as the audit trail)."""

    _name = "synergy.esg.report.line"
    _description = "Supplier ESG Answer"
    _inherit = ["synergy.finite.mixin"]
    _order = "report_id, theme, sequence, id"

    report_id = fields.Many2one("synergy.esg.report", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="report_id.partner_id", store=True, index=True)
    state = fields.Selection(related="report_id.state")
    indicator_id = fields.Many2one(
        "synergy.esg.indicator", required=True, index=True, ondelete="restrict"
    )
    code = fields.Char(related="indicator_id.code")
    theme = fields.Selection(related="indicator_id.theme", store=True)
    sequence = fields.Integer(related="indicator_id.sequence", store=True)
    value_type = fields.Selection(related="indicator_id.value_type")
    evidence_required = fields.Boolean(related="indicator_id.evidence_required")
    has_value = fields.Boolean(string="Answered", readonly=True)
    value_number = fields.Float(digits=(16, 4))
    value_boolean = fields.Boolean()
    value_text = fields.Char(help="Selection answer or document reference.")
    value_display = fields.Char(string="Value", compute="_compute_value_display")
    unit = fields.Char(help="Unit of the stored value: always the indicator's unit.")
    comment = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "synergy_esg_report_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence",
    )
    attachment_count = fields.Integer(compute="_compute_attachment_count")
    activity_amount = fields.Float(digits=(16, 4), help="Activity data in the activity unit.")
    activity_unit = fields.Char(related="indicator_id.activity_unit")
    factor_id = fields.Many2one(
        "synergy.esg.factor",
        string="Emission Factor",
        ondelete="restrict",
        readonly=True,
        help="The factor applied to the activity data (audit trail).",
    )
    factor_value = fields.Float(
        string="Factor Applied (kg CO2e/unit)",
        digits=(16, 6),
        readonly=True,
        help="The factor's value when it was applied: later edits of the factor do not change "
        "this answer.",
    )
    emissions_kg = fields.Float(
        string="Emissions (kg CO2e)", compute="_compute_emissions", store=True, digits=(16, 3)
    )
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 1))

    _one_line_per_indicator = models.UniqueIndex(
        "(report_id, indicator_id)", "A report answers each indicator once."
    )

    @api.depends("indicator_id", "report_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.report_id.name} - {line.indicator_id.code}"

    @api.depends("has_value", "value_number", "value_boolean", "value_text")
    def _compute_value_display(self):
        for line in self:
            line.value_display = line._esg_display_value()

    def _compute_attachment_count(self):
        for line in self:
            line.attachment_count = len(line.attachment_ids)

    @api.depends(
        "activity_amount",
        "factor_value",
        "factor_id",
        "value_number",
        "has_value",
        "indicator_id.emission_scope",
        "indicator_id.unit",
    )
    def _compute_emissions(self):
        for line in self:
            if line.factor_id:
                line.emissions_kg = line.activity_amount * line.factor_value
            elif line.indicator_id.emission_scope and line.has_value:
                # Emissions reported directly, in the indicator's unit (tCO2e by default).
                line.emissions_kg = (
                    convert(line.value_number, line.indicator_id.unit or "tCO2e", "kgCO2e") or 0.0
                )
            else:
                line.emissions_kg = 0.0

    @api.depends(
        "has_value",
        "value_number",
        "value_boolean",
        "value_text",
        "attachment_ids",
        "indicator_id.value_type",
        "indicator_id.direction",
        "indicator_id.score_zero_at",
        "indicator_id.score_full_at",
        "indicator_id.selection_scores",
        "indicator_id.selection_options",
    )
    def _compute_score(self):
        for line in self:
            indicator = line.indicator_id
            value = line._esg_typed_value()
            score = scoring.indicator_score(
                indicator.value_type,
                value,
                direction=indicator.direction,
                zero_at=indicator.score_zero_at,
                full_at=indicator.score_full_at,
                option_scores=indicator._esg_option_scores()
                if indicator.value_type == "selection"
                else None,
                has_document=bool(line.attachment_ids),
            )
            line.score = score or 0.0

    # ------------------------------------------------------------ helpers (public API)
    def _esg_typed_value(self):
        """The answer as a Python value (float, bool, str), None when unanswered."""
        self.ensure_one()
        if not self.has_value:
            return None
        value_type = self.indicator_id.value_type
        if value_type == "number":
            return self.value_number
        if value_type == "boolean":
            return self.value_boolean
        return self.value_text or None

    def _esg_has_value(self):
        """Whether the supplier answered (a document counts as answered by a file too)."""
        self.ensure_one()
        if self.indicator_id.value_type == "document" and self.attachment_ids:
            return True
        return bool(self.has_value)

    def _esg_display_value(self):
        """The answer as text for forms (portal and back office): '' when unanswered."""
        self.ensure_one()
        value = self._esg_typed_value()
        if value is None:
            return ""
        if isinstance(value, bool):
            return "yes" if value else "no"
        if isinstance(value, float):
            return f"{value:g}" if abs(value) < 1e15 else str(value)
        return str(value)

    def _esg_value_vals(self, value):
        """Field values storing a validated ``value`` (None clears the answer)."""
        self.ensure_one()
        vals = {
            "has_value": value is not None,
            "value_number": 0.0,
            "value_boolean": False,
            "value_text": False,
            "unit": self.indicator_id.unit or False,
        }
        if value is None:
            return vals
        value_type = self.indicator_id.value_type
        if value_type == "number":
            vals["value_number"] = value
        elif value_type == "boolean":
            vals["value_boolean"] = bool(value)
        else:
            vals["value_text"] = value
        return vals

    # ------------------------------------------------------------------ CRUD guards
    def _esg_check_supplier(self):
        """Portal users change answers only through the report's methods, which validate."""
        if not self.env.su and self.env.user.share:
            raise AccessError(
                self.env._(
                    "Suppliers change their answers through the portal or the API method "
                    "_esg_apply_line_values, which validates them."
                )
            )

    def _esg_check_state(self):
        closed = self.report_id.filtered(lambda r: r.state not in ("draft", "rejected"))
        if closed:
            raise UserError(
                self.env._(
                    "The answers of %s cannot change: the report is submitted or validated. "
                    "Reject it first to let the supplier correct it.",
                    ", ".join(closed.mapped("name")),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._esg_check_supplier()
        lines = super().create(vals_list)
        lines._esg_check_state()
        return lines

    def write(self, vals):
        self._esg_check_supplier()
        self._esg_check_state()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._esg_check_supplier()
        self._esg_check_state()

    def action_open_attachments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Evidence"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": [("id", "in", self.attachment_ids.ids)],
        }
