from markupsafe import Markup, escape

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine.versions import diff
from ..tools.write_policy import OFFICER, Allow


class SynergyVersionDiff(models.TransientModel):
    """What changed, field by field, between two versions of a policy scheme, a linkage matrix
    or an interlocked KPI."""

    _name = "synergy.version.diff"
    _description = "Compare Policy Versions"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "res_model": Allow(OFFICER),
        "old_id": Allow(OFFICER),
        "new_id": Allow(OFFICER),
    }

    res_model = fields.Selection(
        selection=[
            ("synergy.scheme", "Policy Scheme"),
            ("synergy.linkage.matrix", "Linkage Matrix"),
            ("synergy.interlock", "Interlocked KPI"),
        ],
        required=True,
    )
    old_id = fields.Integer(required=True, aggregator=None)
    new_id = fields.Integer(required=True, aggregator=None)
    old_name = fields.Char(compute="_compute_diff")
    new_name = fields.Char(compute="_compute_diff")
    change_count = fields.Integer(compute="_compute_diff")
    diff_html = fields.Html(string="Changes", compute="_compute_diff", sanitize=False)

    @api.model
    def _open(self, old, new):
        if not old:
            raise UserError(
                self.env._("%s has no previous version to compare with.", new.display_name)
            )
        wizard = self.create({"res_model": new._name, "old_id": old.id, "new_id": new.id})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Changes from %(old)s to %(new)s", old=old.display_name, new=new.display_name
            ),
            "res_model": self._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "target": "new",
        }

    def _changes(self):
        self.ensure_one()
        model = self.env[self.res_model]
        old, new = model.browse(self.old_id), model.browse(self.new_id)
        return old, new, diff(old._version_snapshot(), new._version_snapshot())

    @api.depends("res_model", "old_id", "new_id")
    def _compute_diff(self):
        for wizard in self:
            old, new, changes = wizard._changes()
            wizard.old_name = old.display_name
            wizard.new_name = new.display_name
            wizard.change_count = len(changes)
            rows = Markup("").join(
                Markup("<tr><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (label, "-" if before is None else before, "-" if after is None else after)
                for label, before, after in changes
            )
            header = Markup("<tr><th>%s</th><th>%s</th><th>%s</th></tr>") % (
                self.env._("Field"),
                old.display_name,
                new.display_name,
            )
            wizard.diff_html = (
                Markup("<table class='table table-sm'>%s%s</table>") % (header, rows)
                if changes
                else escape(self.env._("No difference."))
            )
