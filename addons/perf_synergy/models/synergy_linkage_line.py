from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools.write_policy import OFFICER, Allow

RELEVANCE = [("none", "Not Linked"), ("weak", "Weak"), ("medium", "Medium"), ("strong", "Strong")]
STARS = {"none": "0", "weak": "1", "medium": "2", "strong": "3"}


class SynergyLinkageLine(models.Model):
    """Company KPI x department x relevance x ratio rho of a linkage matrix."""

    _name = "synergy.linkage.line"
    _description = "Linkage"
    _inherit = ["synergy.policy.mixin"]
    _policy_state = "matrix_id.state"
    _lock_states = ("approved", "superseded")
    _write_policy = {
        "matrix_id": Allow(OFFICER, states=("draft",)),
        "kpi_id": Allow(OFFICER, states=("draft",)),
        "department_id": Allow(OFFICER, states=("draft",)),
        "relevance": Allow(OFFICER, states=("draft",)),
        "ratio": Allow(OFFICER, states=("draft",)),
    }
    _order = "matrix_id, kpi_id, department_id"
    _check_company_auto = True

    matrix_id = fields.Many2one(
        "synergy.linkage.matrix", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="matrix_id.company_id", store=True, index=True)
    kpi_id = fields.Many2one("synergy.kpi", string="Company KPI", required=True, check_company=True)
    department_id = fields.Many2one("hr.department", required=True, check_company=True)
    relevance = fields.Selection(selection=RELEVANCE, required=True, default="medium")
    relevance_stars = fields.Selection(
        selection=[("0", "None"), ("1", "Weak"), ("2", "Medium"), ("3", "Strong")],
        string="Relevance (stars)",
        compute="_compute_relevance_stars",
        inverse="_inverse_relevance_stars",
    )
    ratio = fields.Float(string="Ratio ρ (%)", required=True, aggregator="avg")

    _unique_link = models.Constraint(
        "UNIQUE(matrix_id, kpi_id, department_id)",
        "A department is linked once to each company KPI in a matrix.",
    )

    @api.depends("relevance")
    def _compute_relevance_stars(self):
        for line in self:
            line.relevance_stars = STARS.get(line.relevance, "0")

    def _inverse_relevance_stars(self):
        relevance = {stars: name for name, stars in STARS.items()}
        for line in self:
            new_relevance = relevance.get(line.relevance_stars or "0", "none")
            line.write(
                {"relevance": new_relevance, "ratio": line._ratio_for(new_relevance, line.ratio)}
            )

    def _band(self, relevance=None):
        """(low, high) ratio band of a relevance, from the matrix's scheme."""
        self.ensure_one()
        relevance = relevance or self.relevance
        if relevance == "none":
            return 0.0, 0.0
        bands = {name: (low, high) for name, low, high in self.matrix_id.scheme_id._linkage_bands()}
        return bands[relevance]

    def _ratio_for(self, relevance, ratio):
        """``ratio`` if it lies in the relevance's band, else the middle of the band."""
        if not self.matrix_id.scheme_id and relevance != "none":
            return ratio
        low, high = self._band(relevance)
        return ratio if low <= ratio <= high else (low + high) / 2

    @api.onchange("relevance")
    def _onchange_relevance(self):
        if self.relevance:
            self.ratio = self._ratio_for(self.relevance, self.ratio)

    @api.constrains("ratio", "relevance", "matrix_id")
    def _check_ratio_in_band(self):
        labels = dict(self._fields["relevance"]._description_selection(self.env))
        for line in self:
            scheme = line.matrix_id.scheme_id
            if not scheme and line.relevance != "none":
                continue
            low, high = line._band()
            if not low <= line.ratio <= high:
                raise ValidationError(
                    self.env._(
                        "%(department)s / %(kpi)s: a %(relevance)s link needs a ratio between "
                        "%(low)s%% and %(high)s%% (the %(relevance)s band of scheme %(scheme)s); "
                        "got %(ratio)s%%.",
                        department=line.department_id.name,
                        kpi=line.kpi_id.display_name,
                        relevance=labels[line.relevance].lower(),
                        low=f"{low:g}",
                        high=f"{high:g}",
                        scheme=scheme.display_name or "-",
                        ratio=f"{line.ratio:g}",
                    )
                )
        for matrix in self.matrix_id:
            totals = {}
            for line in matrix.line_ids:
                totals[line.department_id] = totals.get(line.department_id, 0.0) + line.ratio
            for department, total in totals.items():
                if total > 100:
                    raise ValidationError(
                        self.env._(
                            "%(department)s is linked at %(total)s%% in total; the ratios of a "
                            "department cannot exceed 100%%.",
                            department=department.name,
                            total=f"{total:g}",
                        )
                    )

    def _synergy_lock_hint(self):
        return self.env._("Its linkage matrix is approved: use 'New Version' to change it.")
