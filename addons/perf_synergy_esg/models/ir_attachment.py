from odoo import api, models
from odoo.exceptions import UserError

# Fields that are the evidence itself or tie it to its answer; the rest (access token for the
# download link, ...) stays writable.
EVIDENCE_FIELDS = {
    "raw",
    "datas",
    "db_datas",
    "store_fname",
    "url",
    "type",
    "name",
    "mimetype",
    "res_model",
    "res_id",
    "res_field",
}
ANSWER_MODEL = "synergy.esg.report.line"


class IrAttachment(models.Model):
    """The evidence of a submitted or validated ESG report is locked with its answers: nobody
    replaces, moves or deletes the file through the attachment itself."""

    _inherit = "ir.attachment"

    def _esg_check_evidence_unlocked(self):
        evidence = self.filtered(lambda att: att.res_model == ANSWER_MODEL and att.res_id)
        if not evidence:
            return
        lines = self.env[ANSWER_MODEL].sudo().browse(evidence.mapped("res_id")).exists()
        closed = lines.report_id.filtered(lambda r: r.state in ("submitted", "validated"))
        if closed:
            raise UserError(
                self.env._(
                    "The evidence of ESG report %s cannot change: the report is submitted or "
                    "validated. Reject it first to let the supplier replace a file.",
                    ", ".join(closed.mapped("name")),
                )
            )

    def write(self, vals):
        if not EVIDENCE_FIELDS & set(vals):
            return super().write(vals)
        self._esg_check_evidence_unlocked()
        result = super().write(vals)
        self._esg_check_evidence_unlocked()  # nor moved onto a locked answer
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked_evidence(self):
        self._esg_check_evidence_unlocked()
