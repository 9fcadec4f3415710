"""Pure-Python computations of Performance Synergy: no Odoo import, tested without a database."""
