"""Arguments of the product's public methods, as sent by clients (JSON-RPC, JSON-2, XML-RPC).

A client may send anything JSON can carry where the method expects a record id, a text or a
flag: huge or negative numbers, strings, null, lists, objects. Left to the ORM or to Python,
they end as a TypeError, an AttributeError or a PostgreSQL error: an HTTP 500 that tells the
caller nothing. Each kind of argument is checked here, once, with a message saying what is
wrong and what to send; the product's methods call these instead of checking by hand.
"""

from contextlib import contextmanager

from odoo.api import NewId
from odoo.exceptions import UserError

# Record ids are PostgreSQL integers.
MAX_ID = 2**31 - 1


def _is_id(value):
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_ID


def _shown(value, limit=60):
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check_record_ids(records):
    """``records`` as browsed from a client's ``ids``: refused unless every id is a whole number
    from 1 to 2147483647 (new records of a form, which have no id yet, pass)."""
    wrong = [i for i in records._ids if not _is_id(i) and not isinstance(i, NewId)]
    if wrong:
        raise UserError(
            records.env._(
                "%(value)s is not a record id of %(model)s: send the ids of existing records, "
                "whole numbers from 1 to %(max)s.",
                value=_shown(wrong[0]),
                model=records._description,
                max=MAX_ID,
            )
        )
    return records


@contextmanager
def action_arguments(records):
    """Around a public action: its records' ids are checked first, and an action that works on
    one record, called on none or on several, says so instead of failing on ``ensure_one()``."""
    check_record_ids(records)
    try:
        yield
    except ValueError as error:
        if len(records) != 1 and str(error).startswith("Expected singleton"):
            raise UserError(
                records.env._(
                    "This action of %(model)s works on one record at a time; it was called on "
                    "%(count)s. Call it with the id of one record.",
                    model=records._description,
                    count=len(records),
                )
            ) from error
        raise


def record_id(env, value, name, required=True):
    """A record id argument (``report_id=...``): the id as an int; None when not required and
    not given. Refused when not a whole number from 1 to 2147483647."""
    if (value is None or value is False) and not required:
        return None
    if not _is_id(value):
        raise UserError(
            env._(
                "%(name)s must be the id of a record, a whole number from 1 to %(max)s; "
                "got %(value)s.",
                name=name,
                max=MAX_ID,
                value=_shown(value),
            )
        )
    return value


def text(env, value, name, required=False, max_length=10000):
    """A text argument (a reason, a comment): stripped, without NUL characters; "" when not
    given. Refused when it is not a string, is empty while required, or is too long."""
    if value is None or value is False:
        value = ""
    if not isinstance(value, str):
        raise UserError(
            env._("%(name)s must be a text; got %(value)s.", name=name, value=_shown(value))
        )
    value = value.replace("\x00", "").strip()
    if required and not value:
        raise UserError(env._("%(name)s is required: write it.", name=name))
    if len(value) > max_length:
        raise UserError(
            env._(
                "%(name)s is too long (%(length)s characters): at most %(max)s.",
                name=name,
                length=len(value),
                max=max_length,
            )
        )
    return value


def flag(env, value, name):
    """A yes/no argument: true, false, 1, 0 or null (no). Anything else is refused rather than
    read as yes (a non-empty string or list would be truthy)."""
    if value is None or isinstance(value, bool) or (type(value) is int and value in (0, 1)):
        return bool(value)
    raise UserError(
        env._("%(name)s must be true or false; got %(value)s.", name=name, value=_shown(value))
    )
