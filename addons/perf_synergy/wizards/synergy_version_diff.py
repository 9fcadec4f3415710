from odoo import api, fields, models
from odoo.exceptions import UserError

from ..engine.versions import diff
from ..tools.write_policy import OFFICER, Allow


def _value_kind(before, after):
    """How the widget formats the two values of a change: a float with digits, an integer as
    it is (a year has no thousands separator), a boolean as yes/no, anything else as text (an
    empty text reads False in a snapshot: text wins over boolean)."""
    values = [value for value in (before, after) if value is not None]
    if any(isinstance(value, str) for value in values):
        return "text"
    if all(isinstance(value, bool) for value in values):
        return "boolean"
    if any(isinstance(value, float) for value in values):
        return "float"
    if all(isinstance(value, int) for value in values):
        return "integer"
    return "text"


def _plain(value):
    """A snapshot's value as JSON: numbers, booleans and texts as they are, anything else as
    its text; None (absent from a version) as False."""
    if value is None:
        return False
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


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
    # Drawn by the synergy_version_diff widget.
    changes = fields.Json(compute="_compute_diff")

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
            wizard.changes = {
                "old_name": old.display_name,
                "new_name": new.display_name,
                "rows": [
                    {
                        "label": label,
                        "kind": _value_kind(before, after),
                        "before": _plain(before),
                        "after": _plain(after),
                        "before_set": before is not None,
                        "after_set": after is not None,
                    }
                    for label, before, after in changes
                ],
            }
