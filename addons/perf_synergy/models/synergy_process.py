from odoo import api, fields, models

from ..tools.write_policy import OFFICER, Allow

HEALTH = [("green", "Green"), ("amber", "Amber"), ("red", "Red"), ("unknown", "No Data")]
HEALTH_ORDER = {"unknown": 0, "green": 1, "amber": 2, "red": 3}


class SynergyProcess(models.Model):
    """An end-to-end process (order-to-cash, lead-to-revenue...) followed across departments."""

    _name = "synergy.process"
    _description = "End-to-end Process"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "name": Allow(OFFICER),
        "code": Allow(OFFICER),
        "sequence": Allow(OFFICER),
        "description": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "node_ids": Allow(OFFICER),
        "active": Allow(OFFICER),
    }
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char()
    sequence = fields.Integer(default=10)
    description = fields.Text(translate=True)
    company_id = fields.Many2one("res.company", index=True, default=lambda self: self.env.company)
    node_ids = fields.One2many("synergy.process.node", "process_id", string="Steps", copy=True)
    health = fields.Selection(
        selection=HEALTH,
        compute="_compute_health",
        help="The worst health of the process's steps.",
    )
    active = fields.Boolean(default=True)

    @api.depends("node_ids.health")
    def _compute_health(self):
        for process in self:
            healths = process.node_ids.mapped("health") or ["unknown"]
            process.health = max(healths, key=HEALTH_ORDER.get)
