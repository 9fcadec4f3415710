import ast

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..engine.measure_math import credit, dimension_balance, values_by_owner

# Which source field types can say who is credited: the owner field is a many2one or many2many
# to one of these models.
OWNER_SOURCE_MODELS = ("res.users", "hr.employee", "hr.department", "res.company", "crm.team")


class SynergyMeasure(models.Model):
    """An automatic data source: an aggregate over any Odoo model, per period and owner.

    One ``_read_group`` per measure and period (two for a ratio) computes every owner at once;
    the grouped source records (users, employees, teams...) are then credited to departments or
    employees in bulk, never one query per owner or per record.
    """

    _name = "synergy.measure"
    _description = "KPI Measure"
    _inherit = ["mail.thread"]
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        comodel_name="res.company", required=True, index=True, default=lambda self: self.env.company
    )
    model_id = fields.Many2one(
        comodel_name="ir.model",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False)],
        tracking=True,
    )
    model_name = fields.Char(related="model_id.model", string="Model Name")
    domain = fields.Char(default="[]", required=True, tracking=True)
    date_field = fields.Char(
        required=True,
        tracking=True,
        help="Date or datetime field of the model that places a record in a period.",
    )
    aggregate = fields.Selection(
        selection=[
            ("count", "Count"),
            ("sum", "Sum"),
            ("avg", "Average"),
            ("ratio", "Ratio"),
        ],
        required=True,
        default="count",
        tracking=True,
    )
    value_field = fields.Char(
        help="Numeric field summed or averaged; for a ratio, the denominator's field "
        "(empty: the denominator counts records)."
    )
    numerator_domain = fields.Char(
        default="[]",
        help="Ratio only: the extra condition of the numerator's records, on top of the domain.",
    )
    numerator_field = fields.Char(
        help="Ratio only: numeric field summed in the numerator (empty: count records)."
    )
    ratio_percent = fields.Boolean(string="Ratio in %", default=True)
    owner_level = fields.Selection(
        selection=[("company", "Company"), ("department", "Department"), ("employee", "Employee")],
        required=True,
        default="department",
        help="Who is credited with the value.",
    )
    owner_field = fields.Char(
        help="Field of the model, or path of many2one fields (project_id.user_id), that leads "
        "to the owner credited: a user, employee, department, company or sales team (a team is "
        "credited to its leader's department).",
    )
    second_owner_field = fields.Char(
        string="Second Dimension",
        help="Dimensional double counting: credit the same facts a second time along another "
        "owner field (e.g. region teams and product-line departments). Each dimension must add "
        "up to the company total; 'Check Dimensions' shows it.",
    )
    kpi_ids = fields.One2many("synergy.kpi", "measure_id", string="KPIs")
    active = fields.Boolean(default=True)

    # ----------------------------------------------------------------- validation
    def _parse_domain(self, field_name):
        text = self[field_name] or "[]"
        try:
            value = ast.literal_eval(text)
            domain = Domain(value)
        except (ValueError, SyntaxError, TypeError) as error:
            raise ValidationError(
                self.env._(
                    "Measure %(measure)s: the %(field)s %(domain)s does not parse (%(error)s). "
                    "Write a list of conditions such as [('state', '=', 'done')].",
                    measure=self.name,
                    field=self._fields[field_name]._description_string(self.env),
                    domain=text,
                    error=error,
                )
            ) from error
        try:
            domain.validate(self.env[self.model_name])
        except (ValueError, TypeError, KeyError) as error:
            raise ValidationError(
                self.env._(
                    "Measure %(measure)s: the %(field)s %(domain)s does not fit model "
                    "%(model)s (%(error)s).",
                    measure=self.name,
                    field=self._fields[field_name]._description_string(self.env),
                    domain=text,
                    model=self.model_name,
                    error=error,
                )
            ) from error
        return domain

    def _model_field(self, field_name, allowed_types, label):
        path = self[field_name]
        model = self.env[self.model_name]
        field = model._fields.get(path)
        if field is None or field.type not in allowed_types or not field.store:
            raise ValidationError(
                self.env._(
                    "Measure %(measure)s: %(label)s %(path)s is not a stored %(types)s field "
                    "of model %(model)s. Pick one of: %(choices)s.",
                    measure=self.name,
                    label=label,
                    path=path,
                    types=" / ".join(allowed_types),
                    model=self.model_name,
                    choices=", ".join(
                        sorted(
                            name
                            for name, f in model._fields.items()
                            if f.type in allowed_types and f.store
                        )
                    )
                    or "-",
                )
            )
        return field

    @api.constrains(
        "model_id",
        "domain",
        "date_field",
        "aggregate",
        "value_field",
        "numerator_domain",
        "numerator_field",
        "owner_level",
        "owner_field",
        "second_owner_field",
    )
    def _check_definition(self):
        numeric = ("integer", "float", "monetary")
        for measure in self:
            measure._parse_domain("domain")
            measure._model_field("date_field", ("date", "datetime"), self.env._("date field"))
            if measure.aggregate in ("sum", "avg") or (
                measure.aggregate == "ratio" and measure.value_field
            ):
                measure._model_field("value_field", numeric, self.env._("value field"))
            if measure.aggregate == "ratio":
                measure._parse_domain("numerator_domain")
                if measure.numerator_field:
                    measure._model_field("numerator_field", numeric, self.env._("numerator field"))
            if measure.owner_level != "company":
                measure._owner_path_comodel("owner_field")
                if measure.second_owner_field:
                    measure._owner_path_comodel("second_owner_field")
                    if measure.aggregate not in ("count", "sum"):
                        raise ValidationError(
                            self.env._(
                                "Measure %s: a second dimension only makes sense for a count "
                                "or a sum, which add up across owners.",
                                measure.name,
                            )
                        )

    def _owner_path_comodel(self, field_name):
        """Check an owner path (many2one hops, last hop many2one or many2many to an owner
        model) and return the model it leads to."""
        path = self[field_name] or ""
        model = self.env[self.model_name]
        names = path.split(".")
        for index, name in enumerate(names):
            field = model._fields.get(name)
            last = index == len(names) - 1
            allowed = ("many2one", "many2many") if last else ("many2one",)
            if not name or field is None or field.type not in allowed or not field.store:
                raise ValidationError(
                    self.env._(
                        "Measure %(measure)s: owner field %(path)s does not lead anywhere on "
                        "model %(model)s (%(name)s is not a stored relational field). Use a "
                        "field such as user_ids, or a path of many2one fields such as "
                        "project_id.user_id.",
                        measure=self.name,
                        path=path or "-",
                        model=model._name,
                        name=name or "-",
                    )
                )
            model = self.env[field.comodel_name]
        if model._name not in OWNER_SOURCE_MODELS:
            raise ValidationError(
                self.env._(
                    "Measure %(measure)s: owner field %(field)s points to %(comodel)s; it must "
                    "point to one of %(models)s.",
                    measure=self.name,
                    field=path,
                    comodel=model._name,
                    models=", ".join(OWNER_SOURCE_MODELS),
                )
            )
        return model._name

    # ---------------------------------------------------------------- computation
    def _period_domain(self, period):
        field = self.env[self.model_name]._fields[self.date_field]
        start, end = period.date_start, period.date_end
        if field.type == "datetime":
            start = fields.Datetime.to_datetime(start)
            end = fields.Datetime.to_datetime(fields.Date.add(end, days=1))
            return Domain(self.date_field, ">=", start) & Domain(self.date_field, "<", end)
        return Domain(self.date_field, ">=", start) & Domain(self.date_field, "<=", end)

    def _grouped(self, domain, value_field, owner_field=None):
        """(source record, sum, count) rows, grouped by the owner field: one query."""
        model = self.env[self.model_name].sudo().with_context(active_test=False)
        if "company_id" in model._fields:
            # Records shared by all companies (no company) count for every company.
            domain &= Domain("company_id", "in", [self.company_id.id, False])
        owner_field = owner_field or self.owner_field
        groupby = [owner_field] if self.owner_level != "company" else []
        aggregates = ["__count", f"{value_field}:sum"] if value_field else ["__count"]
        rows = []
        for row in model._read_group(domain, groupby, aggregates):
            source = row[0] if groupby else self.company_id
            count = row[len(groupby)]
            total = row[len(groupby) + 1] if value_field else count
            rows.append((source, total, count))
        return rows

    def _owner_resolver(self, sources):
        """A function source record -> credited owner record, built with a constant number of
        queries for all sources (users and teams are mapped to employees in one search)."""
        level = self.owner_level
        if level == "company":
            return lambda source: source
        comodel = sources._name if sources else None
        employee_of_user = {}
        if comodel in ("res.users", "crm.team"):
            users = sources if comodel == "res.users" else sources.user_id
            employees = (
                self.env["hr.employee"]
                .sudo()
                .search([("user_id", "in", users.ids), ("company_id", "=", self.company_id.id)])
            )
            employee_of_user = {employee.user_id: employee for employee in employees}

        def employee(source):
            if comodel == "hr.employee":
                return source
            if comodel == "res.users":
                return employee_of_user.get(source)
            if comodel == "crm.team":
                return employee_of_user.get(source.user_id)
            return None

        if level == "employee":
            return lambda source: employee(source) or None
        if comodel == "hr.department":
            return lambda source: source
        return lambda source: (employee(source).department_id or None) if employee(source) else None

    def _evaluate(self, period, owner_field=None):
        """{owner record: value} of this measure over ``period``, credited along
        ``owner_field`` (default: the measure's owner field)."""
        self.ensure_one()
        owner_field = owner_field or self.owner_field
        base = self._parse_domain("domain") & self._period_domain(period)
        main_rows = self._grouped(base, self.value_field, owner_field)
        numerator_rows = []
        if self.aggregate == "ratio":
            numerator_rows = self._grouped(
                base & self._parse_domain("numerator_domain"), self.numerator_field, owner_field
            )
        if self.owner_level == "company":
            sources = self.env["res.company"]
        else:
            sources = self.env[
                self._owner_path_comodel(
                    "owner_field" if owner_field == self.owner_field else "second_owner_field"
                )
            ]
        for source, _total, _count in main_rows + numerator_rows:
            sources |= source
        owner_of = self._owner_resolver(sources)
        return values_by_owner(
            self.aggregate,
            credit(main_rows, owner_of),
            credit(numerator_rows, owner_of),
            numerator_uses_count=not self.numerator_field,
            denominator_uses_count=not self.value_field,
            percent=self.ratio_percent,
        )

    def _evaluate_all_dimensions(self, period):
        """Values of every dimension merged: an owner credited in both adds them up."""
        values = dict(self._evaluate(period))
        if self.second_owner_field and self.owner_level != "company":
            for owner, value in self._evaluate(period, self.second_owner_field).items():
                values[owner] = values.get(owner, 0.0) + value
        return values

    def _dimension_report(self, period):
        """Dimensional double counting check for ``period``: company total, each dimension's
        total, whether they balance, and the facts missing a dimension."""
        self.ensure_one()
        base = self._parse_domain("domain") & self._period_domain(period)
        company_total = sum(total for _s, total, _c in self._grouped_company(base))
        first = self._evaluate(period)
        second = self._evaluate(period, self.second_owner_field) if self.second_owner_field else {}
        first_total, second_total, balanced = dimension_balance(company_total, first, second)
        # Facts no owner is credited with, per dimension: empty field or unmapped source.
        facts = self.env[self.model_name].sudo().search(base)
        missing = {}
        for field_name in filter(None, (self.owner_field, self.second_owner_field)):
            owner_of = self._owner_resolver(facts.mapped(field_name))
            missing[field_name] = facts.filtered(
                lambda fact, f=field_name, resolve=owner_of: (
                    not any(resolve(source) is not None for source in fact.mapped(f))
                )
            )
        return {
            "company_total": company_total,
            "first_total": first_total,
            "second_total": second_total,
            "balanced": balanced,
            "missing": missing,
        }

    def _grouped_company(self, domain):
        model = self.env[self.model_name].sudo().with_context(active_test=False)
        if "company_id" in model._fields:
            domain &= Domain("company_id", "in", [self.company_id.id, False])
        aggregates = [f"{self.value_field}:sum"] if self.value_field else ["__count"]
        return [(self.company_id, row[0], 0) for row in model._read_group(domain, [], aggregates)]

    @api.model
    def _compute_periods(self, periods):
        """Write the values of every KPI fed by a measure, for ``periods``, in bulk.

        Unlocked measure values are replaced; a manual value entered for an owner overrides the
        measure for that owner; closed periods are left alone.
        """
        periods = periods.filtered(lambda p: p.state != "closed")
        kpis = self.env["synergy.kpi"].search(
            [
                ("value_source", "=", "measure"),
                ("measure_id", "!=", False),
                ("company_id", "in", periods.company_id.ids),
            ]
        )
        if not kpis or not periods:
            return self.env["synergy.kpi.value"]
        Value = self.env["synergy.kpi.value"].with_context(tracking_disable=True)
        existing = Value.search([("kpi_id", "in", kpis.ids), ("period_id", "in", periods.ids)])
        kept = existing.filtered(lambda v: v.locked or v.source != "measure")
        kept_keys = {(v.kpi_id.id, v.period_id.id, v._owner_key()) for v in kept}
        (existing - kept).unlink()
        vals_list = []
        for measure in kpis.measure_id:
            measure_kpis = kpis.filtered(lambda k, m=measure: k.measure_id == m)
            for period in periods.filtered(lambda p, m=measure: p.company_id == m.company_id):
                for owner, value in measure._evaluate_all_dimensions(period).items():
                    owner_vals = measure._owner_vals(owner)
                    for kpi in measure_kpis:
                        key = (kpi.id, period.id, Value._owner_key_from_vals(owner_vals))
                        if key in kept_keys:
                            continue
                        vals_list.append(
                            {
                                **owner_vals,
                                "kpi_id": kpi.id,
                                "period_id": period.id,
                                "value": value,
                                "source": "measure",
                            }
                        )
        return Value.create(vals_list)

    def _owner_vals(self, owner):
        level = self.owner_level
        vals = {"owner_level": level, "company_id": self.company_id.id}
        if level == "department":
            vals["department_id"] = owner.id
        elif level == "employee":
            vals["employee_id"] = owner.id
            vals["department_id"] = owner.department_id.id
        return vals

    def action_preview(self):
        """Show this measure's values for the current open period as a notification."""
        self.ensure_one()
        period = self.env["synergy.period"].search(
            [
                ("company_id", "=", self.company_id.id),
                ("date_start", "<=", fields.Date.today()),
                ("date_end", ">=", fields.Date.today()),
            ],
            order="date_start desc, period_type desc",
            limit=1,
        )
        if not period:
            message = self.env._("No period covers today: create the periods of this year first.")
        else:
            values = self._evaluate(period)
            message = "\n".join(
                f"{owner.display_name}: {value:.2f}" for owner, value in values.items()
            ) or self.env._("No data in %s.", period.name)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": self.name, "message": message, "sticky": False},
        }

    def action_check_dimensions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Check Dimensions"),
            "res_model": "synergy.dimension.check",
            "view_mode": "form",
            "target": "new",
            "context": {"default_measure_id": self.id},
        }
