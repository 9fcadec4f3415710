"""Rounding many floats to a field's digits, as ``Float.convert_to_cache`` rounds them."""

from odoo.tools.float_utils import float_round


def float_rounder(digits):
    """``float_round(value, precision_digits=digits)`` as a function of one value, for the
    100,000 actuals of a period close. Most of them are values stored with these digits
    already: the builtin ``round()`` recognises such a float for a fraction of the cost of
    ``float_round``, which gives it back unchanged (tests/integration/test_rounding.py)."""
    # Below this magnitude, value x 10**digits is within 2**-12 of the decimal's integer and
    # float_round's epsilon (2**-50 of it) below 2**-10: the float nearest a decimal of
    # ``digits`` digits comes back from float_round as it is. Above, float_round itself.
    limit = 2.0**40 / 10**digits

    def rounder(value):
        value = float(value)
        if -limit < value < limit and round(value, digits) == value:
            return value or 0.0  # float_round gives 0.0 for -0.0
        return float_round(value, precision_digits=digits)

    return rounder
