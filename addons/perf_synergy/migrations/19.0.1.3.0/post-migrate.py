"""Companies that existed before 19.0.1.3.0 shared the shipped processes: each gets its own
copy now (the install hook covers fresh installs, res.company.create new companies)."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["synergy.process"]._synergy_install_for_companies(
        env["res.company"].with_context(active_test=False).search([])
    )
