from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.write_policy import OFFICER, Allow

GRADE_SELECTION = [("S", "S"), ("A", "A"), ("B", "B"), ("C", "C"), ("D", "D")]


class SynergyCalibrationLine(models.Model):
    """One result in a calibration session: its score and grade, the calibrated grade and the
    reason of any change. Every change is logged in the session's chatter."""

    _name = "synergy.calibration.line"
    _description = "Calibration Line"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "calibration_id.state"
    _lock_states = ("done",)
    _write_policy = {
        "calibration_id": Allow(OFFICER, states=("draft", "in_progress")),
        "scorecard_id": Allow(OFFICER, states=("draft", "in_progress")),
        "calibrated_grade": Allow(OFFICER, states=("draft", "in_progress")),
        "reason": Allow(OFFICER, states=("draft", "in_progress")),
    }
    _order = "calibration_id, final_score desc, id"
    _check_company_auto = True

    calibration_id = fields.Many2one(
        "synergy.calibration",
        string="Calibration Session",
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="calibration_id.company_id", store=True, index=True)
    state = fields.Selection(related="calibration_id.state")
    scorecard_id = fields.Many2one(
        "synergy.scorecard", required=True, index=True, ondelete="cascade", check_company=True
    )
    owner_name = fields.Char(related="scorecard_id.owner_name", string="Owner")
    department_id = fields.Many2one(related="scorecard_id.department_id", store=True, index=True)
    employee_id = fields.Many2one(related="scorecard_id.employee_id", store=True)
    final_score = fields.Float(
        related="scorecard_id.final_score",
        store=True,
        groups="perf_synergy.group_synergy_officer,perf_synergy.group_synergy_committee",
    )
    original_grade = fields.Char(readonly=True, help="Grade of the final score when loaded.")
    calibrated_grade = fields.Selection(selection=GRADE_SELECTION, required=True)
    reason = fields.Text(help="Why the grade changes; required for every adjustment.")
    changed = fields.Boolean(compute="_compute_changed", store=True)

    _unique_scorecard = models.UniqueIndex(
        "(calibration_id, scorecard_id)", "A result appears only once in a calibration session."
    )

    @api.depends("calibration_id.name", "owner_name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = f"{line.calibration_id.name} - {line.owner_name or ''}"

    @api.depends("original_grade", "calibrated_grade")
    def _compute_changed(self):
        for line in self:
            line.changed = bool(line.calibrated_grade) and (
                line.calibrated_grade != line.original_grade
            )

    @api.constrains("calibrated_grade", "reason")
    def _check_reason(self):
        for line in self:
            if line.changed and not (line.reason or "").strip():
                raise ValidationError(
                    self.env._(
                        "%(owner)s moves from grade %(original)s to %(calibrated)s: give the "
                        "reason of the adjustment.",
                        owner=line.owner_name,
                        original=line.original_grade or "-",
                        calibrated=line.calibrated_grade,
                    )
                )

    def _adjustment_text(self):
        self.ensure_one()
        return self.env._(
            "%(owner)s: %(original)s → %(calibrated)s (score %(score)s). Reason: %(reason)s",
            owner=self.owner_name,
            original=self.original_grade or "-",
            calibrated=self.calibrated_grade,
            score=f"{self.sudo().final_score:.1f}",
            reason=self.reason or "-",
        )

    def _synergy_lock_hint(self):
        return self.env._("Its calibration session is done: its grades can no longer change.")

    def write(self, vals):
        before = {line.id: line.calibrated_grade for line in self}
        result = super().write(vals)
        if "calibrated_grade" in vals:
            for line in self.filtered(lambda rec: rec.calibrated_grade != before[rec.id]):
                line.calibration_id.message_post(body=line._log_text(before[line.id]))
        return result

    def _log_text(self, previous):
        self.ensure_one()
        return self.env._(
            "Grade of %(owner)s changed from %(previous)s to %(calibrated)s (original "
            "%(original)s). Reason: %(reason)s",
            owner=self.owner_name,
            previous=previous or "-",
            calibrated=self.calibrated_grade,
            original=self.original_grade or "-",
            reason=self.reason or "-",
        )
