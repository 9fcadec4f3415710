from odoo import api, models

from ..tools.write_policy import (
    EMPLOYEE,
    OFFICER,
    check_action_groups,
    is_trusted,
    trusted_writes,
    user_action,
)


def review_admin_action(method):
    """OCA's ``request_validation``/``restart_validation`` on a product record: inside the
    product's own actions (which checked their actor) as they are; called directly (buttons,
    RPC), for the model's ``_synergy_review_groups`` only."""

    def guarded(self, *args, **kwargs):
        if not is_trusted():
            check_action_groups(self, method.__name__, self._synergy_review_groups)
        with trusted_writes():
            return method(self, *args, **kwargs)

    guarded.__name__ = method.__name__
    guarded.__doc__ = method.__doc__
    guarded._synergy_review_action = True
    return guarded


class SynergyTierValidation(models.AbstractModel):
    """OCA's tier validation on the product's records (policies, behaviour records, bonus
    pools, ESG reports). OCA lets every user write any review; here a record's reviews change
    only inside these actions (``tier.review`` refuses other writes), which decide only the
    acting reviewer's pending reviews (OCA's filter), and requesting or restarting reviews
    directly is for ``_synergy_review_groups``."""

    _name = "synergy.tier.validation"
    _description = "Synergy Tier Validation"
    _inherit = ["tier.validation"]
    # Who may request or restart the reviews of a record by hand (buttons, RPC).
    _synergy_review_groups = (OFFICER,)

    @user_action(EMPLOYEE)
    def validate_tier(self):
        return super().validate_tier()

    @user_action(EMPLOYEE)
    def reject_tier(self):
        return super().reject_tier()

    @review_admin_action
    def request_validation(self):
        return super().request_validation()

    @review_admin_action
    def restart_validation(self):
        return super().restart_validation()

    @api.private
    def evaluate_tier(self, tier):
        return super().evaluate_tier(tier)

    # Reached from validate_tier/reject_tier and from the review comment's wizard.
    def _validate_tier(self, tiers=False):
        with trusted_writes():
            return super()._validate_tier(tiers)

    def _rejected_tier(self, tiers=False):
        with trusted_writes():
            return super()._rejected_tier(tiers)

    def _add_tier_validation_buttons(self, node, params):
        # Request and Restart shown to those who may use them.
        buttons = super()._add_tier_validation_buttons(node, params)
        groups = ",".join(self._synergy_review_groups)
        for button in buttons.iter("button"):
            if button.get("name") in ("request_validation", "restart_validation"):
                button.set("groups", groups)
        return buttons
