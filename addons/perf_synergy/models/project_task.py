from odoo import api, fields, models

CLOSED_STATES = ("1_done",)


class ProjectTask(models.Model):
    _inherit = "project.task"

    # Stored so that measures can count on-time completion with one grouped query.
    synergy_closed_date = fields.Datetime(
        string="Closed On", compute="_compute_synergy_closed_date", store=True, copy=False
    )
    synergy_on_time = fields.Boolean(
        string="Closed On Time", compute="_compute_synergy_on_time", store=True
    )

    @api.depends("state")
    def _compute_synergy_closed_date(self):
        now = fields.Datetime.now()
        for task in self:
            if task.state in CLOSED_STATES:
                task.synergy_closed_date = task.synergy_closed_date or now
            else:
                task.synergy_closed_date = False

    @api.depends("synergy_closed_date", "date_deadline")
    def _compute_synergy_on_time(self):
        for task in self:
            task.synergy_on_time = bool(
                task.synergy_closed_date
                and (not task.date_deadline or task.synergy_closed_date <= task.date_deadline)
            )
