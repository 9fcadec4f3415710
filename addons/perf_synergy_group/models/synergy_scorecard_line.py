from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.write_policy import (
    GROUP_CONTROLLER,
    MANAGER,
    OFFICER,
    Allow,
    user_action,
)
from odoo.exceptions import UserError
from odoo.tools import LazyTranslate

_lt = LazyTranslate(__name__)

PUSHED_FIELDS = {
    "kpi_id",
    "target",
    "floor",
    "floor_set",
    "stretch",
    "stretch_set",
    "band_low",
    "band_high",
    "weight",
    "group_line_id",
}


class SynergyScorecardLine(models.Model):
    """Penetrative KPIs (穿透式考核): a group line carries a target per subsidiary and is pushed
    into each subsidiary's company scorecard as a line linked to it.

    The link is ``group_line_id``, not ``parent_line_id``: inside a company the value tree
    rolls actuals up (``parent_line_id``) and writes the driven lines, which a subsidiary's user
    may not touch in the parent company. The subsidiary cascades the pushed line further with
    ``parent_line_id`` inside its own company; the group reads its results through the link."""

    _inherit = "synergy.scorecard.line"
    _write_policy = {
        "is_penetrative": Allow(OFFICER, GROUP_CONTROLLER, states=("draft",)),
        "group_target_ids": Allow(GROUP_CONTROLLER),
        # A pushed line's KPI, target and weight are the group's (DESIGN §11).
        **{
            name: Allow(
                MANAGER,
                states=("draft",),
                when="_policy_not_pushed",
                who=_lt("group finance (the line is a penetrative group KPI)"),
            )
            for name in PUSHED_FIELDS - {"group_line_id"}
        },
    }

    group_line_id = fields.Many2one(
        "synergy.scorecard.line",
        string="Group KPI Line",
        index=True,
        ondelete="set null",
        readonly=True,
        copy=False,
        help="The group's penetrative KPI line this line was pushed from (in the parent company).",
    )
    group_company_id = fields.Many2one(
        related="group_line_id.company_id", string="Group Company", compute_sudo=True
    )
    pushed_line_ids = fields.One2many(
        "synergy.scorecard.line", "group_line_id", string="Lines in Subsidiaries"
    )
    group_target_ids = fields.One2many(
        "synergy.group.target", "group_line_id", string="Targets per Subsidiary"
    )
    is_penetrative = fields.Boolean(
        string="Penetrative Group KPI",
        help="A group KPI pushed into the subsidiaries' scorecards with a target each.",
    )

    def _policy_not_pushed(self):
        """The lines not pushed by the group: a subsidiary edits the lines it owns, the group
        sets the KPI, target and weight of a penetrative KPI's line."""
        if self.env.user.has_group("perf_synergy_group.group_synergy_group_controller"):
            return self
        return self.filtered(lambda line: not line.group_line_id)

    @user_action(GROUP_CONTROLLER)
    def action_push_to_subsidiaries(self):
        return self.group_target_ids.action_push()

    @user_action(GROUP_CONTROLLER)
    def action_view_pushed_lines(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("%s in the subsidiaries", self.kpi_id.display_name),
            "res_model": self._name,
            "view_mode": "list,form",
            "domain": [("group_line_id", "=", self.id)],
            "context": {"create": False},
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_pushed(self):
        from_group = self.filtered("group_line_id")
        if (
            from_group
            and not self.env.su
            and not self.env.user.has_group("perf_synergy_group.group_synergy_group_controller")
        ):
            raise UserError(
                self.env._(
                    "%s was pushed by the group (penetrative KPI): only group finance removes "
                    "it, by removing the subsidiary's target.",
                    from_group[0].kpi_id.display_name,
                )
            )
        pushed = self.sudo().pushed_line_ids - self
        if pushed:
            raise UserError(
                self.env._(
                    "%(kpi)s is pushed into %(companies)s: remove the subsidiaries' targets first.",
                    kpi=self[0].kpi_id.display_name,
                    companies=", ".join(pushed.company_id.mapped("name")),
                )
            )
