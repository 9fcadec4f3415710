from odoo import api, fields, models


class PurchaseOrder(models.Model):
    _inherit = "purchase.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        # An order imported or created through the API already confirmed.
        orders.filtered(lambda o: o.state == "purchase")._synergy_esg_snapshot()
        return orders

    def write(self, vals):
        # Every path into the confirmed state writes it: button_confirm and the two-step
        # approval (button_approve), an import or an API write of the state.
        entering = (
            self.filtered(lambda o: o.state != "purchase")
            if vals.get("state") == "purchase"
            else self.browse()
        )
        result = super().write(vals)
        entering._synergy_esg_snapshot()
        return result

    def _synergy_esg_snapshot(self):
        """Freeze, at confirmation, each line's spend in company currency and whether the
        supplier was green (a valid ESG rating at or above the company's threshold). The green
        procurement ratio reads these stored values: a later rating does not rewrite the past,
        and the measure stays one grouped query."""
        Line = self.env["purchase.order.line"].sudo()
        green_lines = not_green_lines = Line
        for order in self:
            on_date = fields.Date.to_date(order.date_approve) or fields.Date.context_today(self)
            green = bool(order.partner_id._synergy_esg_green(order.company_id, on_date))
            lines = order.order_line.filtered(lambda ln: not ln.display_type).sudo()
            for line in lines:
                rate = order.currency_rate or 1.0
                line.synergy_esg_spend = line.price_subtotal / rate
                line.synergy_esg_date = on_date
            if green:
                green_lines |= lines
            else:
                not_green_lines |= lines
        green_lines.write({"synergy_esg_green": True})
        not_green_lines.write({"synergy_esg_green": False})
