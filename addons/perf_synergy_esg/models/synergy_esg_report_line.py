from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import (
    ESG_MANAGER,
    ESG_USER,
    PORTAL,
    Allow,
    is_trusted,
    user_action,
)
from odoo.exceptions import AccessError, UserError, ValidationError

from ..esg_engine import scoring
from ..esg_engine.validation import Result, convert, normalize_unit, validate
from .synergy_esg_indicator import THEMES, option_scores

# Fields holding the answer itself: a write of any of them goes through the validator.
VALUE_FIELDS = ("value_number", "value_boolean", "value_text")


class SynergyEsgReportLine(models.Model):
    """One answer of a supplier's ESG report: the value of an indicator, its evidence and, for
    emissions computed from activity data, the factor used (kept as the audit trail)."""

    _name = "synergy.esg.report.line"
    _description = "Supplier ESG Answer"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "report_id.state"
    _lock_states = ("validated",)
    _write_policy = {
        "report_id": Allow(ESG_MANAGER, create_only=True, states=("draft", "rejected")),
        "indicator_id": Allow(ESG_MANAGER, create_only=True, states=("draft", "rejected")),
        "value_number": Allow(PORTAL, ESG_MANAGER, states=("draft", "rejected")),
        # set with any value written (_esg_answered)
        "has_value": Allow(PORTAL, ESG_MANAGER, states=("draft", "rejected")),
        "value_boolean": Allow(PORTAL, ESG_MANAGER, states=("draft", "rejected")),
        "value_text": Allow(PORTAL, ESG_MANAGER, states=("draft", "rejected")),
        "comment": Allow(PORTAL, ESG_MANAGER, states=("draft", "rejected")),
        "attachment_ids": Allow(PORTAL, ESG_MANAGER, states=("draft", "rejected")),
        "activity_amount": Allow(PORTAL, ESG_MANAGER, states=("draft", "rejected")),
    }
    _order = "report_id, theme, sequence, id"

    report_id = fields.Many2one("synergy.esg.report", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="report_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="report_id.partner_id", store=True, index=True)
    state = fields.Selection(related="report_id.state")
    indicator_id = fields.Many2one(
        "synergy.esg.indicator", required=True, index=True, ondelete="restrict"
    )
    code = fields.Char(related="indicator_id.code")
    # Scoring parameters of the indicator as used for this answer: they follow the catalogue
    # until the report is validated, then stay as they were (DESIGN 10, a validated report is
    # frozen), like the emission factor below.
    frozen = fields.Boolean(
        string="Frozen at Validation",
        readonly=True,
        copy=False,
        help="The report is validated: the scoring parameters, unit and figures of this answer "
        "no longer follow the catalogue.",
    )
    theme = fields.Selection(
        selection=THEMES, compute="_compute_scoring_params", store=True, readonly=True
    )
    weight = fields.Float(
        compute="_compute_scoring_params",
        store=True,
        readonly=True,
        help="Weight of the indicator in its theme, as used for this answer.",
        aggregator=None,
    )
    scored = fields.Boolean(compute="_compute_scoring_params", store=True, readonly=True)
    direction = fields.Selection(
        selection=[("higher_better", "Higher is Better"), ("lower_better", "Lower is Better")],
        compute="_compute_scoring_params",
        store=True,
        readonly=True,
    )
    score_zero_at = fields.Float(
        string="Score 0 at",
        digits=(16, 4),
        compute="_compute_scoring_params",
        store=True,
        aggregator=None,
    )
    score_full_at = fields.Float(
        string="Score 100 at",
        digits=(16, 4),
        compute="_compute_scoring_params",
        store=True,
        aggregator=None,
    )
    selection_options = fields.Char(compute="_compute_scoring_params", store=True)
    selection_scores = fields.Char(compute="_compute_scoring_params", store=True)
    sequence = fields.Integer(related="indicator_id.sequence", store=True)
    value_type = fields.Selection(related="indicator_id.value_type")
    evidence_required = fields.Boolean(related="indicator_id.evidence_required")
    has_value = fields.Boolean(string="Answered", readonly=True)
    value_number = fields.Float(digits=(16, 4), aggregator=None)
    value_boolean = fields.Boolean()
    value_text = fields.Char(help="Selection answer or document reference.")
    value_display = fields.Char(string="Value", compute="_compute_value_display")
    unit = fields.Char(
        compute="_compute_scoring_params",
        store=True,
        readonly=True,
        help="Unit of the stored value: the indicator's unit (kept as it was at validation).",
    )
    comment = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "synergy_esg_report_line_attachment_rel",
        "line_id",
        "attachment_id",
        string="Evidence",
    )
    attachment_count = fields.Integer(compute="_compute_attachment_count")
    activity_amount = fields.Float(
        digits=(16, 4), help="Activity data in the activity unit.", aggregator=None
    )
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
        aggregator=None,
    )
    emissions_kg = fields.Float(
        string="Emissions (kg CO2e)", compute="_compute_emissions", store=True, digits=(16, 3)
    )
    score = fields.Float(compute="_compute_score", store=True, digits=(5, 1), aggregator="avg")

    _one_line_per_indicator = models.UniqueIndex(
        "(report_id, indicator_id)", "A report answers each indicator once."
    )

    @api.depends("indicator_id", "report_id")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.report_id.name} - {line.indicator_id.code}"

    @api.depends(
        "indicator_id.theme",
        "indicator_id.weight",
        "indicator_id.scored",
        "indicator_id.direction",
        "indicator_id.score_zero_at",
        "indicator_id.score_full_at",
        "indicator_id.selection_options",
        "indicator_id.selection_scores",
        "indicator_id.unit",
    )
    def _compute_scoring_params(self):
        # A frozen answer keeps its stored parameters: not assigning leaves them as they are.
        for line in self.filtered(lambda ln: not ln.frozen):
            indicator = line.indicator_id
            line.theme = indicator.theme
            line.weight = indicator.weight
            line.scored = indicator.scored
            line.direction = indicator.direction
            line.score_zero_at = indicator.score_zero_at
            line.score_full_at = indicator.score_full_at
            line.selection_options = indicator.selection_options
            line.selection_scores = indicator.selection_scores
            line.unit = indicator.unit

    @api.depends("has_value", "value_number", "value_boolean", "value_text")
    @api.depends_context("lang")
    def _compute_value_display(self):
        for line in self:
            value = line._esg_display_value()
            if line.indicator_id.value_type in ("boolean", "selection"):
                # The stored keys (yes, conditional...) in the reader's language.
                value = line.indicator_id._esg_option_label(value)
            line.value_display = value

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
        for line in self.filtered(lambda ln: not ln.frozen):
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
        "direction",
        "score_zero_at",
        "score_full_at",
        "selection_scores",
        "selection_options",
    )
    def _compute_score(self):
        for line in self.filtered(lambda ln: not ln.frozen):
            value_type = line.indicator_id.value_type
            score = scoring.indicator_score(
                value_type,
                line._esg_typed_value(),
                direction=line.direction,
                zero_at=line.score_zero_at,
                full_at=line.score_full_at,
                option_scores=option_scores(line.selection_options, line.selection_scores)
                if value_type == "selection"
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

    def _esg_value_error(self, value):
        """The check of a typed answer against the indicator (range, type, options, size): the
        same pure validator as the portal, the API and the import; '' when valid."""
        self.ensure_one()
        indicator = self.indicator_id
        if value is None:
            return ""
        spec = indicator._esg_spec()
        result = validate(spec, value)
        if result.ok and indicator.value_type == "selection" and result.value != value:
            # Stored answers are the option as written in the catalogue.
            result = Result(
                False,
                code="not_option",
                params={"value": value, "options": ", ".join(spec.options)},
            )
        if result.ok:
            return ""
        return self.report_id._esg_error_message(indicator.code, result)

    @api.constrains("has_value", "value_number", "value_boolean", "value_text", "unit")
    def _check_value(self):
        """Every write path of an answer (form, JSON-2 write, load, the report's methods)."""
        for line in self.filtered(lambda ln: not ln.frozen):
            expected = line.indicator_id.unit or ""
            if line.unit and normalize_unit(line.unit) != normalize_unit(expected):
                raise ValidationError(
                    self.env._(
                        "%(code)s: the answer is stored in the indicator's unit %(expected)s, "
                        "not %(unit)s; convert the value or send it through Import Answers or "
                        "the API, which convert units.",
                        code=line.indicator_id.code,
                        expected=expected or "-",
                        unit=line.unit,
                    )
                )
            message = line._esg_value_error(line._esg_typed_value())
            if message:
                raise ValidationError(
                    self.env._(
                        "%(report)s: %(error)s Correct the value or clear it.",
                        report=line.report_id.name,
                        error=message,
                    )
                )

    @api.model
    def _esg_answered(self, vals):
        """A value written without saying whether it is an answer is one (then validated)."""
        if "has_value" not in vals and any(name in vals for name in VALUE_FIELDS):
            return {**vals, "has_value": True}
        return vals

    def _esg_freeze(self):
        """At validation: the answers stop following the catalogue (parameters, unit, figures)."""
        self.frozen = True

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
        lines = super().create([self._esg_answered(vals) for vals in vals_list])
        lines._esg_check_state()
        return lines

    def write(self, vals):
        if is_trusted():
            # The validation freezing the answers, run by the report as superuser.
            return super().write(vals)
        self._esg_check_supplier()
        self._esg_check_state()
        return super().write(self._esg_answered(vals))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        self._esg_check_supplier()
        self._esg_check_state()

    @user_action(PORTAL, ESG_USER)
    def action_open_attachments(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Evidence"),
            "res_model": "ir.attachment",
            "view_mode": "kanban,list,form",
            "domain": [("id", "in", self.attachment_ids.ids)],
        }
