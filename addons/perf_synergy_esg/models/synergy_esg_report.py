import base64
import logging
import os

from odoo import api, fields, models
from odoo.addons.perf_synergy.engine.deviation import detect
from odoo.addons.perf_synergy.tools.arguments import text
from odoo.addons.perf_synergy.tools.write_policy import (
    ESG_MANAGER,
    ESG_USER,
    PORTAL,
    Allow,
    is_trusted,
    user_action,
)
from odoo.exceptions import AccessError, UserError
from odoo.tools.mimetypes import guess_mimetype

from ..esg_engine import scoring
from ..esg_engine.validation import (
    clean_text,
    convert,
    is_empty,
    validate,
    validate_activity,
)

_logger = logging.getLogger(__name__)

EVIDENCE_TYPES = {
    # extension: mimetypes accepted for the content (guessed from the bytes)
    ".pdf": ("application/pdf",),
    ".png": ("image/png",),
    ".jpg": ("image/jpeg",),
    ".jpeg": ("image/jpeg",),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/zip",
        "application/octet-stream",
    ),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
        "application/octet-stream",
    ),
    ".csv": ("text/csv", "text/plain", "application/csv", "application/octet-stream"),
}

THEME_FIELDS = {
    "environment": "score_environment",
    "labor_human_rights": "score_labor_human_rights",
    "ethics": "score_ethics",
    "sustainable_procurement": "score_sustainable_procurement",
}

# Fields a report keeps writable once validated: chatter, activities, portal token.
LOCK_EXEMPT_PREFIXES = ("message_", "activity_", "website_message", "rating_ids")
LOCK_EXEMPT_FIELDS = {"access_token", "message_main_attachment_id"}


