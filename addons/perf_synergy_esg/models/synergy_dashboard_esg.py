from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.perf_synergy.tools.arguments import record_id
from odoo.addons.perf_synergy.tools.write_policy import ESG_USER, user_action
from odoo.exceptions import UserError

# Periods offered by the selector (ESG campaigns ask for quarters or years).
SELECTOR_TYPES = ("year", "quarter")
# Points of the green procurement trend: the selected period and the ones of its kind before.
TREND_POINTS = 8
# A rating expiring within this many days is listed to be renewed.
EXPIRY_DAYS = 90
# The rating bands, best first (res.company._synergy_esg_bands).
BANDS = ("A", "B", "C", "D")


class SynergyDashboardEsg(models.AbstractModel):
    """Procurement's Supplier ESG dashboard (issue 20): the current ratings' distribution, the
    ratings expiring soon, the reports waiting for the reader's review, the green procurement
    ratio's trend and the suppliers with deviations. JSON for the generic dashboard client
    action (``perf_synergy.dashboard``), computed in the reader's environment and his current
    company: a buyer sees what the record rules let him read, and reviews what is his."""

    _name = "synergy.dashboard.esg"
    _description = "Supplier ESG Dashboard"
    _inherit = ["synergy.dashboard.mixin"]
    _dashboard_action_xmlid = "perf_synergy_esg.action_synergy_dashboard_esg"

    # ------------------------------------------------------------------ entry point
    @api.model
    @user_action(ESG_USER)
    def get_dashboard_data(self, period_id=None, scope_id=None):
        period_id = record_id(self.env, period_id, "period_id", required=False)
        scope_id = record_id(self.env, scope_id, "scope_id", required=False)
        company = self.env.company
        if scope_id and scope_id != company.id:
            raise UserError(
                self.env._(
                    "scope_id %(scope)s is not your current company: send %(company)s (%(id)s) "
                    "or nothing, or switch company.",
                    scope=scope_id,
                    company=company.name,
                    id=company.id,
                )
            )
        Report = self.env["synergy.esg.report"]
        report_periods = Report._read_group(
            [("company_id", "=", company.id)], ["period_id"], ["__count"]
        )
        periods = self.env["synergy.period"].search(
            [
                ("company_id", "=", company.id),
                "|",
                ("period_type", "in", SELECTOR_TYPES),
                ("id", "in", [period.id for period, _count in report_periods]),
            ],
            order="date_start desc, period_type",
        )
        period = self._dashboard_record(
            "synergy.period", period_id, "period_id", allowed=periods
        ) or self._default_period(periods, [p for p, _count in report_periods])
        today = fields.Date.context_today(self)
        ratings = self._current_ratings(company)
        review = self._to_review(company)
        sections = [
            self._figures_section(period, today, ratings, review),
            self._ratings_chart_section(today, ratings),
            self._review_section(review),
            self._expiring_section(today, ratings),
        ]
        notice = False
        if period:
            sections[1:1] = [self._green_trend_section(company, period)]
            sections.append(self._deviation_section(company, period))
            sections[0]["items"].extend(self._period_figures(company, period))
        else:
            notice = self._dashboard_notice(
                self.env._(
                    "%s has no period yet: the green procurement ratio and deviations are "
                    "shown per period once the performance office generates them.",
                    company.name,
                ),
                button=False,
            )
        return self._dashboard_result(
            self.env._("Supplier ESG"),
            period=period,
            periods=periods,
            scope=company,
            scope_label=self.env._("Company"),
            sections=sections,
            notice=notice,
        )

    @api.model
    def _default_period(self, periods, report_periods):
        """The current quarter (today's purchases), else the latest period with reports,
        else the newest."""
        today = fields.Date.context_today(self)
        current = periods.filtered(
            lambda p: p.period_type == "quarter" and p.date_start <= today <= p.date_end
        )
        if current:
            return current[:1]
        with_reports = [p for p in report_periods if p in periods and p.date_start <= today]
        if with_reports:
            return max(with_reports, key=lambda p: (p.date_end, p.period_type == "quarter"))
        return periods[:1]

    # ------------------------------------------------------------------ data
    @api.model
    def _current_ratings(self, company):
        """{supplier: rating} of each supplier's current rating in ``company``: its latest
        entry (a correction, being newer, replaces the entry it corrects)."""
        latest = {}
        for rating in self.env["synergy.esg.rating"].search(
            [("company_id", "=", company.id)], order="date desc, id desc"
        ):
            latest.setdefault(rating.partner_id, rating)
        return latest

    @api.model
    def _to_review(self, company):
        """The submitted reports the reader may act on: an ESG manager validates or rejects
        every submitted report; a buyer approves or rejects the reviews assigned to him."""
        domain = [("company_id", "=", company.id), ("state", "=", "submitted")]
        if not self.env.user.has_group("perf_synergy_esg.group_esg_manager"):
            domain.append(("can_review", "=", True))
        return domain, self.env["synergy.esg.report"].search(domain)

    def _drill(self, name, model, domain, res_id=None, views=("list", "form")):
        return self._dashboard_drill(
            name, model, domain, res_id=res_id, views=None if res_id else list(views)
        )

    def _ratings_drill(self, name, ratings):
        return self._drill(name, "synergy.esg.rating", [("id", "in", [r.id for r in ratings])])

    def _green_domain(self, company, date_from, date_to):
        """The confirmed purchase lines of the green procurement ratio (its measure's domain)."""
        return [
            ("company_id", "=", company.id),
            ("order_id.state", "=", "purchase"),
            ("display_type", "=", False),
            ("synergy_esg_date", ">=", date_from),
            ("synergy_esg_date", "<=", date_to),
        ]

    # ------------------------------------------------------------------ sections
    def _figures_section(self, period, today, ratings, review):
        valid = [r for r in ratings.values() if r.valid_until >= today]
        expiring = [r for r in valid if r.valid_until <= today + timedelta(days=EXPIRY_DAYS)]
        _domain, reports = review
        return self._dashboard_section(
            "figures",
            "esg_figures",
            self.env._("Supplier ESG at a glance"),
            items=[
                self._dashboard_figure(
                    "rated",
                    self.env._("Suppliers with a valid rating"),
                    len(valid),
                    unit="",
                    digits=0,
                    tone="",
                    drill=self._ratings_drill(self.env._("Valid ESG ratings"), valid),
                ),
                self._dashboard_figure(
                    "expiring",
                    self.env._("Ratings expiring within %s days", EXPIRY_DAYS),
                    len(expiring),
                    unit="",
                    digits=0,
                    tone="warning" if expiring else "success",
                    drill=self._ratings_drill(self.env._("ESG ratings expiring soon"), expiring),
                ),
                self._reports_figure(
                    "to_review",
                    self.env._("Reports waiting for your review"),
                    len(reports),
                    reports,
                    self.env._("ESG reports to review"),
                    "warning",
                ),
            ],
        )

    def _period_figures(self, company, period):
        """The selected period's figures: green procurement ratio and suppliers with
        deviations."""
        domain = self._green_domain(company, period.date_start, period.date_end)
        groups = self.env["purchase.order.line"]._read_group(
            domain, ["synergy_esg_green"], ["synergy_esg_spend:sum"]
        )
        spend = dict(groups)
        total = sum(spend.values())
        ratio = round(100.0 * spend.get(True, 0.0) / total, 1) if total else None
        deviations = self.env["synergy.esg.report"].search(self._deviation_domain(company, period))
        return [
            self._dashboard_figure(
                "green_ratio",
                self.env._("Green procurement ratio, %s", period.display_name),
                ratio,
                unit="%",
                digits=1,
                tone="",
                drill=self._drill(
                    self.env._("Confirmed purchases of %s", period.display_name),
                    "purchase.order.line",
                    domain,
                    views=("list",),
                ),
            ),
            self._reports_figure(
                "deviations",
                self.env._("Suppliers with deviations, %s", period.display_name),
                len(deviations.partner_id),
                deviations,
                self.env._("ESG reports with deviations"),
                "danger",
            ),
        ]

    def _reports_figure(self, key, label, count, reports, drill_label, tone):
        """A count about ESG reports, in ``tone`` when there are any, opening them."""
        return self._dashboard_figure(
            key,
            label,
            count,
            unit="",
            digits=0,
            tone=tone if reports else "success",
            drill=self._drill(drill_label, "synergy.esg.report", [("id", "in", reports.ids)]),
        )

    def _ratings_chart_section(self, today, ratings):
        """Suppliers by current rating band; expired ratings apart."""
        buckets = defaultdict(list)
        for rating in ratings.values():
            if rating.valid_until < today:
                buckets["expired"].append(rating)
            else:
                buckets[rating.rating or "-"].append(rating)
        keys = [band for band in BANDS if band in buckets]
        keys += sorted(k for k in buckets if k not in BANDS and k != "expired")
        if "expired" in buckets:
            keys.append("expired")
        labels = [self.env._("Expired") if key == "expired" else key for key in keys]
        return self._dashboard_section(
            "chart",
            "ratings_chart",
            self.env._("Suppliers by current ESG rating"),
            help=self.env._("Each supplier's latest rating in this company, today."),
            empty=self.env._(
                "No supplier is rated yet: a rating is given when an ESG manager validates a "
                "supplier's report (Supplier ESG > Campaigns)."
            ),
            chart="doughnut",
            labels=labels,
            datasets=[
                {"label": self.env._("Suppliers"), "data": [len(buckets[key]) for key in keys]}
            ],
            drills=[
                self._ratings_drill(self.env._("ESG ratings %s", label), buckets[key])
                for key, label in zip(keys, labels, strict=True)
            ],
        )

    def _green_trend_section(self, company, period):
        """The green procurement ratio over the selected period and the ones of its kind
        before it (one grouped query over their whole span)."""
        periods = self.env["synergy.period"].search(
            [
                ("company_id", "=", company.id),
                ("period_type", "=", period.period_type),
                ("date_end", "<=", period.date_end),
            ],
            order="date_start desc",
            limit=TREND_POINTS,
        )[::-1]
        Line = self.env["purchase.order.line"]
        groups = Line._read_group(
            self._green_domain(company, periods[0].date_start, periods[-1].date_end),
            ["synergy_esg_date:day", "synergy_esg_green"],
            ["synergy_esg_spend:sum"],
        )
        spend = defaultdict(lambda: {True: 0.0, False: 0.0})
        for day, green, total in groups:
            on = fields.Date.to_date(day)
            for p in periods:
                if p.date_start <= on <= p.date_end:
                    spend[p][bool(green)] += total
                    break
        data = []
        for p in periods:
            total = spend[p][True] + spend[p][False]
            data.append(round(100.0 * spend[p][True] / total, 1) if total else None)
        return self._dashboard_section(
            "chart",
            "green_trend",
            self.env._("Green procurement ratio"),
            help=self.env._(
                "Confirmed purchase spend with suppliers rated green at confirmation, divided by "
                "all confirmed spend of the period, in %."
            ),
            empty=self.env._("No confirmed purchase in these periods."),
            chart="line",
            labels=[p.display_name for p in periods],
            datasets=[{"label": self.env._("Green procurement ratio"), "data": data}]
            if any(value is not None for value in data)
            else [],
            drills=[
                self._drill(
                    self.env._("Confirmed purchases of %s", p.display_name),
                    "purchase.order.line",
                    self._green_domain(company, p.date_start, p.date_end),
                    views=("list",),
                )
                for p in periods
            ],
            unit="%",
        )

    def _review_section(self, review):
        _domain, reports = review
        rows = [
            self._dashboard_row(
                f"report_{report.id}",
                {
                    "supplier": report.partner_id.display_name,
                    "period": report.period_id.display_name,
                    "submitted": fields.Date.to_string(report.submitted_date.date())
                    if report.submitted_date
                    else None,
                    "buyer": report.buyer_id.display_name or "",
                },
                tones={},
                drill=self._drill(
                    report.display_name,
                    "synergy.esg.report",
                    [("id", "=", report.id)],
                    res_id=report.id,
                ),
            )
            for report in reports
        ]
        return self._dashboard_section(
            "table",
            "to_review",
            self.env._("Reports waiting for your review"),
            help=self.env._(
                "Submitted reports you may act on: an ESG manager validates or rejects them, a "
                "buyer approves or rejects the review assigned to him."
            ),
            empty=self.env._("Nothing to review: no submitted report waits for you."),
            columns=[
                self._dashboard_column("supplier", self.env._("Supplier"), "text"),
                self._dashboard_column("period", self.env._("Period"), "text"),
                self._dashboard_column("submitted", self.env._("Submitted"), "date"),
                self._dashboard_column("buyer", self.env._("Buyer"), "text"),
            ],
            rows=rows,
        )

    def _expiring_section(self, today, ratings):
        horizon = today + timedelta(days=EXPIRY_DAYS)
        expiring = sorted(
            (r for r in ratings.values() if today <= r.valid_until <= horizon),
            key=lambda r: r.valid_until,
        )
        rows = [
            self._dashboard_row(
                f"rating_{rating.id}",
                {
                    "supplier": rating.partner_id.display_name,
                    "rating": rating.rating or "",
                    "score": round(rating.score, 1),
                    "valid_until": fields.Date.to_string(rating.valid_until),
                    "days": (rating.valid_until - today).days,
                },
                tones={"days": "danger" if (rating.valid_until - today).days <= 30 else "warning"},
                drill=self._drill(
                    rating.partner_id.display_name,
                    "synergy.esg.rating",
                    [("id", "=", rating.id)],
                    res_id=rating.id,
                ),
            )
            for rating in expiring
        ]
        return self._dashboard_section(
            "table",
            "expiring",
            self.env._("Ratings expiring within %s days", EXPIRY_DAYS),
            empty=self.env._(
                "No current rating expires within %s days: nothing to renew yet.", EXPIRY_DAYS
            ),
            columns=[
                self._dashboard_column("supplier", self.env._("Supplier"), "text"),
                self._dashboard_column("rating", self.env._("Rating"), "badge"),
                self._dashboard_column("score", self.env._("Overall Score"), "number", 1),
                self._dashboard_column("valid_until", self.env._("Valid until"), "date"),
                self._dashboard_column("days", self.env._("Days left"), "number", 0),
            ],
            rows=rows,
        )

    def _deviation_domain(self, company, period):
        return [
            ("company_id", "=", company.id),
            ("has_deviation", "=", True),
            ("period_date_end", ">=", period.date_start),
            ("period_date_end", "<=", period.date_end),
        ]

    def _deviation_section(self, company, period):
        reports = self.env["synergy.esg.report"].search(self._deviation_domain(company, period))
        rows = [
            self._dashboard_row(
                f"report_{report.id}",
                {
                    "supplier": report.partner_id.display_name,
                    "period": report.period_id.display_name,
                    "score": round(report.score_overall, 1),
                    "rating": report.rating or "",
                    "deviation": report.deviation_summary or "",
                },
                tones={"deviation": "danger"},
                drill=self._drill(
                    report.display_name,
                    "synergy.esg.report",
                    [("id", "=", report.id)],
                    res_id=report.id,
                ),
            )
            for report in reports
        ]
        return self._dashboard_section(
            "table",
            "deviations",
            self.env._("Suppliers with deviations, %s", period.display_name),
            help=self.env._(
                "Validated reports whose overall score or emissions left the range expected "
                "from the supplier's earlier reports."
            ),
            empty=self.env._("No deviation found in the reports of %s.", period.display_name),
            columns=[
                self._dashboard_column("supplier", self.env._("Supplier"), "text"),
                self._dashboard_column("period", self.env._("Period"), "text"),
                self._dashboard_column("score", self.env._("Overall Score"), "number", 1),
                self._dashboard_column("rating", self.env._("Rating"), "badge"),
                self._dashboard_column("deviation", self.env._("Deviation"), "text"),
            ],
            rows=rows,
        )
