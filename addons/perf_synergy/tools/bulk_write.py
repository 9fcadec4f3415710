"""Writing different values on many records at once.

``records.write(vals)`` writes the same values on every record. Writing a different value on
each of N records with N ``write()`` calls pays N times for the access checks and for the
dependency walk of ``modified()``, which runs one ``search`` per record for every many2many
or non-cached inverse that depends on the written fields (bonus pool gates, interlocks...):
O(N) queries; and the ORM's flush then writes them in statements of 100 rows, each value
converted and quoted one by one (1,000 statements for the 100,000 lines of a period close).

:func:`sql_write_per_record` does what ``write()`` does once for the whole set, for derived
numbers computed in bulk: one access check, one ``UPDATE ... FROM unnest(arrays)``, the
cache holding the written values, one ``modified()`` call, the constraints once.
"""

from odoo.models import BaseModel
from odoo.tools import SQL

from .rounding import float_rounder

# Field types written as plain columns; the numbers and booleans need no quoting in an
# array literal.
SIMPLE_TYPES = frozenset(
    {"boolean", "integer", "float", "many2one", "selection", "char", "date", "datetime"}
)
UNQUOTED_TYPES = frozenset({"boolean", "integer", "float", "many2one"})


def reserve_update_room(model, fillfactor=50):
    """Leave room in each page of ``model``'s table (its ``fillfactor``) for the rows' next
    versions: PostgreSQL then updates a row in its page without rewriting its index entries
    (a HOT update) when no indexed column changes. For tables whose derived numbers are
    rewritten in bulk; applies to the pages written from now on."""
    model.env.cr.execute(
        SQL(
            "ALTER TABLE %s SET (fillfactor = %s)",
            SQL.identifier(model._table),
            SQL(str(int(fillfactor))),
        )
    )


def array_literal(values, quoted):
    """PostgreSQL array literal of ``values`` (SQL parameters: None, numbers, bools, or, when
    ``quoted``, anything whose str() is the value's text), to cast to the column's array
    type. One literal per column is parsed by PostgreSQL at once: a VALUES list of as many
    parameters costs far more to build and to parse."""
    if not quoted:
        # str() of a number or a bool never holds "None": the NULLs are put in afterwards,
        # which spares a test per value (a close writes 100,000 rows of five columns).
        text = ",".join(map(str, values))
        return "{" + (text.replace("None", "NULL") if "None" in text else text) + "}"
    return (
        "{"
        + ",".join(
            "NULL"
            if value is None
            else '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'
            for value in values
        )
        + "}"
    )


def id_array(ids):
    """SQL of ``ids`` as one ``int4[]`` constant, for ``= ANY(...)``: a Python list passed
    as a parameter becomes ``ARRAY[1, 2, ...]``, one expression per id for PostgreSQL to
    parse (0.1 s more for the 100,000 lines of a period close)."""
    return SQL("%s::int4[]", array_literal(ids, quoted=False))


def column_converter(field, env):
    """The ORM's conversion of a value of ``field`` to its SQL parameter
    (``Field.convert_to_column``), inlined for the simple types."""
    if field.company_dependent or field.translate or field.type not in SIMPLE_TYPES:
        raise NotImplementedError(f"{field}: only plain columns are written in SQL")
    if field.type == "float":
        digits = field.get_digits(env)
        if not digits:
            return lambda value: float(value or 0.0)
        scale = digits[1]
        rounder = float_rounder(scale)
        # float_repr() of the rounded value, as Float.convert_to_column
        return lambda value: f"{rounder(value or 0.0) or 0.0:.{scale}f}"
    if field.type == "integer":
        return lambda value: int(value or 0)
    if field.type == "boolean":
        return bool
    if field.type == "many2one":
        return lambda value: value or None
    model = env[field.model_name]
    return lambda value: field.convert_to_column(value, model)


def _cache_converter(field, env, rounded=False):
    """``Field.convert_to_cache`` of the plain scalar types, inlined. ``rounded``: a float
    is already rounded to its digits (rounding it again gives the same number)."""
    if field.type == "float":
        digits = field.get_digits(env)
        if not digits or rounded:
            return lambda value: float(value or 0.0)
        rounder = float_rounder(digits[1])
        return lambda value: rounder(value or 0.0)
    if field.type == "integer":
        return lambda value: int(value or 0)
    if field.type == "boolean":
        return bool
    model = env[field.model_name]
    return lambda value: field.convert_to_cache(value, model)


