import base64
import csv
import io

from odoo import fields, models
from odoo.addons.perf_synergy.tools.write_policy import ESG_MANAGER, Allow, user_action
from odoo.exceptions import UserError

COLUMNS = ("supplier", "indicator", "value", "unit", "comment", "activity")


class SynergyEsgImportWizard(models.TransientModel):
    """Procurement imports suppliers' answers of a campaign from XLSX or CSV.

    Columns (first row = headers, any order, case-insensitive): supplier (the supplier's
    reference, VAT or exact name), indicator (code), value, unit, comment, activity. Every row is
    checked with the same validator as the portal and the API; with a single error nothing is
    imported and every error is listed with its row number.
    """

    _name = "synergy.esg.import.wizard"
    _description = "Import Supplier ESG Answers"
    _inherit = ["synergy.policy.mixin"]
    _write_policy = {
        "campaign_id": Allow(ESG_MANAGER),
        "file": Allow(ESG_MANAGER),
        "filename": Allow(ESG_MANAGER),
    }

    campaign_id = fields.Many2one("synergy.esg.campaign", required=True)
    file = fields.Binary(required=True)
    filename = fields.Char()
    result = fields.Text(readonly=True)
    imported_count = fields.Integer(readonly=True)

    def _read_rows(self):
        """[(row number, {column: value})] of the file."""
        content = base64.b64decode(self.file or b"")
        name = (self.filename or "").lower()
        if name.endswith(".xlsx"):
            try:
                import openpyxl

                workbook = openpyxl.load_workbook(
                    io.BytesIO(content), read_only=True, data_only=True
                )
            except Exception as error:
                raise UserError(
                    self.env._(
                        "%(file)s is not a readable XLSX file (%(error)s).",
                        file=self.filename,
                        error=error,
                    )
                ) from error
            raw_rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        elif name.endswith(".csv"):
            # NUL characters cannot be stored (nor shown back in the result): dropped.
            text = content.decode("utf-8-sig", errors="replace").replace("\x00", "")
            try:
                dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel  # one column or no separator found: plain CSV
            raw_rows = list(csv.reader(io.StringIO(text), dialect))
        else:
            raise UserError(self.env._("Import an .xlsx or a .csv file."))
        if not raw_rows:
            raise UserError(self.env._("The file is empty."))
        headers = [str(h or "").strip().lower() for h in raw_rows[0]]
        missing = [c for c in ("supplier", "indicator", "value") if c not in headers]
        if missing:
            raise UserError(
                self.env._(
                    "The first row must name the columns; missing: %(missing)s. Expected: "
                    "%(columns)s.",
                    missing=", ".join(missing),
                    columns=", ".join(COLUMNS),
                )
            )
        rows = []
        for number, raw in enumerate(raw_rows[1:], start=2):
            values = dict(zip(headers, raw, strict=False))
            if all(v in (None, "") for v in values.values()):
                continue
            rows.append((number, values))
        return rows

    @user_action(ESG_MANAGER)
    def action_import(self):
        self.ensure_one()
        campaign = self.campaign_id
        reports = campaign.report_ids
        by_key = {}
        for report in reports:
            partner = report.partner_id
            for key in (partner.ref, partner.vat, partner.name):
                if key:
                    by_key.setdefault(str(key).strip().lower(), report)
        errors, batches = [], {}
        for number, values in self._read_rows():
            supplier = str(values.get("supplier") or "").strip()
            report = by_key.get(supplier.lower())
            if not report:
                errors.append(
                    self.env._(
                        "Row %(row)s: supplier %(supplier)s has no report in campaign "
                        "%(campaign)s.",
                        row=number,
                        supplier=supplier or "-",
                        campaign=campaign.name,
                    )
                )
                continue
            if report.state not in ("draft", "rejected"):
                errors.append(
                    self.env._(
                        "Row %(row)s: the report of %(supplier)s is already submitted or "
                        "validated.",
                        row=number,
                        supplier=report.partner_id.name,
                    )
                )
                continue
            row = {"indicator": values.get("indicator"), "value": values.get("value")}
            for key in ("unit", "comment", "activity"):
                if values.get(key) not in (None, ""):
                    row[key] = values[key]
            batches.setdefault(report, []).append((number, row))
        # All or nothing: the rows go through the same validator as the portal and the API
        # once, and any refused row rolls the whole import back.
        count = 0
        try:
            with self.env.cr.savepoint():
                for report, numbered in batches.items():
                    results = report._esg_apply_line_values([row for _number, row in numbered])
                    for (number, _row), result in zip(numbered, results, strict=True):
                        if result["status"] != "ok":
                            errors.append(
                                self.env._(
                                    "Row %(row)s: %(error)s", row=number, error=result["message"]
                                )
                            )
                    count += len(results)
                if errors:
                    raise UserError("\n".join(errors))
        except UserError:
            if not errors:
                raise
            self.write({"result": "\n".join(errors), "imported_count": 0})
            return self._reopen()
        self.write(
            {
                "result": self.env._("%s answers imported.", count),
                "imported_count": count,
            }
        )
        return self._reopen()

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
