"""Anonymity and privacy on every read path (issue 17, item 5; DESIGN.md sections 6, 7, 14).

Each test reads as a role through the ORM the way a client does (search, read, read_group,
export_data, mail.message / mail.followers / mail.activity searches); the HTTP class does the
same over JSON-RPC and JSON-2 with a real API key. Every test failed before its fix."""

import json
import re
from datetime import datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from .common import SynergyCase, make_synergy_user

# Attackers with the export right: export_data is one of the paths tried.
OFFICER = "perf_synergy.group_synergy_officer,base.group_allow_export"
USER = "perf_synergy.group_synergy_user,base.group_allow_export"


class PrivacyCase(SynergyCase):
    """An officer who is himself evaluated: member of the evaluated department of an
    internal-customer campaign and the evaluated person of a multi-role campaign."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        Employee = cls.env["hr.employee"]
        cls.dep_hr = Department.create({"name": "Priv HR", "synergy_tier": "back"})
        cls.dep_front = Department.create({"name": "Priv Front", "synergy_tier": "front"})
        cls.officer_evaluated = make_synergy_user(cls.env, "priv_officer_hr", OFFICER)
        cls.emp_officer = Employee.create(
            {
                "name": "Officer in HR",
                "department_id": cls.dep_hr.id,
                "user_id": cls.officer_evaluated.id,
            }
        )
        cls.hr_member = make_synergy_user(cls.env, "priv_hr_member", USER)
        Employee.create(
            {"name": "HR member", "department_id": cls.dep_hr.id, "user_id": cls.hr_member.id}
        )
        cls.customers = cls.env["res.users"]
        for index in range(3):
            user = make_synergy_user(cls.env, f"priv_customer_{index}", USER)
            Employee.create(
                {"name": f"Priv customer {index}", "department_id": cls.dep_front.id,
                 "user_id": user.id}
            )  # fmt: skip
            cls.customers |= user
        questions = [(0, 0, {"name": "Responsiveness"}), (0, 0, {"name": "Quality"})]
        Campaign = cls.env["synergy.evaluation.campaign"]
        cls.campaign = Campaign.create(
            {
                "name": "Priv internal customers",
                "campaign_type": "internal_customer",
                "period_id": cls.q1.id,
                "date_deadline": f"{cls.YEAR}-04-10",
                "min_responses": 3,
                "target_department_ids": [(6, 0, cls.dep_hr.ids)],
                "evaluator_department_ids": [(6, 0, cls.dep_front.ids)],
                "dimension_ids": questions,
            }
        )
        cls.campaign.action_open()
        cls.person_campaign = Campaign.create(
            {
                "name": "Priv multi-role",
                "campaign_type": "multi_role",
                "period_id": cls.q1.id,
                "date_deadline": f"{cls.YEAR}-04-10",
                "target_employee_ids": [(6, 0, cls.emp_officer.ids)],
                "evaluator_department_ids": [(6, 0, cls.dep_front.ids)],
                "dimension_ids": questions,
            }
        )
        cls.person_campaign.action_open()
        cls.responses = cls.campaign.response_ids | cls.person_campaign.response_ids

    def answer(self, campaign, user, ratings):
        response = campaign.response_ids.filtered(lambda r: r.evaluator_id == user)
        for line, rating in zip(response.line_ids, ratings, strict=True):
            line.with_user(user).rating = str(rating)
        response.with_user(user).action_submit()
        return response


@tagged("post_install", "-at_install")
class TestEvaluationAnonymity(PrivacyCase):
    def test_followers_name_no_evaluator(self):
        """Hole: the to-do subscribed each evaluator to his response, and mail.followers is
        readable by every internal user: the evaluated side listed who rates him."""
        self.answer(self.campaign, self.customers[0], [1, 1])
        for user in (self.hr_member, self.officer_evaluated, self.user_officer):
            with self.subTest(user=user.login):
                followers = (
                    self.env["mail.followers"]
                    .with_user(user)
                    .search([("res_model", "=", "synergy.evaluation.response")])
                )
                self.assertFalse(followers)
        self.assertFalse(
            self.env["mail.followers"].search([("res_model", "=", "synergy.evaluation.response")]),
            "a response has no followers at all",
        )

    def test_campaign_chatter_names_no_evaluator(self):
        """Hole: the invitation was posted on the campaign (readable by the whole company)
        with every evaluator as recipient; for a multi-role campaign of one person, his
        evaluators. Each evaluator is notified by his own to-do instead."""
        campaign = self.person_campaign.with_user(self.officer_evaluated)
        messages = (
            self.env["mail.message"]
            .with_user(self.officer_evaluated)
            .search([("model", "=", campaign._name), ("res_id", "=", campaign.id)])
        )
        self.assertTrue(messages)
        self.assertFalse(messages.sudo().partner_ids & self.customers.partner_id)
        self.assertFalse(
            messages.sudo().notification_ids.res_partner_id & self.customers.partner_id
        )
        self.assertIn("3 evaluators are invited", self.person_campaign.message_ids[0].body)
        self.assertEqual(
            set(self.person_campaign.response_ids.activity_ids.user_id), set(self.customers)
        )

    def test_evaluated_officer_reads_no_answer_about_himself(self):
        """Hole: the officer rule excluded only responses about him as a person: as a
        member of an evaluated department he read, grouped and exported who rated it and
        how. Now a global rule hides every answer about the reader, officers included."""
        about_dept = self.campaign.response_ids
        about_person = self.person_campaign.response_ids
        self.answer(self.campaign, self.customers[0], [1, 2])
        self.answer(self.person_campaign, self.customers[1], [2, 2])
        for user in (self.officer_evaluated, self.hr_member):
            Response = self.env["synergy.evaluation.response"].with_user(user)
            Line = self.env["synergy.evaluation.response.line"].with_user(user)
            with self.subTest(user=user.login):
                self.assertFalse(Response.search([("id", "in", self.responses.ids)]))
                self.assertFalse(Line.search([("response_id", "in", self.responses.ids)]))
                self.assertFalse(
                    Line._read_group(
                        [("response_id", "in", self.responses.ids)],
                        ["evaluator_id", "rating"],
                        ["__count"],
                    )
                )
                with self.assertRaises(AccessError):
                    (about_dept[:1] | about_person[:1]).with_user(user).read(["evaluator_id"])
                with self.assertRaises(AccessError):
                    about_dept[:1].with_user(user).export_data(["evaluator_id/name", "mean"])
                with self.assertRaises(AccessError):
                    about_dept.line_ids[:1].with_user(user).read(["evaluator_id", "rating"])
                # The chatter and the to-dos of the responses stay with them.
                self.assertFalse(
                    self.env["mail.message"]
                    .with_user(user)
                    .search([("model", "=", Response._name), ("res_id", "in", self.responses.ids)])
                )
                self.assertFalse(
                    self.env["mail.activity"]
                    .with_user(user)
                    .search(
                        [("res_model", "=", Response._name), ("res_id", "in", self.responses.ids)]
                    )
                )
        # Another officer still reviews them.
        Response = self.env["synergy.evaluation.response"].with_user(self.user_officer)
        self.assertEqual(Response.search([("id", "in", self.responses.ids)]), self.responses)

    def test_search_on_evaluator_is_no_oracle(self):
        """Searching results or campaigns by their responses' evaluator or mean tells the
        evaluated side nothing: the sub-searches apply the responses' rules."""
        customer = self.customers[0]
        self.answer(self.campaign, customer, [1, 1])
        target, campaign = self.campaign.target_ids, self.campaign
        probes = [
            ("synergy.evaluation.target", [("response_ids.evaluator_id", "=", customer.id)]),
            ("synergy.evaluation.target", [("id", "=", target.id), ("response_ids.mean", "=", 1)]),
            ("synergy.evaluation.campaign", [("response_ids.evaluator_id", "=", customer.id)]),
            (
                "synergy.evaluation.campaign",
                [("id", "=", campaign.id), ("response_ids.outlier_reason", "=", "all_min")],
            ),
            ("synergy.evaluation.response.line", [("evaluator_id", "=", customer.id)]),
        ]
        for user in (self.officer_evaluated, self.hr_member):
            for model, domain in probes:
                with self.subTest(user=user.login, model=model, domain=domain):
                    self.assertFalse(self.env[model].with_user(user).search_count(domain))
        self.assertEqual(
            self.env["synergy.evaluation.target"]
            .with_user(self.user_officer)
            .search([("id", "=", target.id), ("response_ids.mean", "=", 1)]),
            target,
        )

    def test_counts_and_close_message_hide_answers_about_the_reader(self):
        """Hole: the campaign's counts were computed as superuser, so the evaluated officer
        saw 'to review: 1' the moment a known colleague submitted all-minimum ratings, and
        closing listed 'Priv HR / <evaluator>' for the responses about him."""
        self.answer(self.campaign, self.customers[0], [1, 1])
        self.assertEqual(self.campaign.with_user(self.user_officer).outlier_count, 1)
        self.assertEqual(self.campaign.with_user(self.user_officer).submitted_count, 1)
        mine = self.campaign.with_user(self.officer_evaluated)
        self.assertEqual((mine.outlier_count, mine.submitted_count, mine.response_count), (0, 0, 0))
        with self.assertRefused(UserError, "1 about you") as caught:
            mine.action_close()
        self.assertNotIn(self.customers[0].name, str(caught.exception))
        with self.assertRefused(UserError, re.escape(self.customers[0].name)):
            self.campaign.with_user(self.user_officer).action_close()

    def test_targets_of_a_started_campaign_are_fixed(self):
        """The evaluated officer cannot take himself out of the rules' reach: the targets of
        an open (or closed) campaign are neither removed nor re-pointed, and responses are
        not moved to another target."""
        target = self.person_campaign.target_ids
        as_officer = target.with_user(self.officer_evaluated)
        with self.assertRefused(UserError, "no longer be changed"):
            as_officer.unlink()
        other = self.env["hr.employee"].create({"name": "Someone else"})
        with self.assertRaises(UserError):
            as_officer.write({"employee_id": other.id})
        with self.assertRaises(UserError):
            target.with_user(self.user_officer).write({"employee_id": other.id})
        with self.assertRaises(UserError):
            self.person_campaign.response_ids[:1].with_user(self.user_officer).write(
                {"target_id": self.campaign.target_ids.id}
            )
        self.assertEqual(target.employee_id, self.emp_officer)
        self.assertEqual(self.person_campaign.response_ids.target_id, target)


