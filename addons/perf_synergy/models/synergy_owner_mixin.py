from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

OWNER_LEVELS = [
    ("company", "Company"),
    ("department", "Department"),
    ("job", "Job Position"),
    ("employee", "Employee"),
]
OWNER_FIELD_BY_LEVEL = {
    "company": "company_id",
    "department": "department_id",
    "job": "job_id",
    "employee": "employee_id",
}


OWNER_COLUMNS = ("owner_level", "company_id", "department_id", "job_id", "employee_id")


def owner_key_of(row):
    """The ``_owner_key()`` of a row of OWNER_COLUMNS read in SQL (NULL ids as False)."""
    level, company, department, job, employee = row
    return (
        level,
        company or False,
        (department or False) if level == "department" else False,
        (job or False) if level == "job" else False,
        (employee or False) if level == "employee" else False,
    )


def owner_domain(records):
    """Domain of the owners of ``records`` (any model with owner_level, company_id,
    department_id, job_id and employee_id fields): an OR of one condition per level."""
    return owner_domain_of_keys(
        (
            record.owner_level,
            record.company_id.id,
            record.department_id.id,
            record.job_id.id,
            record.employee_id.id,
        )
        for record in records
    )


def owner_domain_of_keys(keys):
    """The same from owner keys (``owner_key_of`` rows: level, company, department, job and
    employee ids)."""
    position = {level: OWNER_COLUMNS.index(name) for level, name in OWNER_FIELD_BY_LEVEL.items()}
    ids_by_level = {}
    for key in keys:
        level = key[0]
        if level in position:
            ids_by_level.setdefault(level, set()).add(key[position[level]] or False)
    return Domain.OR(
        Domain("owner_level", "=", level) & Domain(OWNER_FIELD_BY_LEVEL[level], "in", sorted(ids))
        for level, ids in sorted(ids_by_level.items())
    )


class SynergyOwnerMixin(models.AbstractModel):
    """Who a scorecard, a KPI value or an objective belongs to: company, department, job or
    employee. The department is also filled for jobs and employees, so that department heads'
    record rules and roll-ups reach them."""

    _name = "synergy.owner.mixin"
    _description = "Performance Owner"
    _check_company_auto = True

    owner_level = fields.Selection(
        selection=OWNER_LEVELS, required=True, default="department", index=True
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        index=True,
        check_company=True,
        compute="_compute_department_id",
        store=True,
        readonly=False,
        precompute=True,
    )
    job_id = fields.Many2one(comodel_name="hr.job", index=True, check_company=True)
    employee_id = fields.Many2one(comodel_name="hr.employee", index=True, check_company=True)
    owner_name = fields.Char(string="Owner", compute="_compute_owner_name")

    @api.depends("employee_id", "job_id")
    def _compute_department_id(self):
        for record in self:
            if record.owner_level == "employee" and record.employee_id:
                record.department_id = record.employee_id.department_id
            elif record.owner_level == "job" and record.job_id.department_id:
                record.department_id = record.job_id.department_id

    @api.depends("owner_level", "company_id", "department_id", "job_id", "employee_id")
    def _compute_owner_name(self):
        for record in self:
            owner = record[OWNER_FIELD_BY_LEVEL[record.owner_level]] if record.owner_level else None
            record.owner_name = owner.display_name if owner else False

    @api.constrains("owner_level", "department_id", "job_id", "employee_id")
    def _check_owner(self):
        labels = dict(OWNER_LEVELS)
        for record in self:
            field_name = OWNER_FIELD_BY_LEVEL[record.owner_level]
            if not record[field_name]:
                raise ValidationError(
                    self.env._(
                        "%(record)s is owned by a %(level)s: choose the %(field)s.",
                        record=record.display_name or record._description,
                        level=labels[record.owner_level].lower(),
                        field=record._fields[field_name].get_description(self.env)["string"],
                    )
                )

    @api.constrains("owner_level", "department_id", "job_id", "employee_id")
    def _check_owner_department(self):
        """Owners are what the organisation says (DESIGN §14): the department of an employee's
        or a job's record is that employee's or job's (none when they have none), a company's
        record has none, whatever department a client sends with it (a head naming his own
        department to reach another's employee, or to own a company's figures)."""
        for record in self:
            if record.owner_level == "employee":
                expected = record.employee_id.sudo().department_id
            elif record.owner_level == "job":
                expected = record.job_id.sudo().department_id
            elif record.owner_level == "company":
                # A department on a company's record would put it in a head's tree (his
                # record rules) while it counts as the company's own.
                expected = record.department_id.browse()
            else:
                continue
            if record.department_id == expected:
                continue
            if record.owner_level == "company":
                raise ValidationError(
                    self.env._(
                        "A company-level record belongs to no department (%s was sent): leave "
                        "the department empty.",
                        record.department_id.display_name,
                    )
                )
            raise ValidationError(
                self.env._(
                    "%(owner)s belongs to %(department)s: the department of this record is "
                    "%(department)s, not %(sent)s. Leave the department empty; it follows "
                    "from the owner.",
                    owner=(record.employee_id or record.job_id).sudo().display_name,
                    department=expected.display_name or self.env._("no department"),
                    sent=record.department_id.display_name or "-",
                )
            )

    def _owner_key(self):
        """Hashable identity of the owner, to match records of several models in bulk."""
        self.ensure_one()
        return (
            self.owner_level,
            self.company_id.id,
            self.department_id.id if self.owner_level == "department" else False,
            self.job_id.id if self.owner_level == "job" else False,
            self.employee_id.id if self.owner_level == "employee" else False,
        )

    def _owner_domain(self):
        """Domain matching the records (of any owner-mixin model, or of scorecard lines,
        which store their scorecard's owner) owned by the owners of ``self``: one condition
        per owner level, whatever the number of records."""
        return owner_domain(self)

    def _owner_values(self):
        """Field values that give another owner-mixin record the same owner."""
        self.ensure_one()
        return {
            "owner_level": self.owner_level,
            "company_id": self.company_id.id,
            "department_id": self.department_id.id,
            "job_id": self.job_id.id,
            "employee_id": self.employee_id.id,
        }
