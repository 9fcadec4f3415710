import math

from odoo import api, models
from odoo.exceptions import ValidationError

# Larger amounts are typing or import mistakes, and they overflow the scores computed from them.
MAX_MAGNITUDE = 1e15
# PostgreSQL ``integer`` columns.
MAX_INTEGER = 2**31 - 1


class SynergyFiniteMixin(models.AbstractModel):
    """Refuses NaN, infinities and absurd magnitudes in every number field a user can type,
    whatever the path (form, import through ``load``, JSON-RPC, JSON-2): PostgreSQL stores
    ``NaN`` and ``Infinity`` in float and numeric columns, and every score computed from them
    would be meaningless. The check runs before anything is written. NUL characters, which
    PostgreSQL refuses in text, are dropped from texts."""

    _name = "synergy.finite.mixin"
    _description = "Finite Numbers"

    @api.model
    def _check_finite_vals(self, vals):
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if (
                field.type in ("char", "text", "html")
                and isinstance(value, str)
                and "\x00" in value
            ):
                # PostgreSQL refuses NUL characters in text: drop them instead of failing.
                vals[name] = value.replace("\x00", "")
                continue
            if field.type not in ("float", "monetary", "integer"):
                continue
            if value is None or value is False or isinstance(value, bool):
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(model)s must be a number, not %(value)r.",
                        field=field.get_description(self.env)["string"],
                        model=self._description,
                        value=str(value)[:40],
                    )
                ) from None
            limit = MAX_INTEGER if field.type == "integer" else MAX_MAGNITUDE
            if not math.isfinite(number) or abs(number) > limit:
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(model)s must be a finite number between -%(limit)s and "
                        "%(limit)s; %(value)s was refused. Enter the figure again.",
                        field=field.get_description(self.env)["string"],
                        model=self._description,
                        limit=f"{limit:g}",
                        value=str(value)[:40],
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_finite_vals(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_finite_vals(vals)
        return super().write(vals)
