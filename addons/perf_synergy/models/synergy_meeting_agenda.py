from odoo import fields, models

from ..tools.write_policy import COMMITTEE, OFFICER, Allow, user_action


class SynergyMeetingAgenda(models.Model):
    _name = "synergy.meeting.agenda"
    _description = "Meeting Agenda Item"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "meeting_id.state"
    _write_policy = {
        "meeting_id": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "sequence": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "category": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "severity": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "name": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "res_model": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "res_id": Allow(COMMITTEE, OFFICER, states=("planned",)),
        "discussion": Allow(COMMITTEE, OFFICER, states=("planned", "done")),
    }
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one("synergy.meeting", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="meeting_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    category = fields.Selection(
        selection=[
            ("kpi", "KPI Off Track"),
            ("alert", "Open Alert"),
            ("interlock", "Interlock Under Floor"),
            ("campaign", "Evaluation Outliers"),
            ("retrospective", "Retrospective Due"),
            ("action", "Open Action Item"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    severity = fields.Selection(selection=[("low", "Low"), ("medium", "Medium"), ("high", "High")])
    name = fields.Char(required=True)
    res_model = fields.Char()
    res_id = fields.Integer(aggregator=None)
    generated = fields.Boolean(readonly=True)
    discussion = fields.Text()

    @user_action(COMMITTEE, OFFICER)
    def action_open_source(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }
