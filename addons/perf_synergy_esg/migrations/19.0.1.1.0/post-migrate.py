"""Companies that existed before 19.0.1.1.0 did not get the shipped ESG catalogue (indicators,
procurement measures and KPIs): the install hook copies it for fresh installs and
res.company.create for new companies. Each company gets its copy now; what a company already
has (same indicator or KPI code) is kept as it is."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].with_context(active_test=False).search([])._synergy_esg_install_catalogue()
