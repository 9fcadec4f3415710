from odoo import api, fields, models

from ..tools.write_policy import OFFICER, Allow
from .synergy_process import HEALTH


class SynergyProcessNode(models.Model):
    """A step of a process: its KPIs, the responsible department and its collaborators. Its
    health comes from the scores of its KPIs for the responsible department in the current
    period, and turns red on an open high-severity alert."""

    _name = "synergy.process.node"
    _description = "Process Step"
    # Copied for every company: copies take the shipped records' terms (tools/shipped_copies).
    _synergy_copy_translated = ("name",)
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "process_id": Allow(OFFICER),
        "sequence": Allow(OFFICER),
        "name": Allow(OFFICER),
        "department_id": Allow(OFFICER),
        "collaborator_ids": Allow(OFFICER),
        "kpi_ids": Allow(OFFICER),
        "green_from": Allow(OFFICER),
        "amber_from": Allow(OFFICER),
    }
    _order = "process_id, sequence, id"
    _check_company_auto = True

    process_id = fields.Many2one("synergy.process", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="process_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    # The step's company's own departments and KPIs (each company has its own copy of a process).
    department_id = fields.Many2one(
        "hr.department", string="Responsible Department", check_company=True
    )
    collaborator_ids = fields.Many2many(
        "hr.department", string="Collaborating Departments", check_company=True
    )
    kpi_ids = fields.Many2many("synergy.kpi", string="KPIs", check_company=True)
    green_from = fields.Float(
        default=90.0, help="Average score from which the step is green.", aggregator=None
    )
    amber_from = fields.Float(
        default=70.0, help="Average score from which the step is amber.", aggregator=None
    )
    score = fields.Float(compute="_compute_health", help="Average score of the step's KPI lines.")
    health = fields.Selection(selection=HEALTH, compute="_compute_health")
    open_alert_count = fields.Integer(compute="_compute_health")

    @api.depends("kpi_ids", "department_id", "green_from", "amber_from")
    def _compute_health(self):
        today = fields.Date.context_today(self)
        lines = (
            self.env["synergy.scorecard.line"]
            .sudo()
            .search(
                [
                    ("kpi_id", "in", self.kpi_ids.ids),
                    ("department_id", "in", self.department_id.ids),
                    ("owner_level", "=", "department"),
                    ("period_id.date_start", "<=", today),
                    ("period_id.date_end", ">=", today),
                    ("has_actual", "=", True),
                ]
            )
        )
        alerts = (
            self.env["synergy.alert"]
            .sudo()
            .search([("kpi_id", "in", self.kpi_ids.ids), ("state", "!=", "resolved")])
        )
        for node in self:
            mine = lines.filtered(
                lambda line, n=node: (
                    line.kpi_id in n.kpi_ids and line.department_id == n.department_id
                )
            )
            node_alerts = alerts.filtered(lambda a, n=node: a.kpi_id in n.kpi_ids)
            node.open_alert_count = len(node_alerts)
            node.score = sum(mine.mapped("score")) / len(mine) if mine else 0.0
            if node_alerts.filtered(lambda a: a.severity == "high"):
                node.health = "red"
            elif not mine:
                node.health = "unknown"
            elif node.score >= node.green_from:
                node.health = "green"
            elif node.score >= node.amber_from:
                node.health = "amber"
            else:
                node.health = "red"
