from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import ESG_MANAGER, Allow, user_action
from odoo.exceptions import UserError


class SynergyEsgRating(models.Model):
    """A supplier's ESG rating given when a report is validated: the history of the supplier's
    scores; the latest one is the current rating on the partner.

    The history is append-only (DESIGN 10): nobody but the superuser edits or deletes an entry;
    an error is corrected by a new entry that names the entry it corrects."""

    _name = "synergy.esg.rating"
    _description = "Supplier ESG Rating"
    _inherit = ["synergy.policy.mixin"]
    # Append-only: a correction is a new entry; nothing is written after creation.
    _write_policy = {
        name: Allow(ESG_MANAGER, create_only=True)
        for name in (
            "corrects_id",
            "note",
            # copied from the corrected entry by create()
            "partner_id",
            "company_id",
            "report_id",
            "date",
            "valid_until",
            "score",
            "rating",
            "compliant",
            "score_environment",
            "score_labor_human_rights",
            "score_ethics",
            "score_sustainable_procurement",
        )
    }
    _order = "date desc, id desc"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner", string="Supplier", required=True, index=True, ondelete="cascade"
    )
    report_id = fields.Many2one("synergy.esg.report", index=True, ondelete="set null")
    period_id = fields.Many2one(related="report_id.period_id", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    valid_until = fields.Date(required=True)
    score = fields.Float(string="Overall Score", digits=(5, 1), aggregator="avg")
    rating = fields.Char()
    compliant = fields.Boolean()
    score_environment = fields.Float(digits=(5, 1), aggregator="avg")
    score_labor_human_rights = fields.Float(
        string="Score Labour & Human Rights", digits=(5, 1), aggregator="avg"
    )
    score_ethics = fields.Float(digits=(5, 1), aggregator="avg")
    score_sustainable_procurement = fields.Float(digits=(5, 1), aggregator="avg")
    is_valid = fields.Boolean(string="Valid Today", compute="_compute_is_valid")
    corrects_id = fields.Many2one(
        "synergy.esg.rating",
        index=True,
        ondelete="restrict",
        check_company=True,
        help="The earlier entry this one corrects; the earlier entry stays in the history.",
    )
    correction_ids = fields.One2many("synergy.esg.rating", "corrects_id", string="Corrected By")
    is_corrected = fields.Boolean(string="Corrected", compute="_compute_is_corrected")
    note = fields.Text(string="Correction Reason")

    def _compute_is_valid(self):
        today = fields.Date.context_today(self)
        for rating in self:
            rating.is_valid = rating.valid_until >= today

    @api.depends("correction_ids")
    def _compute_is_corrected(self):
        for rating in self:
            rating.is_corrected = bool(rating.correction_ids)

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            vals_list = [self._add_missing_default_values(vals) for vals in vals_list]
            for vals in vals_list:
                if not vals.get("corrects_id") or not (vals.get("note") or "").strip():
                    raise UserError(
                        self.env._(
                            "Ratings are given by validating an ESG report. To fix a rating, "
                            "record a correction: name the entry it corrects and say why."
                        )
                    )
                corrected = self.browse(vals["corrects_id"])
                # A correction is about the same supplier, company and report as what it fixes.
                vals.update(
                    partner_id=corrected.partner_id.id,
                    company_id=corrected.company_id.id,
                    report_id=corrected.report_id.id,
                )
        ratings = super().create(vals_list)
        ratings.filtered("corrects_id")._esg_apply_corrections()
        return ratings

    def _esg_apply_corrections(self):
        """A correction of the supplier's current rating becomes its current rating."""
        for rating in self:
            latest = self.sudo().search(
                [
                    ("partner_id", "=", rating.partner_id.id),
                    ("company_id", "=", rating.company_id.id),
                    ("corrects_id", "=", False),
                ],
                limit=1,
            )
            original = rating.corrects_id
            while original.corrects_id:
                original = original.corrects_id
            if latest != original:
                continue
            rating.partner_id.sudo().write(
                {
                    "synergy_esg_score": rating.score,
                    "synergy_esg_rating": rating.rating,
                    "synergy_esg_valid_until": rating.valid_until,
                    "synergy_esg_rating_date": rating.date,
                }
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        self._esg_check_append_only()

    def _esg_check_append_only(self):
        if self and not self.env.su:
            raise UserError(
                self.env._(
                    "The ESG rating history cannot be changed or deleted (%s). Record a "
                    "correction instead: Record a Correction on the entry to fix.",
                    ", ".join(f"{r.partner_id.name} {r.date}" for r in self),
                )
            )

    @user_action(ESG_MANAGER)
    def action_record_correction(self):
        """A new entry correcting this one, prefilled with its values."""
        self.ensure_one()
        defaults = {
            f"default_{name}": self[name]
            for name in (
                "score",
                "rating",
                "compliant",
                "score_environment",
                "score_labor_human_rights",
                "score_ethics",
                "score_sustainable_procurement",
            )
        }
        view = self.env.ref("perf_synergy_esg.synergy_esg_rating_view_form_correction")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Correct ESG Rating"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(view.id, "form")],
            "target": "new",
            "context": {
                **defaults,
                "default_corrects_id": self.id,
                "default_partner_id": self.partner_id.id,
                "default_company_id": self.company_id.id,
                "default_valid_until": self.valid_until,
            },
        }
