from odoo import api, models

from ..tools.given import sync_given_flags


class SynergyGivenMixin(models.AbstractModel):
    """A floor and a stretch that may be left empty (``floor_set`` / ``stretch_set``, see
    ``tools/given.py``): the flags follow the numbers on every path (create, write, import) and
    on screen. The model defines the four fields."""

    _name = "synergy.given.mixin"
    _description = "Floor and Stretch Given"
    _given_fields = ("floor", "stretch")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            sync_given_flags(vals, self._given_fields)
        return super().create(vals_list)

    def write(self, vals):
        return super().write(sync_given_flags(dict(vals), self._given_fields))

    # On screen an empty number reads 0 (and a new record runs every onchange): a number other
    # than 0 ticks its flag; a 0 meant as a value is given by ticking the flag.
    @api.onchange("floor")
    def _onchange_floor_given(self):
        if self.floor:
            self.floor_set = True

    @api.onchange("stretch")
    def _onchange_stretch_given(self):
        if self.stretch:
            self.stretch_set = True
