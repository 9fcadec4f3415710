from odoo import api, fields, models

from ..tools.write_policy import MANAGER, Allow


class SynergyDimensionCheck(models.TransientModel):
    """Shows whether the two dimensions of a measure each add up to the company total."""

    _name = "synergy.dimension.check"
    _description = "Check the Dimensions of a Measure"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "measure_id": Allow(MANAGER),
        "period_id": Allow(MANAGER),
    }

    measure_id = fields.Many2one("synergy.measure", required=True, ondelete="cascade")
    period_id = fields.Many2one(
        "synergy.period", required=True, domain="[('company_id', '=', company_id)]"
    )
    company_id = fields.Many2one(related="measure_id.company_id")
    company_total = fields.Float(compute="_compute_report", digits=(16, 2))
    first_total = fields.Float(
        string="First Dimension Total", compute="_compute_report", digits=(16, 2)
    )
    second_total = fields.Float(
        string="Second Dimension Total", compute="_compute_report", digits=(16, 2)
    )
    balanced = fields.Boolean(compute="_compute_report")
    missing_text = fields.Text(string="Facts Missing a Dimension", compute="_compute_report")

    @api.depends("measure_id", "period_id")
    def _compute_report(self):
        for check in self:
            if not (check.measure_id and check.period_id):
                check.update(
                    {
                        "company_total": 0,
                        "first_total": 0,
                        "second_total": 0,
                        "balanced": False,
                        "missing_text": False,
                    }
                )
                continue
            report = check.measure_id._dimension_report(check.period_id)
            lines = []
            for field_name, facts in report["missing"].items():
                if facts:
                    names = ", ".join(facts[:20].mapped("display_name"))
                    more = len(facts) - 20
                    lines.append(
                        self.env._(
                            "%(count)s without %(field)s: %(names)s%(more)s",
                            count=len(facts),
                            field=field_name,
                            names=names,
                            more=self.env._(" and %s more", more) if more > 0 else "",
                        )
                    )
            check.update(
                {
                    "company_total": report["company_total"],
                    "first_total": report["first_total"],
                    "second_total": report["second_total"],
                    "balanced": report["balanced"],
                    "missing_text": "\n".join(lines) or False,
                }
            )