def check_write_access(records):
    """``records.check_access("write")`` with the record rules evaluated by the database:
    the ORM evaluates them in Python over the records (``filtered_domain``), reading the
    rules' fields of each one (1.5 s for 100,000 lines). The records a rule forbids go
    through ``check_access`` itself, which raises the ORM's own error for them."""
    model = records.browse()
    model.check_access("write")  # the access rights of the model
    if model.env.su or not records or type(model)._check_access is not BaseModel._check_access:
        records.check_access("write")  # a model of its own rules decides by itself
        return
    domain = model.env["ir.rule"]._compute_domain(model._name, "write")
    if not domain:
        return
    everything = model.sudo().with_context(active_test=False)
    query = everything._search(domain)
    # The ids as one array literal: a domain ("id", "in", ids) passes 100,000 parameters.
    query.add_where(SQL("%s = ANY(%s)", SQL.identifier(model._table, "id"), id_array(records._ids)))
    ids = set(records._ids)
    # Counted first: when the rules allow them all, no id needs to come back (100,000 lines).
    if len(query) == len(ids):
        return
    allowed = set(query)
    records.browse([i for i in ids if i not in allowed]).check_access("write")


def _check_writable(model, names, untracked=False):
    for name in names:
        field = model._fields[name]
        tracked = getattr(field, "tracking", None) and not untracked
        if not field.store or field.inverse or field.relational or tracked:
            raise ValueError(f"sql_write_per_record() cannot write {model._name}.{name}")
        model._check_field_access(field, "write")


def sql_write_per_record(records, vals_by_id, rounded=False, untracked=False):
    """Write ``vals_by_id`` ({record id: {field name: value}}, every record giving the same
    fields) with one SQL ``UPDATE``, keeping what ``write()`` guarantees: access rights and
    record rules checked, locked records refused (``synergy.policy.mixin``),
    ``write_uid``/``write_date`` set, the cache holding the written values, computed fields
    written here protected from their own recomputation, what depends on the fields marked
    to recompute, the fields' constraints run once for the set.

    For non-relational plain columns (numbers, booleans, selections, chars, dates) that are
    not tracked and have no inverse: derived values computed in bulk by their owner.

    ``rounded``: the float values are already rounded to their fields' digits (as
    ``convert_to_cache`` gives them), so they are not rounded again. ``untracked``: tracked
    fields may be written, with no tracking message: the caller logs the change itself."""
    if not vals_by_id:
        return records.browse()
    model = records.browse()
    env = model.env
    ids = list(vals_by_id)
    targets = model.browse(ids)
    check_write_access(targets)
    if hasattr(model, "_check_unlocked"):
        targets._check_unlocked()  # the lock of write(): no bulk path around it
    names = sorted(next(iter(vals_by_id.values())))
    if any(vals.keys() != set(names) for vals in vals_by_id.values()):
        raise ValueError("sql_write_per_record() needs the same fields for every record")
    _check_writable(model, names, untracked)
    fields = [model._fields[name] for name in names]
    # A pending ORM update of these fields would overwrite the rows at the next flush; a
    # pending recomputation of those given here is moot (flushing would run it first).
    for field in fields:
        if field.compute:
            env.remove_to_compute(field, targets)
    targets.flush_recordset(names)
    assignments = [SQL('%s = "__tmp".%s', SQL.identifier(n), SQL.identifier(n)) for n in names]
    if model._log_access:
        assignments += [
            SQL("write_uid = %s", env.uid),
            SQL("write_date = %s", env.cr.now()),
        ]
    arrays = [id_array(ids)]
    cache_values = {}
    for field in fields:
        name = field.name
        if rounded and field.type == "float":
            # Given as convert_to_cache gives them (100,000 conversions fewer per column).
            values = [vals_by_id[record_id][name] or 0.0 for record_id in ids]
        else:
            to_cache = _cache_converter(field, env, rounded)
            values = [to_cache(vals_by_id[record_id][name]) for record_id in ids]
        cache_values[field] = values
        # The column value of a cached value: a float is already rounded to its digits; the
        # other unquoted types are their own column values.
        digits = field.type == "float" and field.get_digits(env)
        if digits:
            column = map(lambda value, scale=digits[1]: f"{value or 0.0:.{scale}f}", values)
        elif field.type in UNQUOTED_TYPES:
            column = values
        else:
            column = map(column_converter(field, env), values)
        arrays.append(
            SQL(
                "%s::%s[]",
                array_literal(column, quoted=field.type not in UNQUOTED_TYPES),
                SQL(field.column_type[1]),
            )
        )
    env.cr.execute(
        SQL(
            'UPDATE %(table)s SET %(assignments)s FROM unnest(%(arrays)s) AS "__tmp"(id, %(cols)s)'
            ' WHERE %(table)s.id = "__tmp".id',
            table=SQL.identifier(model._table),
            assignments=SQL(", ").join(assignments),
            arrays=SQL(", ").join(arrays),
            cols=SQL(", ").join(SQL.identifier(name) for name in names),
        )
    )
    if model._log_access:
        targets.invalidate_recordset(["write_uid", "write_date"])
    for field in fields:
        field._invalidate_cache(env, ids)
        field._insert_cache(targets, cache_values[field])
    # As write() does: the computed fields given are not recomputed on these records, what
    # depends on the fields is; then the fields' constraints.
    computed = [field for field in fields if field.compute]
    with env.protecting(computed, targets):
        targets.modified(names)
    targets._validate_fields(names)
    return targets