@tagged("post_install", "-at_install")
class TestResultPrivacy(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        export = cls.env.ref("base.group_allow_export")
        (cls.user_seller | cls.user_head).write({"group_ids": [(4, export.id)]})
        cls.card_seller = cls.scorecard(owner_level="employee", employee_id=cls.emp_seller.id)
        cls.card_seller.sudo().write({"grade": "B", "final_score": 85.0})
        cls.card_seller.sudo().write({"calibrated_grade": "A"})

    def test_calibrated_grade_hidden_until_published(self):
        """Hole: calibrated_grade had no group: the employee read his own calibration before
        publication, and heads read it (and final_grade) for their whole tree."""
        for user in (self.user_seller, self.user_head):
            card = self.card_seller.with_user(user)
            with self.subTest(user=user.login):
                for field in ("calibrated_grade", "final_grade"):
                    with self.assertRaises(AccessError):
                        card.read([field])
                with self.assertRaises(AccessError):
                    card.export_data(["calibrated_grade"])
                with self.assertRaises(AccessError):
                    card.search([("calibrated_grade", "=", "A")])
        head_card = self.card_seller.with_user(self.user_head)
        self.assertEqual(head_card.read(["grade"])[0]["grade"], "B")
        # "Why this score": the head reads the computed grade, nothing of the calibration.
        explanation = head_card.read(["explanation"])[0]["explanation"]
        self.assertEqual(explanation["composite"]["grade"], "B")
        self.assertFalse(explanation["composite"]["final_grade"])
        self.assertFalse(explanation["calibration"])
        explanation["composite"]["bands"] = []  # the scheme's bands name every grade
        self.assertNotIn('"A"', json.dumps(explanation))
        officer = self.card_seller.with_user(self.user_officer).explanation
        self.assertEqual(officer["composite"]["final_grade"], "A")
        self.assertEqual(officer["calibration"]["grade_after"], "A")
        # Once published, the owner reads his result (the calibrated grade) as published.
        self.card_seller.with_user(self.user_officer).action_publish()
        published = self.card_seller.with_user(self.user_seller).read(["published_grade"])
        self.assertEqual(published[0]["published_grade"], "A")

    def test_pending_allocations_of_other_departments_hidden(self):
        """Hole: any employee read every department's allocation of every pool, approved or
        not (pending bonuses of others)."""
        pool = self.env["synergy.bonus.pool"].create(
            {
                "name": "Privacy pool",
                "period_id": self.year.id,
                "amount": 1000.0,
                "allocation_ids": [
                    (0, 0, {"department_id": self.dep_sales.id, "share": 60}),
                    (0, 0, {"department_id": self.dep_ops.id, "share": 40}),
                ],
            }
        )
        Allocation = self.env["synergy.bonus.allocation"]
        domain = [("pool_id", "=", pool.id)]
        self.assertFalse(Allocation.with_user(self.user_ops).search(domain))
        self.assertFalse(Allocation.with_user(self.user_seller).search(domain))
        self.assertEqual(
            Allocation.with_user(self.user_head).search(domain).department_id, self.dep_sales
        )
        self.assertEqual(len(Allocation.with_user(self.user_officer).search(domain)), 2)
        with self.assertRaises(AccessError):
            pool.allocation_ids.with_user(self.user_ops).read(["amount"])
        self.assertEqual(pool.with_user(self.user_ops).allocated_total, 0.0)


@tagged("post_install", "-at_install")
class TestAlertPrivacy(SynergyCase):
    """An alert on Sales' retention routed to Operations' manager (a collaborator on the
    KPI), who may not read Sales' KPI values."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dep_service = cls.env["hr.department"].create(
            {"name": "Priv Service", "manager_id": cls.emp_ops.id}
        )
        cls.dep_sales.manager_id = cls.emp_head
        cls.kpi_retention.write(
            {
                "share_ids": [
                    (0, 0, {"department_id": cls.dep_sales.id, "role": "lead", "share": 70}),
                    (0, 0, {"department_id": cls.dep_service.id, "share": 30}),
                ]
            }
        )
        cls.env["synergy.alert.rule"].create({"name": "Retention", "kpi_id": cls.kpi_retention.id})
        history = [90, 91, 89, 90, 92, 90, 91, 89, 90, 91, 90, 70]
        for month, amount in zip(cls.months, history, strict=True):
            cls.value(cls.kpi_retention, month, amount, department_id=cls.dep_sales.id)
        cls.alert = cls.env["synergy.alert.rule"]._cron_evaluate()

    def test_alert_states_figures_only_to_readers_of_the_values(self):
        """Hole: the collaborator read Sales' retention (70.00, expected range) in the
        alert, its to-do note and its notification, though he cannot read Sales' values."""
        self.assertEqual(len(self.alert), 1)
        collaborator = self.alert.with_user(self.user_ops)
        self.assertFalse(
            self.env["synergy.kpi.value"]
            .with_user(self.user_ops)
            .search([("department_id", "=", self.dep_sales.id)]),
            "precondition: he cannot read the values directly",
        )
        for field in ("value", "baseline", "expected_low", "expected_high", "z_score"):
            with self.subTest(field=field), self.assertRaises(AccessError):
                collaborator.read([field])
        with self.assertRaises(AccessError):
            collaborator.search([("value", "<", 80)])
        self.assertNotIn("70", collaborator.summary)
        self.assertIn("out of its expected range", collaborator.summary)
        note = self.alert.activity_ids.filtered(lambda a: a.user_id == self.user_ops).note
        self.assertNotIn("70.00", str(note))
        notes = (
            self.env["mail.message"]
            .with_user(self.user_ops)
            .search([("model", "=", "synergy.alert"), ("res_id", "=", self.alert.id)])
        )
        self.assertFalse([m for m in notes if "70.00" in str(m.body)])
        # The owner's head reads the values, so the figures are stated to him.
        self.assertIn("is 70.00", self.alert.with_user(self.user_head).summary)
        head_note = self.alert.activity_ids.filtered(lambda a: a.user_id == self.user_head).note
        self.assertIn("70.00", str(head_note))
        self.assertEqual(self.alert.with_user(self.user_officer).value, 70)


@tagged("post_install", "-at_install")
class TestPrivacyOverHttp(HttpCase, PrivacyCase):
    """The same holes through the clients an attacker uses: JSON-2 with the evaluated
    officer's API key, and JSON-RPC call_kw in his web session."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.key = (
            cls.env["res.users.apikeys"]
            .with_user(cls.officer_evaluated)
            ._generate(
                scope="rpc",
                name="Privacy probe",
                expiration_date=datetime.now() + timedelta(hours=6),
            )
        )

    def json2(self, path, payload):
        response = self.url_open(
            f"/json/2/{path}",
            data=json.dumps(payload),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {self.key}"},
        )
        self.assertEqual(response.status_code, 200, response.text[:300])
        return response.json()

    def test_json2_reveals_no_evaluator(self):
        self.answer(self.campaign, self.customers[0], [1, 1])
        ids = self.responses.ids
        self.assertEqual(
            self.json2(
                "synergy.evaluation.response/search_read",
                {"domain": [["id", "in", ids]], "fields": ["evaluator_id", "mean"]},
            ),
            [],
        )
        self.assertEqual(
            self.json2(
                "synergy.evaluation.response.line/formatted_read_group",
                {
                    "domain": [["response_id", "in", ids]],
                    "groupby": ["evaluator_id", "rating"],
                    "aggregates": ["__count"],
                },
            ),
            [],
        )
        self.assertEqual(
            self.json2(
                "mail.followers/search_read",
                {
                    "domain": [["res_model", "=", "synergy.evaluation.response"]],
                    "fields": ["partner_id", "res_id"],
                },
            ),
            [],
        )
        counts = self.json2(
            "synergy.evaluation.campaign/read",
            {"ids": self.campaign.ids, "fields": ["outlier_count", "submitted_count"]},
        )
        self.assertEqual(counts[0]["outlier_count"], 0)

    def test_jsonrpc_call_kw_reveals_no_evaluator(self):
        self.authenticate(self.officer_evaluated.login, self.officer_evaluated.login)
        self.answer(self.person_campaign, self.customers[0], [5, 5])
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "synergy.evaluation.response",
                "method": "search_read",
                "args": [[["campaign_id", "=", self.person_campaign.id]]],
                "kwargs": {"fields": ["evaluator_id", "mean"]},
            },
        )
        self.assertEqual(result, [])
        messages = self.make_jsonrpc_request(
            "/web/dataset/call_kw",
            {
                "model": "mail.message",
                "method": "search_read",
                "args": [[["model", "=", "synergy.evaluation.campaign"]]],
                "kwargs": {"fields": ["partner_ids"]},
            },
        )
        customer_partners = set(self.customers.partner_id.ids)
        self.assertFalse([m for m in messages if customer_partners & set(m["partner_ids"])])
