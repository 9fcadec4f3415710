import calendar
from datetime import date

from odoo import fields, models
from odoo.exceptions import UserError

from ..tools.write_policy import OFFICER, Allow, user_action


class SynergyPeriodGenerate(models.TransientModel):
    """Creates a year with its four quarters and twelve months."""

    _name = "synergy.period.generate"
    _description = "Generate Performance Periods"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "year": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "open_periods": Allow(OFFICER),
    }

    year = fields.Integer(
        required=True, default=lambda self: fields.Date.today().year, aggregator=None
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    open_periods = fields.Boolean(string="Open the periods", default=True)

    @user_action(OFFICER)
    def action_generate(self):
        self.ensure_one()
        if not 1900 < self.year < 2200:
            raise UserError(self.env._("Year %s is not a plausible year.", self.year))
        Period = self.env["synergy.period"]
        if Period.search_count(
            [
                ("company_id", "=", self.company_id.id),
                ("period_type", "=", "year"),
                ("date_start", "=", date(self.year, 1, 1)),
            ]
        ):
            raise UserError(
                self.env._(
                    "%(company)s already has the periods of %(year)s.",
                    company=self.company_id.name,
                    year=self.year,
                )
            )
        state = "open" if self.open_periods else "draft"
        common = {"company_id": self.company_id.id, "state": state}
        year = Period.create(
            {
                **common,
                "name": str(self.year),
                "period_type": "year",
                "date_start": date(self.year, 1, 1),
                "date_end": date(self.year, 12, 31),
            }
        )
        quarters = Period.create(
            [
                {
                    **common,
                    "name": f"{self.year} Q{quarter}",
                    "period_type": "quarter",
                    "parent_id": year.id,
                    "date_start": date(self.year, 3 * quarter - 2, 1),
                    "date_end": date(
                        self.year, 3 * quarter, calendar.monthrange(self.year, 3 * quarter)[1]
                    ),
                }
                for quarter in range(1, 5)
            ]
        )
        Period.create(
            [
                {
                    **common,
                    "name": f"{self.year}-{month:02d}",
                    "period_type": "month",
                    "parent_id": quarters[(month - 1) // 3].id,
                    "date_start": date(self.year, month, 1),
                    "date_end": date(self.year, month, calendar.monthrange(self.year, month)[1]),
                }
                for month in range(1, 13)
            ]
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "synergy.period",
            "view_mode": "list,form",
            "domain": [("id", "child_of", year.id)],
            "name": self.env._("Periods of %s", self.year),
        }
