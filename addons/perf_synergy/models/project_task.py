from odoo import api, fields, models

from ..tools.write_policy import OFFICER, Allow

CLOSED_STATES = ("1_done",)


class ProjectTask(models.Model):
    _name = "project.task"
    _inherit = ["project.task", "synergy.policy.mixin"]
    _write_policy = {
        "synergy_raci_task_ids": Allow(OFFICER),
    }

    # Stored so that measures can count on-time completion with one grouped query.
    synergy_closed_date = fields.Datetime(
        string="Closed On", compute="_compute_synergy_closed_date", store=True, copy=False
    )
    synergy_on_time = fields.Boolean(
        string="Closed On Time", compute="_compute_synergy_on_time", store=True
    )
    synergy_raci_task_ids = fields.One2many(
        "synergy.raci.task", "project_task_id", string="RACI Steps"
    )
    synergy_raci_assignment_ids = fields.Many2many(
        "synergy.raci.assignment",
        string="RACI Roles",
        compute="_compute_synergy_raci",
    )
    synergy_my_raci_role = fields.Char(
        string="My RACI Role",
        compute="_compute_synergy_raci",
        help="Your role on this task from its RACI matrix: Responsible, Accountable, "
        "Consulted or Informed.",
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

    @api.depends_context("uid")
    @api.depends("synergy_raci_task_ids.assignment_ids.role")
    def _compute_synergy_raci(self):
        labels = dict(
            self.env["synergy.raci.assignment"]._fields["role"]._description_selection(self.env)
        )
        for task in self:
            assignments = task.synergy_raci_task_ids.assignment_ids.filtered("role")
            task.synergy_raci_assignment_ids = assignments
            mine = assignments.filtered(lambda a: a.user_id == self.env.user)
            task.synergy_my_raci_role = ", ".join(sorted({labels[a.role] for a in mine})) or False

    def write(self, vals):
        result = super().write(vals)
        if "stage_id" in vals:
            self._synergy_notify_raci_stage_change()
        return result

    def _synergy_notify_raci_stage_change(self):
        """I is told of the new stage; C gets an activity when the stage asks for consultation."""
        for task in self.filtered("synergy_raci_task_ids"):
            assignments = task.sudo().synergy_raci_task_ids.assignment_ids
            informed = assignments.filtered(lambda a: a.role == "I").user_id
            if informed:
                task.message_post(
                    body=self.env._(
                        "Stage changed to %(stage)s (you are informed on this task by its RACI "
                        "matrix).",
                        stage=task.stage_id.name,
                    ),
                    partner_ids=informed.partner_id.ids,
                    subtype_xmlid="mail.mt_note",
                )
            if task.stage_id.synergy_consult:
                consulted = assignments.filtered(lambda a: a.role == "C")
                accountable = assignments.filtered(lambda a: a.role == "A")[:1]
                self.env["synergy.event"]._log(
                    consulted,
                    "raci_consulted",
                    department_id=lambda a: a.department_id.id,
                    partner_department_id=accountable.department_id.id,
                    description=task.name,
                )
                for user in consulted.user_id:
                    task.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=user.id,
                        summary=self.env._("Consultation requested (RACI: C)"),
                        note=self.env._(
                            "Task %(task)s entered stage %(stage)s, which asks for your advice.",
                            task=task.name,
                            stage=task.stage_id.name,
                        ),
                    )
