from datetime import date

from odoo.addons.perf_synergy.tests.common import SynergyCase


class GroupCase(SynergyCase):
    """A group of its own, far from the demo: a parent in CNY, a subsidiary in USD held 100 %
    (full), one in HKD held 60 % (proportional) and a joint venture in CNY under the equity
    method, with rates of the parent company and a year of periods in every company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cny = cls.env.ref("base.CNY")
        cls.usd = cls.env.ref("base.USD")
        cls.hkd = cls.env.ref("base.HKD")
        (cls.cny | cls.hkd).active = True
        Company = cls.env["res.company"]
        cls.holding = Company.create({"name": "Test Holding", "currency_id": cls.cny.id})
        cls.sub_us = Company.create({"name": "Test US Inc", "currency_id": cls.usd.id})
        cls.sub_hk = Company.create({"name": "Test HK Ltd", "currency_id": cls.hkd.id})
        cls.jv = Company.create({"name": "Test JV", "currency_id": cls.cny.id})
        cls.companies = cls.holding | cls.sub_us | cls.sub_hk | cls.jv
        cls.env.user.company_ids |= cls.companies
        # Odoo's rate: units of the currency for one CNY, in the parent company
        cls.env["res.currency.rate"].create(
            [
                {**vals, "company_id": cls.holding.id}
                for vals in [
                    {"currency_id": cls.usd.id, "name": "2031-01-01", "rate": 0.15},
                    {"currency_id": cls.usd.id, "name": "2031-07-01", "rate": 0.125},
                    {"currency_id": cls.hkd.id, "name": "2030-06-01", "rate": 1.25},
                    {"currency_id": cls.cny.id, "name": "2030-01-01", "rate": 1.0},
                ]
            ]
        )
        # One USD: 1 / 0.15 CNY for 181 days, then 8 CNY for 184 days
        cls.usd_average = (181 / 0.15 + 184 * 8) / 365
        cls.usd_closing = 8.0
        cls.hkd_rate = 0.8
        Entity = cls.env["synergy.group.entity"]
        # the test group replaces the demo group, if any
        Entity.search([]).active = False
        cls.e_holding = Entity.create({"company_id": cls.holding.id})
        cls.e_us = Entity.create(
            {"company_id": cls.sub_us.id, "parent_id": cls.e_holding.id, "method": "full"}
        )
        cls.e_hk = Entity.create(
            {
                "company_id": cls.sub_hk.id,
                "parent_id": cls.e_holding.id,
                "method": "proportional",
                "ownership": 60,
            }
        )
        cls.e_jv = Entity.create(
            {
                "company_id": cls.jv.id,
                "parent_id": cls.e_holding.id,
                "method": "equity",
                "ownership": 50,
            }
        )
        cls.periods = {}
        for company in cls.companies:
            cls.env["synergy.period.generate"].create(
                {"year": cls.YEAR, "company_id": company.id}
            ).action_generate()
            periods = cls.env["synergy.period"].search(
                [("company_id", "=", company.id), ("date_start", ">=", date(cls.YEAR, 1, 1))]
            )
            cls.periods[company] = {
                "year": periods.filtered(lambda p: p.period_type == "year"),
                "months": periods.filtered(lambda p: p.period_type == "month").sorted("date_start"),
            }
        cls.g_year = cls.periods[cls.holding]["year"]
        Kpi = cls.env["synergy.kpi"].with_company(cls.holding)
        common = {"company_id": cls.holding.id}
        cls.k_rev = Kpi.create(
            {
                **common,
                "code": "G-REV",
                "name": "Revenue",
                "consolidation_rule": "sum",
                "currency_nature": "flow",
            }
        )
        cls.k_inv = Kpi.create(
            {
                **common,
                "code": "G-INV",
                "name": "Investment",
                "consolidation_rule": "sum",
                "currency_nature": "balance",
                "time_aggregation": "last",
            }
        )
        cls.k_prf = Kpi.create(
            {
                **common,
                "code": "G-PRF",
                "name": "Profit",
                "consolidation_rule": "sum",
                "currency_nature": "flow",
            }
        )
        cls.k_roi = Kpi.create(
            {
                **common,
                "code": "G-ROI",
                "name": "ROI",
                "unit": "%",
                "consolidation_rule": "ratio",
                "numerator_kpi_id": cls.k_prf.id,
                "denominator_kpi_id": cls.k_inv.id,
                "ratio_factor": 100,
            }
        )
        cls.k_csat = Kpi.create(
            {
                **common,
                "code": "G-CSAT",
                "name": "Customer satisfaction",
                "consolidation_rule": "weighted_average",
                "basis_kpi_id": cls.k_rev.id,
                "time_aggregation": "average",
            }
        )
        cls.k_risk = Kpi.create(
            {
                **common,
                "code": "G-RISK",
                "name": "Risk index",
                "direction": "lower_better",
                "consolidation_rule": "max",
                "time_aggregation": "last",
            }
        )
        cls.k_safe = Kpi.create(
            {
                **common,
                "code": "G-SAFE",
                "name": "Safety compliance",
                "consolidation_rule": "min",
                "time_aggregation": "last",
            }
        )
        cls.group_kpis = (
            cls.k_rev | cls.k_inv | cls.k_prf | cls.k_roi | cls.k_csat | cls.k_risk | cls.k_safe
        )
        cls.local_kpis = {cls.holding: {kpi.code: kpi for kpi in cls.group_kpis}}
        for company in cls.companies - cls.holding:
            created = cls.env["synergy.kpi"].create(
                [kpi._synergy_subsidiary_vals(company.id) for kpi in cls.group_kpis]
            )
            cls.local_kpis[company] = {kpi.code: kpi for kpi in created}
        figures = {
            cls.holding: {
                "REV": 1000,
                "INV": 5000,
                "PRF": 100,
                "ROI": 2,
                "CSAT": 80,
                "RISK": 2,
                "SAFE": 95,
            },
            cls.sub_us: {"INV": 300, "PRF": 12, "ROI": 4, "CSAT": 90, "RISK": 3, "SAFE": 90},
            cls.sub_hk: {
                "REV": 500,
                "INV": 1000,
                "PRF": 50,
                "ROI": 5,
                "CSAT": 70,
                "RISK": 4,
                "SAFE": 85,
            },
            cls.jv: {
                "REV": 400,
                "INV": 800,
                "PRF": 40,
                "ROI": 5,
                "CSAT": 10,
                "RISK": 7,
                "SAFE": 60,
            },
        }
        vals = []
        for company, numbers in figures.items():
            for code, amount in numbers.items():
                vals.append(
                    cls._value_vals(company, f"G-{code}", cls.periods[company]["year"], amount)
                )
        # The US subsidiary reports revenue monthly: 10 USD a month
        for month in cls.periods[cls.sub_us]["months"]:
            vals.append(cls._value_vals(cls.sub_us, "G-REV", month, 10))
        cls.env["synergy.kpi.value"].create(vals)

    @classmethod
    def _value_vals(cls, company, code, period, amount):
        return {
            "kpi_id": cls.local_kpis[company][code].id,
            "period_id": period.id,
            "value": amount,
            "owner_level": "company",
            "company_id": company.id,
        }

    @classmethod
    def new_run(cls, **values):
        return cls.env["synergy.consolidation.run"].create(
            {
                "name": "Test run",
                "company_id": cls.holding.id,
                "period_id": cls.g_year.id,
                **values,
            }
        )
