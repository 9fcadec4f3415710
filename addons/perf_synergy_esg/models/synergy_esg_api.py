from odoo import api, models
from odoo.addons.perf_synergy.tools.arguments import MAX_ID, flag, record_id
from odoo.addons.perf_synergy.tools.write_policy import ESG_MANAGER, PORTAL, user_action
from odoo.exceptions import AccessError, UserError, ValidationError


class SynergyEsgApi(models.AbstractModel):
    """The entry point of external systems: ``POST /json/2/synergy.esg.api/upsert_report_lines``
    with an API key (``Authorization: Bearer <key>``). See readme/USAGE.md for the payload.

    It runs as the key's user, so the record rules decide what it may touch: a supplier's portal
    user reaches only its own company's reports, a procurement user those of its companies. The
    answers go through the same validator as the portal and the import
    (``synergy.esg.report._esg_apply_line_values``).
    """

    _name = "synergy.esg.api"
    _description = "Supplier ESG API"
    _inherit = ["synergy.policy.mixin"]

    @api.model
    @user_action(PORTAL, ESG_MANAGER)
    def upsert_report_lines(self, lines, report_id=None, period=None, supplier=None, submit=False):
        """Upsert answers of one report; idempotent; returns the per-line results.

        :param list lines: rows ``{"indicator": code, "value": ..., "unit": ..., "comment": ...,
            "activity": ..., "activity_unit": ...}``
        :param int report_id: the report; or find it by ``period`` and ``supplier``
        :param str period: name of the period (e.g. ``2026-Q1``) when no ``report_id`` is given
        :param supplier: partner id, reference or VAT of the supplier; defaults to the caller's
            own company (portal users)
        :param bool submit: submit the report when every line is valid
        :return: ``{"report_id", "report", "state", "ok", "errors", "lines": [{"indicator",
            "status", "message"}], "submitted", "submit_error"}``
        """
        submit = flag(self.env, submit, "submit")
        report = self._esg_find_report(report_id, period, supplier)
        try:
            results = report._esg_apply_line_values(lines)
        except AccessError as error:
            raise AccessError(
                self.env._("You cannot change ESG report %s.", report_id or period)
            ) from error
        errors = sum(1 for result in results if result["status"] == "error")
        submitted, submit_error = False, ""
        if submit and not errors:
            try:
                with self.env.cr.savepoint():
                    report.action_submit()
                submitted = True
            except (UserError, ValidationError) as error:
                submit_error = error.args[0]
        return {
            "report_id": report.id,
            "report": report.name,
            "state": report.state,
            "ok": len(results) - errors,
            "errors": errors,
            "lines": results,
            "submitted": submitted,
            "submit_error": submit_error,
        }

    @api.model
    def _esg_find_report(self, report_id, period, supplier):
        Report = self.env["synergy.esg.report"]
        report_id = record_id(self.env, report_id, "report_id", required=False)
        if report_id:
            report = Report.search([("id", "=", report_id)])
            if not report:
                raise UserError(
                    self.env._("ESG report %s does not exist or is not yours.", report_id)
                )
            return report
        if not period:
            raise UserError(
                self.env._("Give report_id, or period (its name, e.g. 2026-Q1) and supplier.")
            )
        partner = self._esg_find_supplier(supplier)
        # Suppliers do not read periods; the name only selects among the caller's own reports.
        periods = self.env["synergy.period"].sudo().search([("name", "=", str(period))])
        reports = Report.search([("period_id", "in", periods.ids), ("partner_id", "=", partner.id)])
        if len(reports) != 1:
            raise UserError(
                self.env._(
                    "%(count)s ESG reports of %(supplier)s for period %(period)s: give report_id.",
                    count=len(reports),
                    supplier=partner.display_name,
                    period=period,
                )
                if reports
                else self.env._(
                    "No ESG report of %(supplier)s for period %(period)s: procurement opens "
                    "reports with a campaign.",
                    supplier=partner.display_name,
                    period=period,
                )
            )
        return reports

    @api.model
    def _esg_find_supplier(self, supplier):
        own = self.env.user.partner_id.commercial_partner_id
        if supplier in (None, False, ""):
            if not self.env.user.share:
                raise UserError(self.env._("Say which supplier: its partner id, reference or VAT."))
            return own
        Partner = self.env["res.partner"]
        if isinstance(supplier, int) and not isinstance(supplier, bool):
            # Beyond PostgreSQL's integer range no partner exists (and SQL would refuse it).
            partner = Partner.search([("id", "=", supplier)]) if 0 < supplier <= MAX_ID else Partner
        else:
            key = str(supplier).strip()
            partner = Partner.search(
                ["|", ("ref", "=", key), ("vat", "=", key), ("is_company", "=", True)], limit=2
            )
        if len(partner) != 1:
            raise UserError(self.env._("Supplier %s not found (or not unique).", supplier))
        return partner.commercial_partner_id
