"""Writing different values on many records at once.

``records.write(vals)`` writes the same values on every record. Writing a different value on
each of N records with N ``write()`` calls pays N times for the access checks and for the
dependency walk of ``modified()``, which runs one ``search`` per record for every many2many
or non-cached inverse that depends on the written fields (bonus pool gates, interlocks...):
O(N) queries. :func:`write_per_record` does what ``write()`` does, once for the whole set:
one access check, the values put in the cache as pending updates through each field's
``Field.write()`` protocol (flushed later by the ORM
in ``UPDATE ... FROM (VALUES ...)`` batches), one ``modified()`` call. It is meant for plain
stored fields (numbers, booleans, chars, selections, many2one ids) that no inverse or
constraint needs to see field by field and that are not tracked; constraints declared on
those fields are run once for the set.
"""


def write_per_record(records, vals_by_id):
    """Write ``vals_by_id`` ({record id: {field name: value}}) on ``records`` in bulk."""
    if not vals_by_id:
        return
    model = records.browse()
    targets = model.browse(list(vals_by_id))
    targets.check_access("write")
    names = sorted({name for vals in vals_by_id.values() for name in vals})
    for name in names:
        field = model._fields[name]
        if (
            not field.store
            or field.inverse
            or field.type in ("one2many", "many2many")
            or getattr(field, "tracking", None)
        ):
            raise ValueError(f"write_per_record() cannot write {model._name}.{name}")
        model._check_field_access(field, "write")
    if model._log_access:
        now = model.env.cr.now()
        model._fields["write_uid"].write(targets, model.env.uid)
        model._fields["write_date"].write(targets, now)
    relational = [name for name in names if model._fields[name].relational]
    if relational:
        targets.modified(relational, before=True)
    # Field.write() is the field protocol BaseModel.write() uses: it puts the value in the
    # cache and marks it dirty, skipping records whose value does not change.
    for name in names:
        field = model._fields[name]
        for record_id, vals in vals_by_id.items():
            if name in vals:
                field.write(model.browse(record_id), vals[name])
    targets.modified(names)
    targets._validate_fields(names)
    return targets
