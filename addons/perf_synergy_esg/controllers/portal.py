from odoo import http
from odoo.addons.portal.controllers import portal
from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

REPORT_MODEL = "synergy.esg.report"


class EsgSupplierPortal(portal.CustomerPortal):
    """The supplier's side of ESG reporting: list, fill, upload evidence, submit, read feedback.

    Every read and write runs as the portal user: the record rules of the ESG addon (own
    commercial partner only) are the isolation, the controller never switches to sudo to
    write. Another supplier's report in the URL is a 403, a deleted one a 404.
    """

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "esg_report_count" in counters:
            Report = request.env[REPORT_MODEL]
            values["esg_report_count"] = Report.search_count([]) if Report.has_access("read") else 0
        return values

    def _esg_report_or_error(self, report_id):
        """The report as the current user: another supplier's report raises AccessError (an
        HTTP 403 page), a missing one MissingError (404); never another supplier's data."""
        report = request.env[REPORT_MODEL].browse(report_id)
        report.check_access("read")
        return report

    @http.route(["/my/esg", "/my/esg/page/<int:page>"], type="http", auth="user", website=True)
    def portal_my_esg_reports(self, page=1, **kw):
        Report = request.env[REPORT_MODEL]
        total = Report.search_count([])
        pager = portal_pager(url="/my/esg", total=total, page=page, step=self._items_per_page)
        reports = Report.search(
            [], order="state, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_esg_reports_history"] = reports.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "reports": reports,
                # Suppliers do not read campaigns; the deadline of their own reports is shown.
                "deadlines": {r.id: r.campaign_id.deadline for r in reports.sudo()},
                "page_name": "esg_report",
                "pager": pager,
                "default_url": "/my/esg",
            }
        )
        return request.render("perf_synergy_esg.portal_my_esg_reports", values)

    @staticmethod
    def _esg_theme_groups(report):
        """[(theme label, lines)]: each theme of the report once, in the catalogue's theme
        order, with its answers (every input of the form appears once, so every value typed is
        the one posted)."""
        indicators = request.env["synergy.esg.indicator"]
        labels = dict(indicators._fields["theme"]._description_selection(request.env))
        groups = []
        for theme, label in labels.items():
            lines = report.line_ids.filtered(lambda ln, t=theme: ln.theme == t)
            if lines:
                groups.append((label, lines))
        return groups

    def _esg_render_report(self, report, errors=None, typed=None, message=None, error=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "report": report,
                "theme_groups": self._esg_theme_groups(report),
                "page_name": "esg_report",
                "row_errors": errors or {},
                "typed": typed or {},
                "message": message,
                "error": error,
                "max_upload_mb": report.company_id.sudo().synergy_esg_max_upload_mb,
            }
        )
        values = self._get_page_view_values(report, None, values, "my_esg_reports_history", False)
        return request.render("perf_synergy_esg.portal_esg_report_page", values)

    @http.route("/my/esg/<int:report_id>", type="http", auth="user", website=True)
    def portal_esg_report(self, report_id, **kw):
        report = self._esg_report_or_error(report_id)
        return self._esg_render_report(report, message=kw.get("message"))

    def _esg_rows_from_form(self, report, form):
        """Rows for ``_esg_apply_line_values`` from the posted form: one per report line the
        supplier can fill, keyed by indicator code; the raw text goes to the shared validator."""
        rows = []
        for line in report.line_ids:
            key = str(line.id)
            indicator = line.indicator_id
            if f"value_{key}" not in form and f"activity_{key}" not in form:
                # Not on the posted form (e.g. a submit alone): leave the answer as it is.
                continue
            value = form.get(f"value_{key}", "")
            row = {"indicator": indicator.code, "value": value, "unit": indicator.unit or ""}
            if f"comment_{key}" in form:
                row["comment"] = form.get(f"comment_{key}")
            if f"activity_{key}" in form:
                row["activity"] = form.get(f"activity_{key}")
            if not value and not row.get("activity") and not line._esg_has_value():
                # Nothing typed and nothing stored: not an answer, not an error.
                continue
            rows.append(row)
        return rows

    def _esg_save(self, report, form):
        """Save what is valid, keep what is typed, return the per-line errors by indicator."""
        rows = self._esg_rows_from_form(report, form)
        results = report._esg_apply_line_values(rows)
        errors = {r["indicator"]: r["message"] for r in results if r["status"] == "error"}
        typed = {row["indicator"]: row for row in rows if row["indicator"] in errors}
        return errors, typed

    @http.route(
        "/my/esg/<int:report_id>/save", type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_esg_report_save(self, report_id, **form):
        report = self._esg_report_or_error(report_id)
        submit = form.pop("submit", None) is not None
        try:
            errors, typed = self._esg_save(report, form)
        except (UserError, ValidationError) as exc:
            return self._esg_render_report(report, error=exc.args[0])
        if errors:
            return self._esg_render_report(
                report,
                errors=errors,
                typed=typed,
                error=request.env._(
                    "%(count)s answer(s) could not be saved; they are marked below. "
                    "The other answers are saved.",
                    count=len(errors),
                ),
            )
        if not submit:
            return request.redirect(f"/my/esg/{report.id}?message=saved")
        try:
            report.action_submit()
        except (UserError, ValidationError) as exc:
            return self._esg_render_report(report, error=exc.args[0])
        return request.redirect(f"/my/esg/{report.id}?message=submitted")

    @http.route(
        "/my/esg/<int:report_id>/evidence",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_esg_report_evidence(self, report_id, indicator=None, evidence=None, **kw):
        report = self._esg_report_or_error(report_id)
        if not indicator or evidence is None or not getattr(evidence, "filename", None):
            return self._esg_render_report(
                report, error=request.env._("Choose a file to upload for the indicator.")
            )
        limit = report.company_id.sudo().synergy_esg_max_upload_mb * 1024 * 1024
        # Read one byte past the limit: enough to refuse without loading a huge upload.
        content = evidence.read(limit + 1)
        try:
            report._esg_add_evidence(indicator, evidence.filename, content, evidence.mimetype)
        except (UserError, ValidationError) as exc:
            return self._esg_render_report(report, error=exc.args[0])
        return request.redirect(f"/my/esg/{report.id}?message=uploaded")
