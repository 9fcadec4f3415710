from odoo import models

from ..tools.shipped_copies import SHIPPING_MODULES, translate_copies


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """The companies' copies of shipped records get the terms of the shipped ones
        (tools/shipped_copies.py)."""
        result = super()._load_module_terms(modules, langs, overwrite=overwrite)
        if set(modules) & set(SHIPPING_MODULES):
            translate_copies(self.env, overwrite=overwrite)
        return result
