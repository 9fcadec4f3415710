"""Every role's demo login (README, docs/first-hour.md) lands on a page that opens as that
user and shows that user's data (issue 18). Runs on a database with the demo data."""

import pytest

# login: (model of the landing page, whether its page may be empty of a scorecard)
LOGINS = {
    "synergy.demo.sales1": "synergy.dashboard.employee",
    "synergy.demo.sales2": "synergy.dashboard.employee",
    "synergy.demo.sales.head": "synergy.dashboard.department",
    "demo": "synergy.dashboard.department",
    "synergy.demo.product.head": "synergy.dashboard.department",
    "synergy.demo.production.head": "synergy.dashboard.department",
    "synergy.demo.supply.head": "synergy.dashboard.department",
    "synergy.demo.legal.head": "synergy.dashboard.department",
    "synergy.demo.hr1": "synergy.dashboard.department",
    "synergy.demo.tech1": "synergy.dashboard.department",
    "synergy.demo.finance1": "synergy.dashboard.department",
    "synergy.demo.marketing1": "synergy.dashboard.department",
    "synergy.demo.service1": "synergy.dashboard.department",
    "synergy.demo.officer": "synergy.dashboard.company",
    "synergy.demo.committee": "synergy.committee",
    "esg_buyer": "synergy.dashboard.esg",
    "esg_manager": "synergy.dashboard.department",
    "synergy.demo.group.controller": "synergy.dashboard.group",
    "synergy.demo.us.officer": "synergy.dashboard.company",
}


@pytest.fixture(scope="module")
def env():
    import odoo
    from odoo.modules.registry import Registry

    db_name = odoo.tools.config["db_name"]
    if not db_name:
        pytest.skip("needs an installed database (--odoo-database)")
    if isinstance(db_name, list | tuple):
        db_name = db_name[0]
    with Registry(db_name).cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if not env.ref("perf_synergy.user_synergy_officer", raise_if_not_found=False):
            pytest.skip("needs the demo data")
        yield env
        cr.rollback()


def _landing(env, login):
    from odoo.tools.safe_eval import safe_eval

    user = env["res.users"].search([("login", "=", login)])
    assert user, f"demo login {login} is missing"
    user_env = env(user=user, context={"allowed_company_ids": [user.company_id.id]})
    action = user_env["hr.department"].action_synergy_landing()
    if action["type"] == "ir.actions.client":
        # A role dashboard (issue 20): its JSON, computed as the user, is the page.
        model = action["params"]["model"]
        data = user_env[model].get_dashboard_data()
        assert data["sections"] or data["notice"], f"{login} lands on an empty dashboard"
        return user, model, data
    model = action["res_model"]
    if action.get("res_id"):
        records = user_env[model].browse(action["res_id"])
        # The form reads every figure of the page: as the user, without an access error.
        records.read([name for name in records._fields if name.startswith("synergy_")])
    else:
        domain = action.get("domain") or []
        if isinstance(domain, str):
            domain = safe_eval(domain, {"uid": user.id})
        records = user_env[model].search(domain)
        records.read(["display_name"])
    return user, model, records


@pytest.mark.parametrize("login", sorted(LOGINS))
def test_demo_login_lands_on_its_own_data(env, login):
    user, model, records = _landing(env, login)
    assert model == LOGINS[login]
    assert records, f"{login} lands on an empty page"
    if model == "synergy.dashboard.employee":
        assert env["hr.employee"].browse(records["scope"]["id"]).user_id == user
        result = next(s for s in records["sections"] if s["key"] == "result")
        assert [i["key"] for i in result["items"]] == ["published"], (
            f"{login} has no published result"
        )
        return
    if model == "synergy.dashboard.department":
        department = env["hr.department"].browse(records["scope"]["id"])
        assert department.manager_id.user_id == user, f"{login} does not head {department.name}"
        return
    if model == "synergy.dashboard.company":
        # the officer's own company
        assert records["scope"]["id"] == user.company_id.id
        return
    if model == "synergy.dashboard.group":
        # the group seen from its parent company, where the controller works
        assert records["scope"]["id"] == user.company_id.id and not records["notice"]
        return
    if model == "synergy.dashboard.esg":
        to_review = next(s for s in records["sections"] if s["key"] == "to_review")
        assert to_review["rows"], f"{login} has no report to review"
        return
    if model == "synergy.scorecard":
        assert all(card.employee_id.user_id == user for card in records)
        assert any(card.result_published and card.line_ids for card in records), (
            f"{login} has no published result"
        )
    if model == "hr.department":
        assert records.manager_id.user_id == user, f"{login} does not head {records.name}"
    if model == "res.company":
        assert records == user.company_id
    # Breadcrumbs and titles name the records, never "model,id".
    assert not [name for name in records.mapped("display_name") if f"{model}," in name]
    env.invalidate_all()


def test_every_department_of_the_story_has_a_head_with_a_login(env):
    departments = env["hr.department"].search(
        [("company_id", "=", env.ref("base.main_company").id), ("child_ids", "=", False)]
    )
    story = departments.filtered(lambda d: d.synergy_tier)
    without = story.filtered(lambda d: not d.manager_id.user_id)
    assert not without, f"departments without a head's login: {without.mapped('name')}"


def test_english_can_be_chosen_beside_chinese(env):
    if not env["res.lang"].search_count([("code", "=", "zh_CN")]):
        pytest.skip("Chinese is not loaded in this database")
    assert env["res.lang"].search_count([("code", "=", "en_US")]), "English is not active"
