from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.write_policy import MANAGER, Allow, user_action


class SynergyCascadeWizard(models.TransientModel):
    """Cascade a scorecard line: push it down as driver lines of chosen departments, jobs or
    employees (their scorecards of the same period are created when missing), or pull existing
    lines in as its drivers."""

    _name = "synergy.cascade.wizard"
    _description = "Cascade a KPI Line"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "line_id": Allow(MANAGER),
        "mode": Allow(MANAGER),
        "owner_level": Allow(MANAGER),
        "department_ids": Allow(MANAGER),
        "job_ids": Allow(MANAGER),
        "employee_ids": Allow(MANAGER),
        "kpi_id": Allow(MANAGER),
        "weight": Allow(MANAGER),
        "target": Allow(MANAGER),
        "floor": Allow(MANAGER),
        "floor_set": Allow(MANAGER),
        "stretch": Allow(MANAGER),
        "stretch_set": Allow(MANAGER),
        "is_synergy": Allow(MANAGER),
        "driver_line_ids": Allow(MANAGER),
    }

    line_id = fields.Many2one("synergy.scorecard.line", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="line_id.company_id")
    mode = fields.Selection(
        selection=[("push", "Push down to owners"), ("pull", "Link existing lines as drivers")],
        required=True,
        default="push",
    )
    owner_level = fields.Selection(
        selection=[
            ("department", "Departments"),
            ("job", "Job Positions"),
            ("employee", "Employees"),
        ],
        default="department",
    )
    department_ids = fields.Many2many("hr.department", check_company=True)
    job_ids = fields.Many2many("hr.job", check_company=True)
    employee_ids = fields.Many2many("hr.employee", check_company=True)
    kpi_id = fields.Many2one(
        "synergy.kpi",
        string="Driver KPI",
        compute="_compute_from_line",
        store=True,
        readonly=False,
        check_company=True,
        help="KPI of the driver lines: the same KPI, or one that drives it (value tree).",
    )
    weight = fields.Float(compute="_compute_from_line", store=True, readonly=False, aggregator=None)
    target = fields.Float(compute="_compute_from_line", store=True, readonly=False, aggregator=None)
    floor = fields.Float(compute="_compute_from_line", store=True, readonly=False, aggregator=None)
    stretch = fields.Float(
        compute="_compute_from_line", store=True, readonly=False, aggregator=None
    )
    # Empty is not 0 (tools/given.py): the driver lines inherit the flags with the numbers.
    floor_set = fields.Boolean(
        string="Floor Given", compute="_compute_from_line", store=True, readonly=False
    )
    stretch_set = fields.Boolean(
        string="Stretch Given", compute="_compute_from_line", store=True, readonly=False
    )
    is_synergy = fields.Boolean(compute="_compute_from_line", store=True, readonly=False)
    driver_line_ids = fields.Many2many(
        "synergy.scorecard.line",
        string="Driver Lines",
        domain="[('company_id', '=', company_id), ('id', '!=', line_id), "
        "('parent_line_id', '=', False)]",
    )

    @api.depends("line_id")
    def _compute_from_line(self):
        for wizard in self:
            line = wizard.line_id
            wizard.kpi_id = line.kpi_id
            wizard.weight = line.weight
            wizard.target = line.target
            wizard.floor = line.floor
            wizard.stretch = line.stretch
            wizard.floor_set = line.floor_set
            wizard.stretch_set = line.stretch_set
            wizard.is_synergy = line.is_synergy

    def _owners(self):
        field = {"department": "department_ids", "job": "job_ids", "employee": "employee_ids"}
        return self[field[self.owner_level]]

    @user_action(MANAGER)
    def action_apply(self):
        self.ensure_one()
        if self.line_id.state == "closed":
            raise UserError(self.env._("A line of a closed scorecard cannot be cascaded."))
        if self.mode == "pull":
            return self._pull()
        return self._push()

    def _pull(self):
        if not self.driver_line_ids:
            raise UserError(self.env._("Choose the existing lines that drive this line."))
        self.driver_line_ids.write({"parent_line_id": self.line_id.id})
        self.line_id._refresh_actuals()
        return self.line_id.action_view_value_tree()

    def _push(self):
        owners = self._owners()
        if not owners:
            raise UserError(
                self.env._("Choose at least one owner to push line %s to.", self.line_id.name)
            )
        line = self.line_id
        period = line.period_id
        level = self.owner_level
        owner_field = {"department": "department_id", "job": "job_id", "employee": "employee_id"}[
            level
        ]
        Scorecard = self.env["synergy.scorecard"]
        existing = Scorecard.search(
            [
                ("period_id", "=", period.id),
                ("owner_level", "=", level),
                (owner_field, "in", owners.ids),
            ]
        )
        card_by_owner = {card[owner_field]: card for card in existing}
        missing = owners.filtered(lambda owner: owner not in card_by_owner)
        new_cards = Scorecard.create(
            [
                {
                    "owner_level": level,
                    "company_id": line.company_id.id,
                    owner_field: owner.id,
                    "period_id": period.id,
                }
                for owner in missing
            ]
        )
        card_by_owner.update({card[owner_field]: card for card in new_cards})
        closed = [card for card in card_by_owner.values() if card.state != "draft"]
        if closed:
            raise UserError(
                self.env._(
                    "Scorecard %s is no longer a draft: reset it to draft before adding lines.",
                    closed[0].name,
                )
            )
        new_lines = self.env["synergy.scorecard.line"].create(
            [
                {
                    "scorecard_id": card_by_owner[owner].id,
                    "kpi_id": self.kpi_id.id,
                    "weight": self.weight,
                    "target": self.target,
                    "floor": self.floor,
                    "floor_set": self.floor_set,
                    "stretch": self.stretch,
                    "stretch_set": self.stretch_set,
                    "band_low": line.band_low,
                    "band_high": line.band_high,
                    "is_synergy": self.is_synergy,
                    "parent_line_id": line.id,
                }
                for owner in owners
            ]
        )
        new_lines._refresh_actuals()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Driver lines"),
            "res_model": "synergy.scorecard.line",
            "view_mode": "list,form",
            "domain": [("id", "in", new_lines.ids)],
        }
