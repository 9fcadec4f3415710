from odoo import models
from odoo.exceptions import AccessError

from ..tools.write_policy import EMPLOYEE, user_action


class CommentWizard(models.TransientModel):
    """OCA's comment of a review (tiers asking for one). On a product record, the comment and
    the decision are those of the reviewer the record's pending reviews are assigned to."""

    _inherit = "comment.wizard"

    # Every internal user comments his reviews of other models as OCA allows.
    @user_action(EMPLOYEE)
    def add_comment(self):
        self.ensure_one()
        mixin = self.env.registry["synergy.tier.validation"]
        if self.res_model in self.env and isinstance(self.env[self.res_model], mixin):
            mine = self.review_ids.filtered(
                lambda review: (
                    review.model == self.res_model
                    and review.res_id == self.res_id
                    and review.status == "pending"
                    and self.env.user in review.reviewer_ids
                )
            )
            if not self.review_ids or mine != self.review_ids:
                raise AccessError(
                    self.env._(
                        "Only the reviewer a pending review of this record is assigned to may "
                        "comment and decide it."
                    )
                )
        return super().add_comment()
