from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools.write_policy import OFFICER, Allow, user_action


class SynergyLinkageMatrix(models.Model):
    """The differentiated company -> department linkage of a year (差异化关联矩阵): how much each
    department's result moves with each company KPI. Versioned; approved before use."""

    _name = "synergy.linkage.matrix"
    _description = "Linkage Matrix"
    _inherit = ["synergy.yearly.version.mixin"]
    _write_policy = {
        "kpi_ids": Allow(OFFICER, states=("draft",)),
        "department_ids": Allow(OFFICER, states=("draft",)),
        "line_ids": Allow(OFFICER, states=("draft",)),
    }
    scheme_id = fields.Many2one(
        "synergy.scheme",
        string="Policy Scheme",
        compute="_compute_scheme_id",
        store=True,
        readonly=False,
        check_company=True,
        help="Scheme whose linkage bands bound the ratios.",
    )
    kpi_ids = fields.Many2many(
        "synergy.kpi", string="Company KPIs", check_company=True, help="Rows of the matrix."
    )
    department_ids = fields.Many2many(
        "hr.department", string="Departments", check_company=True, help="Columns of the matrix."
    )
    line_ids = fields.One2many("synergy.linkage.line", "matrix_id", string="Links", copy=True)

    _unique_version = models.UniqueIndex(
        "(company_id, year, version)",
        "This company already has this version of its linkage matrix for that year.",
    )

    @api.depends("company_id", "year")
    def _compute_scheme_id(self):
        for matrix in self:
            if not matrix.scheme_id:
                matrix.scheme_id = self.env["synergy.scheme"]._get_for(
                    matrix.company_id, matrix.year
                )

    @user_action(OFFICER)
    def action_prepare_grid(self):
        """Create the cells (company KPI x department, not linked) the matrix editor needs."""
        vals_list = []
        for matrix in self:
            existing = {(line.kpi_id.id, line.department_id.id) for line in matrix.line_ids}
            vals_list += [
                {
                    "matrix_id": matrix.id,
                    "kpi_id": kpi.id,
                    "department_id": department.id,
                    "relevance": "none",
                    "ratio": 0.0,
                }
                for kpi in matrix.kpi_ids
                for department in matrix.department_ids
                if (kpi.id, department.id) not in existing
            ]
        self.env["synergy.linkage.line"].create(vals_list)
        return True

    @api.model_create_multi
    def create(self, vals_list):
        matrices = super().create(vals_list)
        matrices.action_prepare_grid()
        return matrices

    def _check_can_approve(self):
        result = super()._check_can_approve()
        for matrix in self:
            if not matrix.scheme_id:
                raise UserError(
                    self.env._(
                        "Linkage matrix %s needs an approved policy scheme of its year, whose "
                        "bands bound its ratios.",
                        matrix.display_name,
                    )
                )
            matrix.line_ids._check_ratio_in_band()
        return result

    def _version_snapshot(self):
        """{"department / KPI": "relevance ρ %"} of the links, to compare versions."""
        self.ensure_one()
        labels = dict(
            self.env["synergy.linkage.line"]._fields["relevance"]._description_selection(self.env)
        )
        return {
            f"{line.department_id.name} / {line.kpi_id.display_name}": (
                f"{labels[line.relevance]} {line.ratio:g}%"
            )
            for line in self.line_ids.sorted(
                lambda link: (link.department_id.name, link.kpi_id.code)
            )
            if line.relevance != "none"
        }

    def write(self, vals):
        result = super().write(vals)
        if {"kpi_ids", "department_ids"} & set(vals):
            self.action_prepare_grid()
        return result