class SynergyEsgReport(models.Model):
    """A supplier's ESG report for a period: answers per indicator, evidence, a workflow
    draft -> submitted -> validated / rejected, validated through tier validation."""

    _name = "synergy.esg.report"
    _description = "Supplier ESG Report"
    _inherit = [
        "synergy.policy.mixin",
        "portal.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "synergy.tier.validation",
    ]
    _policy_state = "state"
    _lock_states = ("validated",)
    _unlink_states = ("draft",)
    _write_policy = {
        "campaign_id": Allow(ESG_MANAGER, create_only=True),
        "partner_id": Allow(ESG_MANAGER, create_only=True),
        "period_id": Allow(ESG_MANAGER, create_only=True),
        "company_id": Allow(ESG_MANAGER, create_only=True),
        "line_ids": Allow(PORTAL, ESG_MANAGER, states=("draft", "rejected")),
    }
    _order = "period_date_end desc, id desc"
    _check_company_auto = True

    # tier.validation: a submitted report is validated once its reviews are approved; a
    # rejection clears the reviews so that a resubmission is reviewed again.
    _state_from = ["submitted"]
    _state_to = ["validated"]
    _cancel_state = "rejected"
    _tier_validation_manual_config = False
    # Requesting or restarting a report's reviews by hand (its submission requests them).
    _synergy_review_groups = (ESG_MANAGER,)

    name = fields.Char(required=True, default="/", copy=False, tracking=True)
    campaign_id = fields.Many2one(
        "synergy.esg.campaign", index=True, ondelete="restrict", check_company=True, tracking=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Supplier",
        required=True,
        index=True,
        ondelete="restrict",
        tracking=True,
        domain=[("is_company", "=", True)],
        help="The supplier's commercial partner: its portal users see and fill the report.",
    )
    period_id = fields.Many2one(
        "synergy.period", required=True, index=True, ondelete="restrict", check_company=True
    )
    period_date_end = fields.Date(related="period_id.date_end", store=True, string="Period End")
    period_name = fields.Char(
        related="period_id.name", string="Period Name", help="Readable by portal suppliers."
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("validated", "Validated"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
    line_ids = fields.One2many("synergy.esg.report.line", "report_id", string="Answers", copy=True)
    rejection_reason = fields.Text(
        copy=False,
        help="Why procurement returned the report; the supplier sees it.",
        tracking=True,
    )
    rejection_ids = fields.One2many(
        "synergy.esg.rejection", "report_id", string="Rejection History", copy=False
    )
    submitted_date = fields.Datetime(copy=False, readonly=True)
    validated_date = fields.Datetime(copy=False, readonly=True)
    buyer_id = fields.Many2one(
        "res.users",
        compute="_compute_buyer_id",
        store=True,
        readonly=False,
        index=True,
        help="Procurement user following this supplier: reviews the report and receives its "
        "deviation alerts. Defaults to the supplier's buyer.",
        tracking=True,
    )
    score_environment = fields.Float(
        compute="_compute_scores", store=True, digits=(5, 1), aggregator="avg"
    )
    score_labor_human_rights = fields.Float(
        string="Score Labour & Human Rights",
        compute="_compute_scores",
        store=True,
        digits=(5, 1),
        aggregator="avg",
    )
    score_ethics = fields.Float(
        compute="_compute_scores", store=True, digits=(5, 1), aggregator="avg"
    )
    score_sustainable_procurement = fields.Float(
        compute="_compute_scores", store=True, digits=(5, 1), aggregator="avg"
    )
    score_overall = fields.Float(
        string="Overall Score",
        compute="_compute_scores",
        store=True,
        digits=(5, 1),
        aggregator="avg",
    )
    # Theme weights of the overall score as used at validation (the settings' weights until then).
    weight_environment = fields.Float(
        string="Environment Weight Used", readonly=True, copy=False, aggregator=None
    )
    weight_labor_human_rights = fields.Float(
        string="Labour & Human Rights Weight Used", readonly=True, copy=False, aggregator=None
    )
    weight_ethics = fields.Float(
        string="Ethics Weight Used", readonly=True, copy=False, aggregator=None
    )
    weight_sustainable_procurement = fields.Float(
        string="Sustainable Procurement Weight Used", readonly=True, copy=False, aggregator=None
    )
    rating = fields.Char(
        copy=False, readonly=True, help="Rating band given at validation.", tracking=True
    )
    rating_id = fields.Many2one(
        "synergy.esg.rating", string="Rating Record", copy=False, readonly=True
    )
    compliant = fields.Boolean(
        copy=False,
        readonly=True,
        help="At validation: overall score at or above the compliance threshold and no theme "
        "below the compliance theme minimum.",
        tracking=True,
    )
    audit_result = fields.Char(
        compute="_compute_audit", store=True, help="Answer to the audit indicator, if any."
    )
    audit_passed = fields.Boolean(compute="_compute_audit", store=True)
    # The stored answer is the catalogue's key (pass, conditional...): shown translated.
    audit_result_label = fields.Char(string="Audit Outcome", compute="_compute_audit_result_label")
    emissions_total_t = fields.Float(
        string="Emissions (tCO2e)",
        compute="_compute_emissions_total",
        store=True,
        digits=(16, 3),
        help="Sum of the answers that count in the total emissions (Scope 1, Scope 2 "
        "location-based, Scope 3), in tonnes CO2e.",
    )
    scope2_location_t = fields.Float(
        string="Scope 2 Location-based (tCO2e)",
        compute="_compute_emissions_total",
        store=True,
        digits=(16, 3),
    )
    scope2_market_t = fields.Float(
        string="Scope 2 Market-based (tCO2e)",
        compute="_compute_emissions_total",
        store=True,
        digits=(16, 3),
    )
    spend_thousands = fields.Float(
        string="Purchase Spend (thousands)",
        readonly=True,
        copy=False,
        digits=(16, 3),
        help="Confirmed purchase spend with the supplier in the period, in thousands of the "
        "company currency, taken at validation: the denominator of the emissions intensity.",
        tracking=True,
    )
    deviation_summary = fields.Text(
        readonly=True, copy=False, help="Deviations of the supplier's series found at validation."
    )
    has_deviation = fields.Boolean(readonly=True, copy=False)
    line_count = fields.Integer(compute="_compute_progress")
    answered_count = fields.Integer(compute="_compute_progress")

    _one_report_per_campaign = models.UniqueIndex(
        "(campaign_id, partner_id) WHERE campaign_id IS NOT NULL",
        "A supplier has one report per campaign.",
    )

    # ---------------------------------------------------------------- computes
    def _compute_access_url(self):
        result = super()._compute_access_url()
        for report in self:
            report.access_url = f"/my/esg/{report.id}"
        return result

    @api.depends("partner_id")
    def _compute_buyer_id(self):
        for report in self:
            report.buyer_id = (
                report.buyer_id or report.partner_id.commercial_partner_id.sudo().buyer_id
            )

    @api.depends(
        "line_ids.score",
        "line_ids.has_value",
        "line_ids.theme",
        "line_ids.weight",
        "line_ids.scored",
        "company_id.synergy_esg_weight_environment",
        "company_id.synergy_esg_weight_labor_human_rights",
        "company_id.synergy_esg_weight_ethics",
        "company_id.synergy_esg_weight_sustainable_procurement",
    )
    def _compute_scores(self):
        # A validated report's figures are final: catalogue and settings edits that trigger
        # this compute leave them as stored (not assigning keeps the stored value).
        for report in self.filtered(lambda r: r.state != "validated"):
            themes, overall = report._esg_scores()
            for theme, field_name in THEME_FIELDS.items():
                report[field_name] = themes.get(theme, 0.0)
            report.score_overall = overall or 0.0

    def _esg_theme_weights(self):
        """{theme: weight} of the overall score: kept on the report once validated, else the
        company's settings."""
        self.ensure_one()
        if self.state == "validated":
            return {theme: self[f"weight_{theme}"] for theme in THEME_FIELDS}
        return self.company_id.sudo()._synergy_esg_theme_weights()

    def _esg_scores(self):
        """({theme: score}, overall) of the report's answers (pure scoring engine), with the
        parameters kept on the answers and the report's theme weights."""
        self.ensure_one()
        rows = [
            (line.theme, line.score if line.has_value else None, line.weight)
            for line in self.line_ids
            if line.scored
        ]
        themes = scoring.theme_scores(rows)
        return themes, scoring.overall_score(themes, self._esg_theme_weights())

    @api.depends("audit_result")
    @api.depends_context("lang")
    def _compute_audit_result_label(self):
        Indicator = self.env["synergy.esg.indicator"]
        for report in self:
            report.audit_result_label = report.audit_result and Indicator._esg_option_label(
                report.audit_result
            )

    @api.depends(
        "line_ids.value_text", "line_ids.selection_options", "line_ids.indicator_id.audit_indicator"
    )
    def _compute_audit(self):
        for report in self.filtered(lambda r: r.state != "validated"):
            line = report.line_ids.filtered(lambda ln: ln.indicator_id.audit_indicator)[:1]
            # The options as kept on the answer: the first one is the pass.
            options = [o.strip() for o in (line.selection_options or "").split(",") if o.strip()]
            report.audit_result = line.value_text or False
            report.audit_passed = bool(
                line.value_text and options and line.value_text == options[0]
            )

    @api.depends(
        "line_ids.emissions_kg",
        "line_ids.indicator_id.counts_in_emissions",
        "line_ids.indicator_id.emission_scope",
        "line_ids.indicator_id.market_based",
    )
    def _compute_emissions_total(self):
        for report in self.filtered(lambda r: r.state != "validated"):
            scope2 = report.line_ids.filtered(lambda ln: ln.indicator_id.emission_scope == "2")
            report.scope2_location_t = (
                sum(
                    scope2.filtered(lambda ln: not ln.indicator_id.market_based).mapped(
                        "emissions_kg"
                    )
                )
                / 1000.0
            )
            report.scope2_market_t = (
                sum(scope2.filtered(lambda ln: ln.indicator_id.market_based).mapped("emissions_kg"))
                / 1000.0
            )
            report.emissions_total_t = (
                sum(
                    report.line_ids.filtered(lambda ln: ln.indicator_id.counts_in_emissions).mapped(
                        "emissions_kg"
                    )
                )
                / 1000.0
            )

    def _compute_progress(self):
        for report in self:
            report.line_count = len(report.line_ids)
            report.answered_count = len(report.line_ids.filtered("has_value"))

    @api.depends("partner_id", "period_id")
    def _compute_display_name(self):
        for report in self:
            report.display_name = report.name if report.name != "/" else self.env._("New report")

    # ------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"]
        Period = self.env["synergy.period"].sudo()
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = Partner.browse(vals["partner_id"]).commercial_partner_id.id
            if vals.get("name", "/") == "/" and vals.get("partner_id") and vals.get("period_id"):
                vals["name"] = self.env._(
                    "ESG %(period)s - %(supplier)s",
                    period=Period.browse(vals["period_id"]).name,
                    supplier=Partner.browse(vals["partner_id"]).name,
                )
        reports = super().create(vals_list)
        reports.filtered(lambda r: not r.line_ids)._esg_create_lines()
        return reports

    def _esg_create_lines(self, indicators=None):
        """One answer line per indicator of the campaign (or of the catalogue) not yet present."""
        vals_list = []
        for report in self:
            wanted = indicators or report.campaign_id.indicator_ids
            if not wanted:
                wanted = self.env["synergy.esg.indicator"].search(
                    [("company_id", "=", report.company_id.id)]
                )
            for indicator in wanted - report.line_ids.indicator_id:
                vals_list.append({"report_id": report.id, "indicator_id": indicator.id})
        return self.env["synergy.esg.report.line"].sudo().create(vals_list)

    def _esg_check_direct_write(self):
        """Suppliers change their report through the portal methods, never field by field."""
        if not self.env.su and self.env.user.share:
            raise AccessError(
                self.env._(
                    "Suppliers change ESG reports through the portal or the API method "
                    "_esg_apply_line_values, not by writing fields."
                )
            )

    def _synergy_lock_hint(self):
        return self.env._("Ask the supplier for a new report in the next campaign instead.")

    def write(self, vals):
        if is_trusted():
            # Results of the workflow itself (rating, compliance, spend, deviations), written
            # by this model's actions: not a change of the report's content.
            return super().write(vals)
        if not all(
            key.startswith(LOCK_EXEMPT_PREFIXES) or key in LOCK_EXEMPT_FIELDS for key in vals
        ):
            self._esg_check_direct_write()
        if vals.get("partner_id"):
            vals["partner_id"] = (
                self.env["res.partner"].browse(vals["partner_id"]).commercial_partner_id.id
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_validated(self):
        if self.filtered(lambda r: r.state == "submitted"):
            raise UserError(
                self.env._("A submitted report cannot be deleted: reject it or validate it.")
            )

    # --------------------------------------------------------- supplier API
    def _esg_check_editable(self):
        self.ensure_one()
        if self.state not in ("draft", "rejected"):
            raise UserError(
                self.env._(
                    "ESG report %(report)s is %(state)s: only a draft or a report returned for "
                    "changes can be edited.",
                    report=self.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[self.state],
                )
            )
        # Suppliers and procurement need write access to the report itself (record rules).
        self.check_access("write")

    def _esg_error_message(self, indicator_code, result):
        """Translated message of a validation error of the pure validator."""
        params = dict(result.params)
        messages = {
            "bad_type": self.env._("Indicator %(code)s has an unknown value type %(type)s."),
            "not_boolean": self.env._(
                "%(code)s: %(value)s is not a yes/no answer; send yes or no (or true/false)."
            ),
            "not_option": self.env._(
                "%(code)s: %(value)s is not one of the allowed answers: %(options)s."
            ),
            "not_text": self.env._("%(code)s: the document reference must be a text."),
            "not_number": self.env._(
                "%(code)s: %(value)s is not a number; type digits such as 1250.5."
            ),
            "bad_unit": self.env._(
                "%(code)s: unit %(unit)s does not match the indicator's unit %(expected)s and "
                "cannot be converted; send the value in %(expected)s."
            ),
            "below_min": self.env._(
                "%(code)s: %(value)s %(unit)s is below the minimum %(min)s %(unit)s."
            ),
            "above_max": self.env._(
                "%(code)s: %(value)s %(unit)s is above the maximum %(max)s %(unit)s."
            ),
            "too_large": self.env._(
                "%(code)s: %(value)s is too large; send a number between -%(max)s and %(max)s."
            ),
        }
        template = messages.get(result.code, self.env._("%(code)s: invalid value."))
        for key in ("value", "min", "max"):
            if isinstance(params.get(key), float):
                params[key] = f"{params[key]:g}"
        return template % {"code": indicator_code, **params}

    def _esg_prepare_row(self, row, lines_by_code, on_date=None, region=None):
        """Validate one row. Returns (indicator code, line, vals) or (code, None, error)."""
        if not isinstance(row, dict):
            return "", None, self.env._("Each row must be an object with an indicator code.")
        code = str(row.get("indicator") or "").strip()
        if not code:
            return code, None, self.env._("A row has no indicator code.")
        line = lines_by_code.get(code.lower())
        if line is None:
            return (
                code,
                None,
                self.env._(
                    "%(code)s is not an indicator of this report. Expected one of: %(codes)s.",
                    code=code,
                    codes=", ".join(sorted(line.indicator_id.code for line in self.line_ids)),
                ),
            )
        indicator = line.indicator_id
        vals = {}
        activity = row.get("activity")
        if indicator.factor_based and not is_empty(activity):
            checked = validate_activity(activity, indicator.activity_unit, row.get("activity_unit"))
            if not checked.ok:
                return code, None, self._esg_error_message(code, checked)
            factor = (
                self.env["synergy.esg.factor"]
                .sudo()
                ._esg_find(
                    indicator.activity,
                    on_date or self.period_date_end,
                    region=region,
                    market_based=indicator.market_based,
                    company=self.company_id,
                )
            )
            if not factor:
                return (
                    code,
                    None,
                    self.env._(
                        "%(code)s: no emission factor for activity %(activity)s is valid on "
                        "%(date)s. Send the emissions as a value instead, or ask procurement to "
                        "add the factor.",
                        code=code,
                        activity=indicator.activity,
                        date=on_date or self.period_date_end,
                    ),
                )
            kg = checked.value * factor.kg_co2e_per_unit
            value = convert(kg, "kgCO2e", indicator.unit or "kgCO2e")
            if value is None:
                value = kg
            error = line._esg_value_error(value)
            if error:
                return code, None, error
            vals.update(
                activity_amount=checked.value,
                factor_id=factor.id,
                factor_value=factor.kg_co2e_per_unit,
                value_number=value,
                has_value=True,
            )
        else:
            result = validate(indicator._esg_spec(), row.get("value"), row.get("unit"))
            if not result.ok:
                return code, None, self._esg_error_message(code, result)
            vals.update(line._esg_value_vals(result.value))
            vals.update(activity_amount=0.0, factor_id=False, factor_value=0.0)
        if "comment" in row:
            vals["comment"] = clean_text(row["comment"]) if row["comment"] is not None else ""
        return code, line, vals

    def _esg_apply_line_values(self, rows):
        """Upsert the supplier's answers of this report; see readme/USAGE.md for the payload.

        Every row is validated by the shared validator; valid rows are written, rows with an
        error are left untouched, and a result per row is returned in the order of ``rows``.
        Idempotent: the same rows twice give the same answers. A rejected report that receives
        a valid answer goes back to draft (the rejection stays in its history).
        """
        self.ensure_one()
        self._esg_check_editable()
        if not isinstance(rows, (list, tuple)):
            raise UserError(self.env._("Send the answers as a list of rows."))
        lines_by_code = {line.indicator_id.code.lower(): line for line in self.sudo().line_ids}
        region = self.partner_id.country_id.code or None
        results, writes = [], []
        for row in rows:
            code, line, outcome = self._esg_prepare_row(row, lines_by_code, region=region)
            if line is None:
                results.append({"indicator": code, "status": "error", "message": outcome})
            else:
                writes.append((line, outcome))
                results.append({"indicator": code, "status": "ok", "message": ""})
        if writes:
            for line, vals in writes:
                line.write(vals)
            if self.state == "rejected":
                self.sudo().write({"state": "draft"})
                self.message_post(
                    body=self.env._("Reopened for changes after the rejection."),
                    subtype_xmlid="mail.mt_note",
                )
        return results

    def _esg_add_evidence(self, indicator_code, filename, content_bytes, mimetype=None):
        """Attach an evidence file to the answer of ``indicator_code``; returns the attachment."""
        self.ensure_one()
        self._esg_check_editable()
        line = self.sudo().line_ids.filtered(
            lambda ln: ln.indicator_id.code.lower() == str(indicator_code or "").lower()
        )[:1]
        if not line:
            raise UserError(
                self.env._("%s is not an indicator of this report.", indicator_code or "-")
            )
        if isinstance(content_bytes, str):
            content_bytes = base64.b64decode(content_bytes)
        content_bytes = content_bytes or b""
        limit_mb = self.company_id.sudo().synergy_esg_max_upload_mb
        if len(content_bytes) > limit_mb * 1024 * 1024:
            raise UserError(
                self.env._(
                    "%(file)s is too large (%(size).1f MB): the limit is %(limit)s MB per file. "
                    "Compress or split it.",
                    file=filename,
                    size=len(content_bytes) / 1024 / 1024,
                    limit=limit_mb,
                )
            )
        if not content_bytes:
            raise UserError(self.env._("%s is empty: choose the file again.", filename or "-"))
        extension = os.path.splitext(filename or "")[1].lower()
        guessed = guess_mimetype(content_bytes, default="application/octet-stream")
        allowed = EVIDENCE_TYPES.get(extension)
        if not allowed or guessed not in allowed:
            raise UserError(
                self.env._(
                    "%(file)s cannot be used as evidence: send a PDF, PNG, JPEG, XLSX, CSV or "
                    "DOCX file (the content looks like %(type)s).",
                    file=filename or "-",
                    type=guessed,
                )
            )
        attachment = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                {
                    "name": filename,
                    "raw": content_bytes,
                    "mimetype": guessed if guessed != "application/octet-stream" else mimetype,
                    "res_model": "synergy.esg.report.line",
                    "res_id": line.id,
                }
            )
        )
        line.write({"attachment_ids": [(4, attachment.id)]})
        if self.state == "rejected":
            self.sudo().write({"state": "draft"})
        return attachment

    # --------------------------------------------------------------- workflow
    def _esg_missing(self):
        """Human-readable list of what blocks the submission."""
        self.ensure_one()
        missing = []
        for line in self.sudo().line_ids:
            indicator = line.indicator_id
            if indicator.mandatory and not line._esg_has_value():
                missing.append(self.env._("%s: answer missing", indicator.display_name))
            if indicator.evidence_required and not line.attachment_ids:
                missing.append(self.env._("%s: evidence file missing", indicator.display_name))
        return missing

    @user_action(PORTAL, ESG_USER)
    def action_submit(self):
        for report in self:
            report._esg_check_editable()
            missing = report._esg_missing()
            if missing:
                raise UserError(
                    self.env._(
                        "ESG report %(report)s cannot be submitted yet:\n- %(missing)s\n"
                        "Your answers are saved; complete them and submit again.",
                        report=report.name,
                        missing="\n- ".join(missing),
                    )
                )
        self.sudo().write(
            {
                "state": "submitted",
                "submitted_date": fields.Datetime.now(),
                "rejection_reason": False,
            }
        )
        for report in self:
            report.message_post(
                body=self.env._("Report submitted for review."), subtype_xmlid="mail.mt_comment"
            )
            # Suppliers do not read campaigns: the reviewer is looked up as the system.
            reviewer = report.sudo().buyer_id or report.sudo().campaign_id.user_id
            if reviewer:
                report.sudo().activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=reviewer.id,
                    summary=self.env._("Review the ESG report of %s", report.partner_id.name),
                )
            if report.sudo()._esg_needs_tiers():
                report.sudo().request_validation()
        return True

    def _esg_needs_tiers(self):
        self.ensure_one()
        self.invalidate_recordset(["need_validation"])
        return self.need_validation

    @user_action(ESG_USER)
    def validate_tier(self):
        # The buyer's review activity is done once the buyer approved his tier.
        result = super().validate_tier()
        if result is None:
            self._esg_close_review_activity(self.env._("Review approved"))
        return result

    @user_action(ESG_USER)
    def reject_tier(self):
        result = super().reject_tier()
        if result is None:
            self._esg_close_review_activity(self.env._("Review rejected"))
        return result

    # The texts of OCA's review banner and chatter notes, as this addon's terms:
    # base_tier_validation 19.0 ships no zh_CN for them, and a Python term is translated from
    # the files of the module whose code calls ``_()``. Its views: i18n_extra/zh_CN.po.
    def _get_to_validate_message_name(self):
        return self.env["ir.model"]._get(self._name).name

    def _get_to_validate_message(self):
        icon = '<i class="fa fa-lg fa-info-circle"></i>'
        pending = self.review_ids.filtered(lambda review: review.status == "pending")[:1]
        if pending.todo_by:
            return self.env._(
                "%(icon)s Pending validation by %(todo_by)s", icon=icon, todo_by=pending.todo_by
            )
        return self.env._(
            "%(icon)s This %(model_name)s needs to be validated",
            icon=icon,
            model_name=self._get_to_validate_message_name(),
        )

    def _compute_next_review(self):
        for report in self:
            review = report.review_ids.sorted("sequence").filtered(
                lambda review: review.status == "pending"
            )[:1]
            report.next_review = self.env._("Next: %s", review.name) if review else False

    def _notify_accepted_reviews_body(self):
        comment = self._esg_own_review_comment()
        if comment:
            return self.env._("A review was accepted. (%s)", comment)
        return self.env._("A review was accepted")

    def _notify_rejected_review_body(self):
        comment = self._esg_own_review_comment()
        if comment:
            return self.env._(
                "A review was rejected by %(user)s. (%(comment)s)",
                user=self.env.user.name,
                comment=comment,
            )
        return self.env._("A review was rejected by %s.", self.env.user.name)

    def _notify_requested_review_body(self, tier_reviews=None):
        if tier_reviews:
            requester = tier_reviews[:1].requested_by or self.env.user
            assignees = ", ".join(filter(None, tier_reviews.mapped("todo_by")))
            return self.env._(
                "Review pending for %(assignees)s, requested by %(requester)s.",
                assignees=assignees or self.env._("the assigned reviewer"),
                requester=requester.display_name,
            )
        return self.env._("A review has been requested by %s.", self.env.user.display_name)

    def _notify_restarted_review_body(self):
        return self.env._("The review has been reset by %s.", self.env.user.name)

    def _esg_own_review_comment(self):
        mine = self.review_ids.filtered(
            lambda review: self.env.user in review.reviewer_ids and review.comment
        )
        return mine[:1].comment

    def _esg_close_review_activity(self, feedback):
        mine = self.env["mail.activity"].search(
            [
                ("res_model", "=", self._name),
                ("res_id", "in", self.ids),
                ("user_id", "=", self.env.uid),
            ]
        )
        mine.sudo().action_feedback(feedback=feedback)

    @user_action(ESG_USER)
    def action_reject(self, reason):
        """Return submitted reports to the supplier with ``reason`` (shown on the portal)."""
        if not self.env.user.has_group("perf_synergy_esg.group_esg_manager"):
            raise AccessError(self.env._("Only ESG managers can reject a report."))
        reason = text(self.env, reason, "reason")
        if not reason:
            raise UserError(self.env._("Say why the report is rejected: the supplier reads it."))
        for report in self:
            if report.state != "submitted":
                raise UserError(
                    self.env._("Only a submitted report can be rejected; %s is not.", report.name)
                )
        self.write({"state": "rejected", "rejection_reason": reason})
        self.env["synergy.esg.rejection"].create(
            [{"report_id": report.id, "reason": reason} for report in self]
        )
        for report in self:
            report.message_post(
                body=self.env._("Returned for changes: %s", reason),
                subtype_xmlid="mail.mt_comment",
                partner_ids=report._esg_portal_partners().ids,
            )
        self.activity_ids.sudo().action_feedback(feedback=self.env._("Rejected"))
        return True

    @user_action(ESG_USER)
    def action_open_reject_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Reject ESG Report"),
            "res_model": "synergy.esg.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_report_ids": self.ids},
        }

    @user_action(ESG_USER, unlocks=True)
    def action_validate(self):
        """Validate submitted reports (after their tier reviews): score, rating on the supplier,
        deviation check of the supplier's series."""
        if not self.env.user.has_group("perf_synergy_esg.group_esg_manager"):
            raise AccessError(self.env._("Only ESG managers can validate a report."))
        for report in self:
            if report.state != "submitted":
                raise UserError(
                    self.env._("Only a submitted report can be validated; %s is not.", report.name)
                )
        self.invalidate_recordset(["need_validation"])
        spend = self._esg_spend_by_report()
        self._esg_freeze()
        # The state change runs the tier validation check: refused while reviews are pending.
        # The theme weights scoring the report are kept with it in the same write.
        now = fields.Datetime.now()
        for company, reports in self.grouped("company_id").items():
            weights = company.sudo()._synergy_esg_theme_weights()
            reports.write(
                {
                    "state": "validated",
                    "validated_date": now,
                    **{f"weight_{theme}": weights[theme] for theme in THEME_FIELDS},
                }
            )
        ratings = self.env["synergy.esg.rating"]
        for report in self:
            ratings |= report._esg_rate(spend.get(report.id, 0.0))
        self.activity_ids.sudo().action_feedback(feedback=self.env._("Validated"))
        self._esg_check_deviations()
        return True

    def _esg_freeze(self):
        """Keep with the answers the parameters their figures are computed with (scoring
        parameters, unit), after bringing every pending figure up to date: from the validation
        on, nothing recomputes them (the theme weights are kept with the state change)."""
        self.env.flush_all()
        self.sudo().line_ids._esg_freeze()
        self.env.flush_all()

    def _esg_spend_by_report(self):
        """{report id: confirmed purchase spend in thousands} over each report's period, with
        one grouped query per period."""
        result = {}
        Line = self.env["purchase.order.line"].sudo()
        for period in self.period_id:
            reports = self.filtered(lambda r, p=period: r.period_id == p)
            groups = Line._read_group(
                [
                    ("order_id.state", "=", "purchase"),
                    ("order_id.partner_id", "child_of", reports.partner_id.ids),
                    ("synergy_esg_date", ">=", period.date_start),
                    ("synergy_esg_date", "<=", period.date_end),
                    ("company_id", "in", reports.company_id.ids),
                ],
                ["partner_id"],
                ["synergy_esg_spend:sum"],
            )
            by_partner = {}
            for partner, total in groups:
                commercial = partner.commercial_partner_id
                by_partner[commercial] = by_partner.get(commercial, 0.0) + total
            for report in reports:
                result[report.id] = by_partner.get(report.partner_id, 0.0) / 1000.0
        return result

    def _esg_rate(self, spend_thousands):
        """Rating band, compliance and history at validation; the supplier's current rating."""
        self.ensure_one()
        company = self.company_id
        themes, overall = self._esg_scores()
        band = scoring.rating(overall, themes, company._synergy_esg_bands())
        compliant = scoring.compliant(
            overall,
            themes,
            company.synergy_esg_compliance_threshold,
            company.synergy_esg_compliance_theme_min,
        )
        today = fields.Date.context_today(self)
        valid_until = fields.Date.add(today, months=company.synergy_esg_rating_validity_months)
        rating = (
            self.env["synergy.esg.rating"]
            .sudo()
            .create(
                {
                    "partner_id": self.partner_id.id,
                    "report_id": self.id,
                    "company_id": company.id,
                    "date": today,
                    "valid_until": valid_until,
                    "score": overall or 0.0,
                    "rating": band or False,
                    "compliant": compliant,
                    **{field: themes.get(theme, 0.0) for theme, field in THEME_FIELDS.items()},
                }
            )
        )
        self.sudo().write(
            {
                "rating": band or False,
                "rating_id": rating.id,
                "compliant": compliant,
                "spend_thousands": spend_thousands,
            }
        )
        self.partner_id.sudo().write(
            {
                "synergy_esg_score": overall or 0.0,
                "synergy_esg_rating": band or False,
                "synergy_esg_valid_until": valid_until,
                "synergy_esg_rating_date": today,
            }
        )
        self.message_post(
            body=self.env._(
                "Validated: overall score %(score).1f, rating %(rating)s, valid until %(until)s.",
                score=overall or 0.0,
                rating=band or "-",
                until=valid_until,
            ),
            subtype_xmlid="mail.mt_comment",
        )
        return rating

    def _esg_check_deviations(self):
        """Deviation detection (perf_synergy's engine) on each supplier's series of validated
        reports: overall score (higher is better) and emissions (lower is better). A deviation
        is noted on the report and routed to the buyer as an activity."""
        partners = self.partner_id
        history = self.search(
            [("partner_id", "in", partners.ids), ("state", "=", "validated")],
            order="period_date_end, id",
        )
        for report in self:
            previous = history.filtered(
                lambda r, rep=report: (
                    r.partner_id == rep.partner_id and r.period_date_end < rep.period_date_end
                )
            )
            found = []
            for label, field_name, direction in (
                (self.env._("Overall score"), "score_overall", "higher_better"),
                (self.env._("Emissions (tCO2e)"), "emissions_total_t", "lower_better"),
            ):
                verdict = detect(previous.mapped(field_name), report[field_name], direction)
                if verdict.alert:
                    found.append(
                        self.env._(
                            "%(what)s %(value).2f outside the expected range %(low).2f - "
                            "%(high).2f (%(reasons)s)",
                            what=label,
                            value=report[field_name],
                            low=verdict.expected_low or 0.0,
                            high=verdict.expected_high or 0.0,
                            reasons=", ".join(verdict.reasons),
                        )
                    )
            if not found:
                continue
            summary = "\n".join(found)
            report.sudo().write({"has_deviation": True, "deviation_summary": summary})
            buyer = report.buyer_id or report.campaign_id.user_id
            if buyer:
                report.sudo().activity_schedule(
                    "mail.mail_activity_data_warning",
                    user_id=buyer.id,
                    summary=self.env._("ESG deviation: %s", report.partner_id.name),
                    note=summary,
                )

    def _esg_portal_partners(self):
        """The supplier's contacts with a portal (or internal) user."""
        self.ensure_one()
        contacts = (
            self.env["res.partner"]
            .sudo()
            .search([("commercial_partner_id", "=", self.partner_id.id), ("user_ids", "!=", False)])
        )
        return contacts

    def _esg_send_invitation(self):
        """Mail the supplier's portal users the invitation with the link of their report and
        make them followers, so that they receive the feedback too."""
        template = self.env.ref("perf_synergy_esg.mail_template_esg_invitation")
        for report in self:
            partners = report._esg_portal_partners()
            if not partners:
                report.message_post(
                    body=self.env._(
                        "No portal user for %s yet: grant portal access to a contact of the "
                        "supplier (Contacts > Action > Grant portal access), then invite again.",
                        report.partner_id.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            report.message_subscribe(partner_ids=partners.ids)
            report.message_post_with_source(
                template,
                subtype_xmlid="mail.mt_comment",
                partner_ids=partners.ids,
            )

    @user_action(ESG_USER)
    def action_view_rating(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "synergy.esg.rating",
            "view_mode": "form",
            "res_id": self.rating_id.id,
        }
