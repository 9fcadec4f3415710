import ast
import logging

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, sql

from ..engine.measure_math import dimension_balance, source_owner_arrays, values_by_owner
from ..tools.write_policy import MANAGER, OFFICER, Allow, user_action

_logger = logging.getLogger(__name__)

# Who can be credited: an owner path (many2one, one2many or many2many hops) ends on one of these
# models.
OWNER_SOURCE_MODELS = ("res.users", "hr.employee", "hr.department", "res.company", "crm.team")

# Models that are never a source, whatever the author's rights: configuration, security,
# messaging and technical models hold secrets (database secret, API keys, passwords, tokens) or
# other records' content (mail), and their access rights are not written with measures in mind.
# A deny-list, not an allow-list: business models of any installed addon (sales, purchase,
# project, the product's own...) stay usable, and the author's read access to the model and to
# each field decides the rest.
DENIED_MODEL_PREFIXES = (
    "ir.",
    "res.users",
    "res.groups",
    "res.device",
    "res.config",
    "base.",
    "base_import.",
    "bus.",
    "mail.",
    "auth_",
    "auth.",
    "iap.",
    "queue.",
    "web_",
    "html_editor.",
    "sms.",
    "snailmail.",
    "fetchmail.",
    "digest.",
    "privacy.",
    "publisher_warranty.",
    "spreadsheet.",
)
# Relational hops of a domain or owner path may cross into res.users (assignees, salespersons):
# its secrets are fields restricted by groups, which the field check refuses.
PATH_ALLOWED_SYSTEM_MODELS = ("res.users",)
# Fields that define what a measure reads: changing one re-checks the acting user's rights
# and records him as the validator of the source.
SOURCE_FIELDS = (
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
    "company_id",
)
VALIDATION_FIELDS = ("source_validated_by_id", "source_validated_date")


