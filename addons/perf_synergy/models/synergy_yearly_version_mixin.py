from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.write_policy import OFFICER, Allow, user_action


class SynergyYearlyVersionMixin(models.AbstractModel):
    """A company's policy for a year, changed by versions: draft -> approved (through tier
    validation) -> superseded when a later version is approved. History stays readable."""

    _name = "synergy.yearly.version.mixin"
    _description = "Yearly Versioned Policy"
    _inherit = [
        "synergy.policy.mixin",
        "mail.thread",
        "mail.activity.mixin",
        "synergy.tier.validation",
    ]
    _policy_state = "state"
    _lock_states = ("approved", "superseded")
    _unlink_states = ("draft",)
    _write_policy = {
        "name": Allow(OFFICER, states=("draft",)),
        "company_id": Allow(OFFICER, states=("draft",)),
        "year": Allow(OFFICER, states=("draft",)),
    }
    _order = "year desc, version desc"
    _check_company_auto = True

    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "superseded"
    _tier_validation_manual_config = False

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, default=lambda self: self.env.company
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.today().year, aggregator=None
    )
    version = fields.Integer(required=True, default=1, readonly=True, aggregator=None)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("approved", "Approved"), ("superseded", "Superseded")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )

    def _synergy_lock_hint(self):
        return self.env._("Use 'New Version' to change it.")

    @api.depends("name", "version", "year")
    def _compute_display_name(self):
        for record in self:
            # A new record has no name yet: its breadcrumb shows what it has, never "False".
            parts = (record.name, record.year and str(record.year), f"v{record.version}")
            record.display_name = " ".join(part for part in parts if part)

    def _same_policy_domain(self):
        self.ensure_one()
        return [("company_id", "=", self.company_id.id), ("year", "=", self.year)]

    @api.model
    def _get_for(self, company, year):
        """The approved version of ``company`` for ``year`` (the latest), or an empty set."""
        return self.search(
            [("company_id", "=", company.id), ("year", "=", year), ("state", "=", "approved")],
            order="version desc",
            limit=1,
        )

    def _check_can_approve(self):
        """Hook: raise when a draft is not ready to be approved."""
        for record in self:
            if record.state != "draft":
                raise UserError(
                    self.env._("Only a draft can be approved: %s is not.", record.display_name)
                )

    @user_action(OFFICER, unlocks=True)
    def action_approve(self):
        """Approve drafts (tier validation checks the reviews); older versions are superseded."""
        self._check_can_approve()
        self.write({"state": "approved"})
        for record in self:
            self.search(
                [
                    *record._same_policy_domain(),
                    ("state", "=", "approved"),
                    ("version", "<", record.version),
                ]
            ).write({"state": "superseded"})
        return True

    def _new_version_values(self):
        """Hook: values of the draft copy besides its version number."""
        return {}

    @user_action(OFFICER)
    def action_new_version(self):
        """Start the next version as a draft copy; this one stays as it is."""
        self.ensure_one()
        latest = self.search(self._same_policy_domain(), order="version desc", limit=1)
        new = self.copy({"version": latest.version + 1, **self._new_version_values()})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new.id,
            "view_mode": "form",
        }

    def _previous_version(self):
        self.ensure_one()
        return self.search(
            [*self._same_policy_domain(), ("version", "<", self.version)],
            order="version desc",
            limit=1,
        )

    @user_action(OFFICER)
    def action_compare_previous(self):
        return self.env["synergy.version.diff"]._open(self._previous_version(), self)
