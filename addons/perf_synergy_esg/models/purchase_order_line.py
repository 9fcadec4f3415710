from odoo import fields, models


class PurchaseOrderLine(models.Model):
    _name = "purchase.order.line"
    # The ESG fields are set by the order's confirmation only (no entry in a write policy):
    # a purchase user cannot make a line green or change its spend over RPC or an import.
    _inherit = ["purchase.order.line", "synergy.policy.mixin"]

    synergy_esg_green = fields.Boolean(
        string="Green Purchase",
        readonly=True,
        copy=False,
        index=True,
        help="Set at confirmation: the supplier held a valid ESG rating at or above the green "
        "threshold.",
    )
    synergy_esg_spend = fields.Monetary(
        string="Spend (company currency)",
        currency_field="company_currency_id",
        readonly=True,
        copy=False,
        help="Subtotal in the company currency at confirmation (green procurement ratio).",
    )
    synergy_esg_date = fields.Date(
        string="ESG Confirmation Date",
        readonly=True,
        copy=False,
        index=True,
        help="Confirmation date used to place the spend in a period.",
    )
    company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Company Currency"
    )
