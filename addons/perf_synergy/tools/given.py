"""Optional numbers of a scoring curve: empty is not 0 (DESIGN.md section 4).

A floor or stretch of 0 is a value (zero incidents, zero defects); the direction's default
applies only where the field is left empty. Odoo's Float cannot hold "empty": the ORM writes
False as 0.0 and reads NULL as 0.0, and the web client turns an empty input into 0. Each such
number therefore has a Boolean companion ``<name>_set`` ("given"): ticked, the number applies,
0 included; unticked, the default applies and the number is kept at 0.
"""

FLAG_SUFFIX = "_set"


def flag_of(name):
    return f"{name}{FLAG_SUFFIX}"


def sync_given_flags(vals, names):
    """Keep the ``<name>_set`` flags of create/write ``vals`` in step with the numbers, in
    place: writing a number (0 included) ticks its flag, writing False or None clears it (an
    empty cell of an import arrives as False); clearing a flag resets its number to 0. An
    explicit flag in ``vals`` wins."""
    for name in names:
        flag = flag_of(name)
        if name in vals and flag not in vals:
            vals[flag] = vals[name] is not False and vals[name] is not None
        if flag in vals and not vals[flag]:
            vals[name] = 0.0
    return vals


def given(record, name):
    """``record.<name>`` when given, else None (``record``: a record or a row with the same
    attributes)."""
    return getattr(record, name) if getattr(record, flag_of(name)) else None


def given_values(record, names):
    """{name: value, name_set: flag} of ``record``, to copy the numbers with their flags."""
    values = {}
    for name in names:
        values[name] = record[name]
        values[flag_of(name)] = bool(record[flag_of(name)])
    return values
