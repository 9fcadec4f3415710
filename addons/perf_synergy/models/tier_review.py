from odoo import api, models
from odoo.exceptions import AccessError

from ..tools.write_policy import is_trusted


class TierReview(models.Model):
    """OCA's review of a record under tier validation. OCA lets every internal user create,
    write and delete reviews; those of the product's records change only inside the product's
    review actions (``synergy.tier.validation``), which check who acts."""

    _inherit = "tier.review"

    @api.model_create_multi
    def create(self, vals_list):
        self._synergy_check_review_change({vals.get("model") for vals in vals_list})
        return super().create(vals_list)

    def write(self, vals):
        self._synergy_check_review_change(set(self.mapped("model")))
        return super().write(vals)

    def unlink(self):
        self._synergy_check_review_change(set(self.mapped("model")))
        return super().unlink()

    def _synergy_check_review_change(self, model_names):
        if self.env.su or is_trusted():
            return
        mixin = self.env.registry["synergy.tier.validation"]
        ours = sorted(
            name for name in model_names if name in self.env and isinstance(self.env[name], mixin)
        )
        if ours:
            raise AccessError(
                self.env._(
                    "The reviews of %s change only through the record's Validate, Reject, "
                    "Request Validation and Restart Validation buttons, by the users they are "
                    "for.",
                    ", ".join(self.env[name]._description for name in ours),
                )
            )
