"""The periods whose close is running in this call stack.

A close computes the measure values of its periods, then refreshes every line of them. The
values' own hook (``synergy.kpi.value._refresh_scorecard_lines``) would refresh those lines a
first time, for nothing: inside :func:`closing`, it leaves them to the close.

A Python context variable, not an Odoo context key: an RPC client can send any context key
(and so leave lines stale), but it cannot reach a variable of the server's own call stack.
"""

import contextvars
from contextlib import contextmanager

_CLOSING = contextvars.ContextVar("synergy_closing_periods", default=frozenset())


@contextmanager
def closing(period_ids):
    """Inside this block, the lines of ``period_ids`` are refreshed by the close afterwards."""
    token = _CLOSING.set(_CLOSING.get() | frozenset(period_ids))
    try:
        yield
    finally:
        _CLOSING.reset(token)


def closing_period_ids():
    return _CLOSING.get()