class SynergyMeasure(models.Model):
    """An automatic data source: an aggregate over any Odoo model, per period and owner.

    Per measure and period, one query lists the owner sources (users, employees, teams...)
    and one more query per aggregate (two for a ratio) credits every owner at once, each
    source record counted once per credited owner; never one query per owner or per record.

    A measure reveals nothing its author could not read: its source (model, domain, fields,
    owner path) is checked against the acting user's rights whenever it changes, and that user
    is recorded as the validator. The privileged evaluation at the close runs only measures
    whose validator is still entitled to the source; the preview runs as the user.
    """

    _name = "synergy.measure"
    _description = "KPI Measure"
    # Copied for every company: copies take the shipped records' terms (tools/shipped_copies).
    _synergy_copy_translated = ("name", "description")
    _inherit = ["synergy.policy.mixin", "mail.thread"]
    _write_policy = {
        "name": Allow(OFFICER),
        "description": Allow(OFFICER),
        "company_id": Allow(OFFICER),
        "model_id": Allow(OFFICER),
        "domain": Allow(OFFICER),
        "date_field": Allow(OFFICER),
        "aggregate": Allow(OFFICER),
        "value_field": Allow(OFFICER),
        "numerator_domain": Allow(OFFICER),
        "numerator_field": Allow(OFFICER),
        "ratio_percent": Allow(OFFICER),
        "owner_level": Allow(OFFICER),
        "owner_field": Allow(OFFICER),
        "second_owner_field": Allow(OFFICER),
        "kpi_ids": Allow(OFFICER),
        "active": Allow(OFFICER),
    }
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
    )
    model_id = fields.Many2one(
        comodel_name="ir.model",
        required=True,
        ondelete="cascade",
        domain=[("transient", "=", False), ("abstract", "=", False)],
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
        tracking=True,
        help="Numeric field summed or averaged; for a ratio, the denominator's field "
        "(empty: the denominator counts records).",
    )
    numerator_domain = fields.Char(
        default="[]",
        tracking=True,
        help="Ratio only: the extra condition of the numerator's records, on top of the domain.",
    )
    numerator_field = fields.Char(
        tracking=True,
        help="Ratio only: numeric field summed in the numerator (empty: count records).",
    )
    ratio_percent = fields.Boolean(string="Ratio in %", default=True, tracking=True)
    owner_level = fields.Selection(
        selection=[("company", "Company"), ("department", "Department"), ("employee", "Employee")],
        required=True,
        default="department",
        tracking=True,
        help="Who is credited with the value.",
    )
    owner_field = fields.Char(
        tracking=True,
        help="Field of the model, or path of relational fields (project_id.user_id), that leads "
        "to the owner credited: a user, employee, department, company or sales team (a team is "
        "credited to its leader's department). A record counts once per credited owner, "
        "however many of its assignees lead to that owner.",
    )
    second_owner_field = fields.Char(
        string="Second Dimension",
        tracking=True,
        help="Dimensional double counting: credit the same facts a second time along another "
        "owner field (e.g. region teams and product-line departments). Each dimension must add "
        "up to the company total; 'Check Dimensions' shows it.",
    )
    kpi_ids = fields.One2many("synergy.kpi", "measure_id", string="KPIs")
    active = fields.Boolean(default=True)
    # Set by create/write only (never from the client): who last defined the source and was
    # checked to be entitled to read it. The close evaluates with full rights, so it trusts a
    # source only while this user may still read it.
    source_validated_by_id = fields.Many2one(
        comodel_name="res.users",
        readonly=True,
        copy=False,
        tracking=True,
        help="The user who last set the source of this measure (model, domain, fields, owner "
        "path) and could read all of it. The period close computes the measure only while this "
        "user may still read it.",
    )
    source_validated_date = fields.Datetime(string="Source Validated On", readonly=True, copy=False)
    source_problem = fields.Char(
        compute="_compute_source_problem",
        help="Why the period close skips this measure, if it does.",
    )

    def _auto_init(self):
        # Databases that had measures before sources were validated: the shipped measures
        # (records of the product's data files) are data, validated by the superuser as at
        # install; measures users made must be saved again by someone entitled to their source.
        new_column = not sql.column_exists(self.env.cr, self._table, "source_validated_by_id")
        result = super()._auto_init()
        if new_column:
            self.env.cr.execute(
                SQL(
                    """
                    UPDATE synergy_measure AS measure
                       SET source_validated_by_id = %s,
                           source_validated_date = now() at time zone 'UTC'
                      FROM ir_model_data AS data
                     WHERE data.model = 'synergy.measure' AND data.res_id = measure.id
                       AND data.module LIKE 'perf_synergy%%'
                    """,
                    SUPERUSER_ID,
                )
            )
        return result

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
        for name in path.split("."):
            field = model._fields.get(name)
            if not name or field is None or not self._joinable(model, field):
                raise ValidationError(
                    self.env._(
                        "Measure %(measure)s: owner field %(path)s does not lead anywhere on "
                        "model %(model)s (%(name)s is not a stored relational field). Use a "
                        "field such as user_ids, or a path of relational fields such as "
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

    @api.model
    def _joinable(self, model, field):
        """Whether an owner path can go through ``field`` in SQL: a stored many2one or
        many2many, or a one2many whose inverse is a stored many2one."""
        if field.type in ("many2one", "many2many"):
            return field.store
        if field.type == "one2many":
            inverse = self.env[field.comodel_name]._fields.get(field.inverse_name)
            return bool(inverse and inverse.type == "many2one" and inverse.store)
        return False

    # ------------------------------------------------------------- source access
    @api.model
    def _denied_source_model(self, model_name):
        """Whether ``model_name`` is a system model, never a source (DENIED_MODEL_PREFIXES)."""
        model = self.env.get(model_name)
        return (
            model is None
            or model._transient
            or model._abstract
            or model_name.startswith(DENIED_MODEL_PREFIXES)
        )

    def _source_paths(self):
        """Every field path the source reads, as (label, path): fields, owner paths and the
        fields named in both domains (conditions nested in any/not any included)."""
        self.ensure_one()
        paths = [(self.env._("date field"), self.date_field)]
        if self.aggregate in ("sum", "avg", "ratio") and self.value_field:
            paths.append((self.env._("value field"), self.value_field))
        if self.aggregate == "ratio" and self.numerator_field:
            paths.append((self.env._("numerator field"), self.numerator_field))
        if self.owner_level != "company":
            paths.append((self.env._("owner field"), self.owner_field))
            if self.second_owner_field:
                paths.append((self.env._("second dimension"), self.second_owner_field))
        domains = [("domain", self.env._("domain"))]
        if self.aggregate == "ratio":
            domains.append(("numerator_domain", self.env._("numerator domain")))
        for field_name, label in domains:
            domain = Domain(ast.literal_eval(self[field_name] or "[]"))
            paths.extend((label, path) for path in self._domain_paths(self.model_name, domain))
        return [(label, path) for label, path in paths if path]

    @api.model
    def _domain_paths(self, model_name, domain, prefix=""):
        """Field paths of ``domain`` from ``model_name``; a sub-domain of any/not any is read
        on the model its path leads to, its paths prefixed with that path."""
        paths = []
        for condition in domain.iter_conditions():
            path = condition.field_expr
            paths.append(prefix + path)
            if condition.operator in ("any", "not any", "any!", "not any!"):
                comodel = self.env[model_name]
                for name in path.split("."):
                    field = comodel._fields.get(name)
                    if field is None or not field.relational:
                        break
                    comodel = self.env[field.comodel_name]
                else:
                    sub = condition.value
                    if not isinstance(sub, Domain):
                        sub = Domain(sub)
                    paths.extend(self._domain_paths(comodel._name, sub, f"{prefix}{path}."))
        return paths

    def _source_access_problem(self, user):
        """Why ``user`` may not read this measure's source, or False: the model must not be a
        system model, and the user needs read access to it, to every model a path crosses and
        to every field named (a field's ``groups`` included), in the measure's company."""
        self.ensure_one()
        env = self.with_user(user).env
        model_name = self.model_name
        if self._denied_source_model(model_name):
            return self.env._(
                "%(model)s is a system model: configuration, security, messaging and technical "
                "models are never the source of a measure. Pick a business model.",
                model=model_name,
            )
        if self.company_id not in user.sudo().company_ids and not env.su:
            return self.env._(
                "%(user)s is not allowed in company %(company)s.",
                user=user.name,
                company=self.company_id.name,
            )
        if not env[model_name].has_access("read"):
            return self.env._(
                "%(user)s may not read %(model)s records: ask an administrator to set up the "
                "measure, or to grant the read access to that model first.",
                user=user.name,
                model=model_name,
            )
        for label, path in self._source_paths():
            model = env[model_name]
            for name in path.split("."):
                field = model._fields.get(name)
                if field is None:
                    break  # the definition check names unknown fields
                if not model._has_field_access(field, "read"):
                    return self.env._(
                        "The %(label)s %(path)s reads field %(field)s of %(model)s, which "
                        "%(user)s may not read: pick another field, or ask a user who may "
                        "read it to set up the measure.",
                        label=label,
                        path=path,
                        field=name,
                        model=model._name,
                        user=user.name,
                    )
                if not (field.store or field.search or field.related):
                    # A computed secret (a password) is neither stored nor searchable.
                    return self.env._(
                        "The %(label)s %(path)s names field %(field)s of %(model)s, which is "
                        "neither stored nor searchable: pick a stored field.",
                        label=label,
                        path=path,
                        field=name,
                        model=model._name,
                    )
                if not field.relational:
                    break
                comodel = env[field.comodel_name]
                if (
                    self._denied_source_model(comodel._name)
                    and comodel._name not in PATH_ALLOWED_SYSTEM_MODELS
                ) or not comodel.has_access("read"):
                    return self.env._(
                        "The %(label)s %(path)s goes through %(model)s, which %(user)s may not "
                        "read (or which is a system model): pick a path that stays on models "
                        "%(user)s may read.",
                        label=label,
                        path=path,
                        model=comodel._name,
                        user=user.name,
                    )
                model = comodel
        return False

    def _check_source_access(self, user):
        for measure in self:
            problem = measure._source_access_problem(user)
            if problem:
                raise AccessError(
                    self.env._(
                        "Measure %(measure)s cannot read what it names: %(problem)s",
                        measure=measure.name,
                        problem=problem,
                    )
                )

    def _close_problem(self):
        """Why the privileged evaluation (close, refresh) must skip this measure, or False."""
        self.ensure_one()
        if not self.source_validated_by_id:
            return self.env._(
                "its source was never validated: an officer who may read the source must "
                "save the measure again."
            )
        problem = self._source_access_problem(self.source_validated_by_id)
        if problem:
            return self.env._(
                "its source was validated by %(user)s, who may no longer read it (%(problem)s). "
                "A user who may read the source must save the measure again.",
                user=self.source_validated_by_id.name,
                problem=problem,
            )
        return False

    @api.depends(*SOURCE_FIELDS, "source_validated_by_id")
    def _compute_source_problem(self):
        for measure in self:
            try:
                problem = measure._close_problem() if measure.model_id else False
                measure.source_problem = problem or False
            except (ValueError, SyntaxError, TypeError):
                measure.source_problem = False  # an unfinished domain: the save will say why

    @api.model_create_multi
    def create(self, vals_list):
        self._refuse_validation_fields(vals_list)
        measures = super().create(vals_list)
        if not self.env.su:
            measures._check_source_access(self.env.user)
        # The creator answers for the source; install data is created by the superuser.
        measures._record_validation()
        return measures

    def write(self, vals):
        self._refuse_validation_fields([vals])
        result = super().write(vals)
        if any(name in vals for name in SOURCE_FIELDS):
            if not self.env.su:
                self._check_source_access(self.env.user)
            self._record_validation()
        return result

    def _record_validation(self):
        """The current user becomes the validator of the sources of ``self``: written as
        superuser since users never set these fields themselves (tracked, with the user as
        author)."""
        self.sudo().write(
            {
                "source_validated_by_id": self.env.uid,
                "source_validated_date": fields.Datetime.now(),
            }
        )

    def _refuse_validation_fields(self, vals_list):
        if self.env.su:
            return
        for vals in vals_list:
            names = [name for name in VALIDATION_FIELDS if name in vals]
            if names:
                raise AccessError(
                    self.env._(
                        "%(fields)s of a measure are set when its source is saved, by the user "
                        "who saves it; they cannot be written.",
                        fields=", ".join(names),
                    )
                )

    # ---------------------------------------------------------------- computation
    def _period_domain(self, period):
        field = self.env[self.model_name]._fields[self.date_field]
        start, end = period.date_start, period.date_end
        if field.type == "datetime":
            start = fields.Datetime.to_datetime(start)
            end = fields.Datetime.to_datetime(fields.Date.add(end, days=1))
            return Domain(self.date_field, ">=", start) & Domain(self.date_field, "<", end)
        return Domain(self.date_field, ">=", start) & Domain(self.date_field, "<=", end)

    def _source_model(self, as_user=False):
        """The source model with full rights (the close) or as the current user (preview,
        dimension check): record rules, access rights and field groups then apply."""
        model = self.env[self.model_name].with_context(active_test=False)
        return model if as_user else model.sudo()

    def _source_domain(self, domain, model):
        if "company_id" in model._fields:
            # Records shared by all companies (no company) count for every company.
            domain &= Domain("company_id", "in", [self.company_id.id, False])
        return domain

    @api.model
    def _owner_path_sql(self, model, path, query):
        """SQL expression of the owner source reached from ``model`` along ``path``, joining
        each hop (many2one, one2many, many2many) into ``query``. A record with several sources
        yields one row per source; a hop's comodel restrictions (record rules when not sudo,
        the field's own domain) apply as in ``_read_group``."""
        alias = model._table
        names = path.split(".")
        for index, name in enumerate(names):
            field = model._fields[name]
            comodel = model.env[field.comodel_name].with_context(active_test=False)
            codomain = field.get_comodel_domain(model) if field.type != "many2one" else []
            coquery = comodel._search(codomain)
            if field.type == "many2one":
                target = model._field_to_sql(alias, name, query)
                link = None
            elif field.type == "one2many":
                model._check_field_access(field, "read")
                link = query.make_alias(alias, name)
                query.add_join(
                    "JOIN",
                    link,
                    comodel._table,
                    SQL(
                        "%s = %s",
                        SQL.identifier(link, field.inverse_name),
                        SQL.identifier(alias, "id"),
                    ),
                )
                target = SQL.identifier(link, "id")
            else:
                model._check_field_access(field, "read")
                relation = query.make_alias(alias, name)
                query.add_join(
                    "JOIN",
                    relation,
                    field.relation,
                    SQL(
                        "%s = %s",
                        SQL.identifier(relation, field.column1),
                        SQL.identifier(alias, "id"),
                    ),
                )
                target = SQL.identifier(relation, field.column2)
                link = None
            if coquery.where_clause:
                query.add_where(SQL("%s IN %s", target, coquery.subselect()))
            if index == len(names) - 1:
                return target
            if link is None:
                link = query.make_alias(alias, f"{name}__hop")
                query.add_join(
                    "JOIN", link, comodel._table, SQL("%s = %s", target, SQL.identifier(link, "id"))
                )
            model, alias = comodel, link
        raise ValueError(f"Empty owner path on {model._name}")

    def _owner_sources(self, model, domain, owner_field):
        """Every owner source (user, employee, team...) the records of ``domain`` lead to
        along ``owner_field``: one query."""
        comodel = self.env[self._owner_path_comodel_of(owner_field)]
        query = model._search(domain)
        if query.is_empty():
            return comodel
        source = self._owner_path_sql(model, owner_field, query)
        rows = self.env.execute_query(
            SQL(
                "SELECT DISTINCT src FROM (%s) AS sources(src) WHERE src IS NOT NULL",
                query.select(source),
            )
        )
        return comodel.with_env(model.env).browse(row[0] for row in rows)

    def _credited(self, model, domain, value_field, owner_field, pairs):
        """{owner id: (sum, count)} of the records of ``domain``: each record counts once per
        credited owner, however many of its sources (two assignees of one department...) lead
        to that owner. ``pairs`` = (source ids, owner ids) arrays. One query: the distinct
        (record, owner) pairs are aggregated in SQL."""
        source_ids, owner_ids = pairs
        if not source_ids:
            return {}
        query = model._search(domain)
        if query.is_empty():
            return {}
        source = self._owner_path_sql(model, owner_field, query)
        value = model._field_to_sql(model._table, value_field, query) if value_field else SQL("0")
        facts = query.select(SQL.identifier(model._table, "id"), source, value)
        rows = self.env.execute_query(
            SQL(
                """
                SELECT credited.owner_id, COUNT(*), SUM(credited.val)
                  FROM (SELECT DISTINCT fact.rec_id, owner_map.owner_id, fact.val
                          FROM (%s) AS fact(rec_id, source_id, val)
                          JOIN unnest(%s::int[], %s::int[]) AS owner_map(source_id, owner_id)
                            ON owner_map.source_id = fact.source_id) AS credited
                 GROUP BY credited.owner_id
                """,
                facts,
                source_ids,
                owner_ids,
            )
        )
        return {owner_id: (float(total or 0.0), count) for owner_id, count, total in rows}

    def _company_aggregate(self, model, domain, value_field):
        """(sum, count) of the records of ``domain``: one query, each record once."""
        aggregates = ["__count", f"{value_field}:sum"] if value_field else ["__count"]
        row = model._read_group(domain, [], aggregates)[0]
        count = row[0]
        total = row[1] if value_field else count
        return float(total or 0.0), count

    def _value_field(self):
        """The summed field, if the aggregate uses one (a count ignores a leftover field)."""
        return self.value_field if self.aggregate != "count" else False

    def _owner_path_comodel_of(self, owner_field):
        return self._owner_path_comodel(
            "owner_field" if owner_field == self.owner_field else "second_owner_field"
        )

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

    def _evaluate(self, period, owner_field=None, as_user=False):
        """{owner record: value} of this measure over ``period``, credited along
        ``owner_field`` (default: the measure's owner field); with full rights, or with the
        current user's when ``as_user`` (the preview)."""
        self.ensure_one()
        owner_field = owner_field or self.owner_field
        model = self._source_model(as_user)
        base = self._source_domain(
            self._parse_domain("domain") & self._period_domain(period), model
        )
        ratio = self.aggregate == "ratio"
        numerator_domain = base & self._parse_domain("numerator_domain") if ratio else None
        if self.owner_level == "company":
            company = self.company_id
            main = {company: self._company_aggregate(model, base, self._value_field())}
            numerator = (
                {company: self._company_aggregate(model, numerator_domain, self.numerator_field)}
                if ratio
                else {}
            )
        else:
            # The numerator's records are a subset of the domain's: its sources are too.
            sources = self._owner_sources(model, base, owner_field)
            pairs, owners = source_owner_arrays(sources, self._owner_resolver(sources))
            main = self._credited(model, base, self._value_field(), owner_field, pairs)
            numerator = (
                self._credited(model, numerator_domain, self.numerator_field, owner_field, pairs)
                if ratio
                else {}
            )
            main = {owners[owner_id]: value for owner_id, value in main.items()}
            numerator = {owners[owner_id]: value for owner_id, value in numerator.items()}
        return values_by_owner(
            self.aggregate,
            main,
            numerator,
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
        """Dimensional double counting check for ``period``, as the current user (the
        wizard shows figures and record names): company total, each dimension's total,
        whether they balance, and the facts missing a dimension."""
        self.ensure_one()
        problem = self._source_access_problem(self.env.user)
        if problem:
            raise AccessError(problem)
        model = self._source_model(as_user=True)
        base = self._source_domain(
            self._parse_domain("domain") & self._period_domain(period), model
        )
        total, count = self._company_aggregate(model, base, self._value_field())
        company_total = float(count) if self.aggregate == "count" else total
        first = self._evaluate(period, as_user=True)
        second = (
            self._evaluate(period, self.second_owner_field, as_user=True)
            if self.second_owner_field
            else {}
        )
        first_total, second_total, balanced = dimension_balance(company_total, first, second)
        # Facts no owner is credited with, per dimension: empty field or unmapped source.
        facts = model.search(base)
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

    @api.model
    def _compute_periods(self, periods):
        """Write the values of every KPI fed by a measure, for ``periods``, in bulk.

        Unlocked measure values are replaced; a manual value entered for an owner overrides the
        measure for that owner; closed periods are left alone. The evaluation runs with full
        rights, so a measure whose source was not validated by a user still entitled to read it
        is skipped (its values are left as they are) with the reason logged and posted on it.
        """
        periods = periods.filtered(lambda p: p.state != "closed")
        kpis = self.env["synergy.kpi"].search(
            [
                ("value_source", "=", "measure"),
                ("measure_id", "!=", False),
                ("company_id", "in", periods.company_id.ids),
            ]
        )
        skipped = kpis.measure_id._skip_unvalidated()
        kpis = kpis.filtered(lambda k: k.measure_id not in skipped)
        if not kpis or not periods:
            return self.env["synergy.kpi.value"]
        Value = self.env["synergy.kpi.value"].with_context(tracking_disable=True)
        existing = Value.search([("kpi_id", "in", kpis.ids), ("period_id", "in", periods.ids)])
        # (a closing period's values are locked to users, not to its close)
        kept = existing.filtered(lambda v: v.period_id.state == "closed" or v.source != "measure")
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

    def _skip_unvalidated(self):
        """The measures of ``self`` the privileged evaluation must skip; each reason is
        logged and posted on the measure for the officers who follow it."""
        skipped = self.browse()
        for measure in self:
            problem = measure._close_problem()
            if not problem:
                continue
            skipped |= measure
            _logger.warning("Measure %s (id %s) skipped: %s", measure.name, measure.id, problem)
            measure.sudo().message_post(
                body=self.env._(
                    "Not computed: %(problem)s Its KPI values keep their last computed figures.",
                    problem=problem,
                )
            )
        return skipped

    def _owner_vals(self, owner):
        level = self.owner_level
        vals = {"owner_level": level, "company_id": self.company_id.id}
        if level == "department":
            vals["department_id"] = owner.id
        elif level == "employee":
            vals["employee_id"] = owner.id
            vals["department_id"] = owner.department_id.id
        return vals

    def _preview_values(self, period):
        """{owner: value} over ``period`` as the current user: only the records, models and
        fields he may read, record rules included; a source he may not read is refused with
        the reason, never evaluated with full rights."""
        self.ensure_one()
        self._check_source_access(self.env.user)
        return self._evaluate(period, as_user=True)

    @user_action(OFFICER)
    def action_preview(self):
        """Show this measure's values for the current open period as a notification, computed
        with the rights of the user who asks (never with full rights)."""
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
            values = self._preview_values(period)
            message = "\n".join(
                f"{owner.display_name}: {value:.2f}" for owner, value in values.items()
            ) or self.env._("No data in %s.", period.name)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"title": self.name, "message": message, "sticky": False},
        }

    @user_action(MANAGER)
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
