from odoo import api, fields, models

from ..tools.write_policy import USER, user_action

EVENT_TYPES = [
    ("request_raised", "Request Raised"),
    ("request_answered", "Request Answered"),
    ("request_delivered", "Request Delivered"),
    ("request_accepted", "Request Accepted"),
    ("request_reopened", "Request Reopened"),
    ("raci_consulted", "RACI Consultation Requested"),
    ("evaluation_given", "Evaluation Given"),
    ("meeting_attended", "Meeting Attended"),
]


class SynergyEvent(models.Model):
    """The granular behaviour log (绩效颗粒化): who did what for whom and when. Written by the
    product itself, never typed by hand; measures read it like any other model."""

    _name = "synergy.event"
    _description = "Collaboration Event"
    _inherit = ["synergy.policy.mixin"]
    _order = "date desc, id desc"
    _check_company_auto = True

    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    event_type = fields.Selection(selection=EVENT_TYPES, required=True, index=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    user_id = fields.Many2one("res.users", string="Who", index=True)
    department_id = fields.Many2one(
        "hr.department", string="Acting Department", index=True, check_company=True
    )
    partner_department_id = fields.Many2one(
        "hr.department", string="For Department", index=True, check_company=True
    )
    res_model = fields.Char(string="Document Model", index=True)
    res_id = fields.Integer(string="Document ID", aggregator=None)
    hours = fields.Float(help="Duration measured by the event, e.g. working hours to respond.")
    on_time = fields.Boolean()
    rating = fields.Integer(help="1-5 rating given with the event, if any.", aggregator="avg")
    description = fields.Char()

    @api.model
    def _log(self, records, event_type, **values):
        """Write one event per record in one batch; ``values`` may be callables of the record."""
        vals_list = []
        for record in records:
            vals = {
                "event_type": event_type,
                "res_model": record._name,
                "res_id": record.id,
                "company_id": record.company_id.id
                if "company_id" in record._fields
                else self.env.company.id,
                "user_id": self.env.user.id,
            }
            for key, value in values.items():
                vals[key] = value(record) if callable(value) else value
            vals_list.append(vals)
        return self.sudo().create(vals_list)

    @user_action(USER)
    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
