from odoo import api, fields, models
from odoo.exceptions import UserError


class SynergyLinkageMatrix(models.Model):
    """The differentiated company -> department linkage of a year (差异化关联矩阵): how much each
    department's result moves with each company KPI. Versioned; approved before use."""

    _name = "synergy.linkage.matrix"
    _description = "Linkage Matrix"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "year desc, version desc"
    _check_company_auto = True

    _state_from = ["draft"]
    _state_to = ["approved"]
    _cancel_state = "superseded"
    _tier_validation_manual_config = False

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    year = fields.Integer(required=True, default=lambda self: fields.Date.today().year)
    version = fields.Integer(required=True, default=1, readonly=True)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("approved", "Approved"), ("superseded", "Superseded")],
        required=True,
        default="draft",
        tracking=True,
        copy=False,
    )
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

    @api.depends("name", "version", "year")
    def _compute_display_name(self):
        for matrix in self:
            matrix.display_name = f"{matrix.name} {matrix.year} v{matrix.version}"

    @api.model
    def _get_for(self, company, year):
        return self.search(
            [("company_id", "=", company.id), ("year", "=", year), ("state", "=", "approved")],
            order="version desc",
            limit=1,
        )

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

    def action_approve(self):
        for matrix in self:
            if matrix.state != "draft":
                raise UserError(self.env._("Only a draft linkage matrix can be approved."))
            if not matrix.scheme_id:
                raise UserError(
                    self.env._(
                        "Linkage matrix %s needs an approved policy scheme of its year, whose "
                        "bands bound its ratios.",
                        matrix.display_name,
                    )
                )
            matrix.line_ids._check_ratio_in_band()
        self.write({"state": "approved"})
        for matrix in self:
            self.search(
                [
                    ("company_id", "=", matrix.company_id.id),
                    ("year", "=", matrix.year),
                    ("state", "=", "approved"),
                    ("version", "<", matrix.version),
                ]
            ).write({"state": "superseded"})
        return True

    def action_new_version(self):
        self.ensure_one()
        latest = self.search(
            [("company_id", "=", self.company_id.id), ("year", "=", self.year)],
            order="version desc",
            limit=1,
        )
        new_matrix = self.copy({"version": latest.version + 1})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": new_matrix.id,
            "view_mode": "form",
        }

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

    def _previous_version(self):
        self.ensure_one()
        return self.search(
            [
                ("company_id", "=", self.company_id.id),
                ("year", "=", self.year),
                ("version", "<", self.version),
            ],
            order="version desc",
            limit=1,
        )

    def action_compare_previous(self):
        return self.env["synergy.version.diff"]._open(self._previous_version(), self)

    def write(self, vals):
        frozen_fields = {"line_ids", "year", "company_id", "kpi_ids", "department_ids"}
        if frozen_fields & set(vals) and self.filtered(lambda m: m.state != "draft"):
            raise UserError(
                self.env._(
                    "An approved linkage matrix cannot change: use 'New Version' to change it."
                )
            )
        result = super().write(vals)
        if {"kpi_ids", "department_ids"} & set(vals):
            self.action_prepare_grid()
        return result
