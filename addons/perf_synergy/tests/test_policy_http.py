"""The trust model over the paths an outsider uses: JSON-2 with real API keys and JSON-RPC
with a web session. One sample of each class of issue 17: a head rewriting results (his own
among them), owners sent by the client, request sides, proposers and states, non-finite numbers,
context keys that used to widen rights."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import SynergyCase, json2_request, rpc_keys


@tagged("post_install", "-at_install")
class TestPolicyOverHttp(HttpCase, SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dep_sales.manager_id = cls.emp_head
        cls.dep_ops.manager_id = cls.emp_ops
        cls.other_employee = cls.env["hr.employee"].create(
            {"name": "Operator Two", "department_id": cls.dep_ops.id}
        )
        cls.card = cls.scorecard(department_id=cls.dep_sales.id, period=cls.q1)
        cls.line_sales = cls.line(cls.card, cls.kpi_sales, weight=100, target=100)
        cls.own_card = cls.scorecard(
            owner_level="employee", employee_id=cls.emp_head.id, period=cls.q1
        )
        cls.keys = rpc_keys(
            (cls.user_head, cls.user_officer, cls.user_seller, cls.user_ops), "Policy"
        )

    def json2(self, user, model, method, payload):
        response = json2_request(self, self.keys[user], model, method, payload)
        return response.status_code, response.text

    def head_proposes_points(self, points, day, **extra):
        """The head's JSON-2 create of behaviour points of type ``points`` for his seller,
        dated ``day``: (status, text)."""
        vals = {"employee_id": self.emp_seller.id, "type_id": points.id, "date": day, **extra}
        return self.json2(
            self.user_head,
            "synergy.behavior.record",
            "create",
            {"vals_list": [{"evidence": "points", **vals}]},
        )

    def assert_refused(self, status_text, *words):
        status, text = status_text
        self.assertIn(status, (403, 422), text)
        for word in words:
            self.assertIn(word, text)

    def test_head_cannot_set_results_of_his_own_or_his_department_scorecard(self):
        for card in (self.own_card, self.card):
            before = card.read(["final_score", "grade", "kpi_score", "result_published"])[0]
            for vals in (
                {"final_score": 120.0},
                {"grade": "S"},
                {"kpi_score": 150.0},
                {"result_published": True, "published_grade": "S"},
            ):
                with self.subTest(card=card.name, vals=vals):
                    self.assert_refused(
                        self.json2(
                            self.user_head,
                            "synergy.scorecard",
                            "write",
                            {"ids": card.ids, "vals": vals},
                        )
                    )
            card.invalidate_recordset()
            self.assertEqual(
                card.read(["final_score", "grade", "kpi_score", "result_published"])[0], before
            )
        before = self.line_sales.read(["actual", "score"])[0]
        self.assert_refused(
            self.json2(
                self.user_head,
                "synergy.scorecard.line",
                "write",
                {"ids": self.line_sales.ids, "vals": {"actual": 999.0, "score": 120.0}},
            ),
            "product's own actions",
        )
        self.line_sales.invalidate_recordset()
        self.assertEqual(self.line_sales.read(["actual", "score"])[0], before)

    def test_head_cannot_publish_over_json_rpc(self):
        self.authenticate(self.user_head.login, self.user_head.login)
        with self.assertRaisesRegex(Exception, "AccessError"):
            self.make_jsonrpc_request(
                "/web/dataset/call_kw",
                {
                    "model": "synergy.scorecard",
                    "method": "action_publish",
                    "args": [self.card.ids],
                    "kwargs": {},
                },
            )
        self.assertFalse(self.card.result_published)

    def test_owner_follows_the_organisation(self):
        """A head sends his own department with another department's employee."""
        status, text = self.json2(
            self.user_head,
            "synergy.kpi.value",
            "create",
            {
                "vals_list": [
                    {
                        "kpi_id": self.kpi_sales.id,
                        "period_id": self.months[1].id,
                        "owner_level": "employee",
                        "employee_id": self.other_employee.id,
                        "department_id": self.dep_sales.id,
                        "value": 1000,
                    }
                ]
            },
        )
        self.assert_refused((status, text), "Syn Operations")
        self.assertFalse(
            self.env["synergy.kpi.value"].search([("employee_id", "=", self.other_employee.id)])
        )

    def test_officer_cannot_move_a_process_into_another_company_over_json2(self):
        """Red team 2: a write of the company (or of a parent of another company) is refused."""
        other = self.env["res.company"].create({"name": "Json Two Other Co"})
        own = self.user_officer.company_id
        process = self.env["synergy.process"].create({"name": "Own", "company_id": own.id})
        foreign = self.env["synergy.process"].create({"name": "Foreign", "company_id": other.id})
        node = self.env["synergy.process.node"].create({"name": "Step", "process_id": process.id})
        self.assert_refused(
            self.json2(
                self.user_officer,
                "synergy.process",
                "write",
                {"ids": process.ids, "vals": {"company_id": other.id}},
            ),
            "company you do not work in",
        )
        self.assert_refused(
            self.json2(
                self.user_officer,
                "synergy.process.node",
                "write",
                {"ids": node.ids, "vals": {"process_id": foreign.id}},
            ),
            "company you do not work in",
        )
        self.env.invalidate_all()
        self.assertEqual(process.company_id, own)
        self.assertEqual(node.process_id, process)

    def test_request_sides(self):
        request = (
            self.env["synergy.request"]
            .with_user(self.user_seller)
            .create(
                {
                    "name": "Stock figures",
                    "requesting_department_id": self.dep_sales_north.id,
                    "responding_department_id": self.dep_ops.id,
                }
            )
        )
        deadline = request.response_deadline
        # The requester acknowledges his own request; the responder moves the SLA start.
        self.assert_refused(
            self.json2(
                self.user_seller, "synergy.request", "action_acknowledge", {"ids": [request.id]}
            ),
            "responding side",
        )
        self.assert_refused(
            self.json2(
                self.user_ops,
                "synergy.request",
                "write",
                {"ids": [request.id], "vals": {"request_date": "2020-01-01 00:00:00"}},
            )
        )
        request.with_user(self.user_ops).action_acknowledge()
        request.with_user(self.user_ops).action_deliver()
        # The responder rates and accepts in the requester's place.
        self.assert_refused(
            self.json2(
                self.user_ops,
                "synergy.request",
                "write",
                {"ids": [request.id], "vals": {"rating": "5"}},
            ),
            "requesting side",
        )
        self.assert_refused(
            self.json2(self.user_ops, "synergy.request", "action_accept", {"ids": [request.id]}),
            "requesting side",
        )
        request.invalidate_recordset()
        self.assertEqual((request.state, request.rating), ("delivered", "0"))
        self.assertEqual(request.response_deadline, deadline)

    def test_states_and_proposers_are_not_the_clients(self):
        behavior_type = self.env["synergy.behavior.type"].create({"name": "Helped", "points": 5})
        status, text = self.json2(
            self.user_head,
            "synergy.behavior.record",
            "create",
            {
                "vals_list": [
                    {
                        "employee_id": self.emp_head.id,
                        "type_id": behavior_type.id,
                        "state": "approved",
                        "proposer_id": self.user_officer.id,
                    }
                ]
            },
        )
        self.assert_refused((status, text))
        self.assertFalse(
            self.env["synergy.behavior.record"].search([("type_id", "=", behavior_type.id)])
        )
        # An officer walks an approved scheme back to draft by writing its state.
        self.assert_refused(
            self.json2(
                self.user_officer,
                "synergy.scheme",
                "write",
                {"ids": self.scheme.ids, "vals": {"state": "draft", "score_cap": 200}},
            )
        )
        self.scheme.invalidate_recordset()
        self.assertEqual(self.scheme.state, "approved")

    def test_non_finite_numbers_refused(self):
        for value in ("NaN", "Infinity", "-Infinity"):
            with self.subTest(value=value):
                payload = (
                    f'{{"ids": [{self.line_sales.id}], "vals": {{"target": {value}}}}}'.encode()
                )
                response = self.url_open(
                    "/json/2/synergy.scorecard.line/write",
                    data=payload,
                    headers={
                        "Content-Type": "application/json",
                        "Authorization": f"Bearer {self.keys[self.user_officer]}",
                    },
                )
                self.assertIn(response.status_code, (403, 422), response.text)
        self.line_sales.invalidate_recordset()
        self.assertEqual(self.line_sales.target, 100)

    def test_context_keys_grant_nothing(self):
        self.months[0].action_close() if self.months[0].state != "closed" else None
        for key in ("synergy_reopen", "synergy_unlock", "install_mode"):
            with self.subTest(key=key):
                self.assert_refused(
                    self.json2(
                        self.user_officer,
                        "synergy.period",
                        "write",
                        {
                            "ids": self.months[0].ids,
                            "vals": {"state": "open"},
                            "context": {key: True},
                        },
                    )
                )
        self.months[0].invalidate_recordset()
        self.assertEqual(self.months[0].state, "closed")

    def test_closed_figures_stay_closed_for_a_head_over_json2(self):
        """Red team 4: after the close, a head changed closed results with points dated in the
        closed period and a refresh, or with a company line of his own making. Each step is
        refused over JSON-2, and the closed figures do not move."""
        self.value(self.kpi_sales, self.months[0], 80, department_id=self.dep_sales.id)
        self.q1.with_user(self.user_officer).action_close()
        figures = ["kpi_score", "linked_score", "behavior_points", "final_score", "grade"]
        before = self.card.read(figures)[0]
        points = self.env["synergy.behavior.type"].create({"name": "Late help", "points": 5})
        # Points dated in the closed quarter, proposed by the head for his seller.
        self.assert_refused(self.head_proposes_points(points, f"{self.YEAR}-02-10"), "closed")
        # The refresh of his closed department scorecard.
        self.assert_refused(
            self.json2(
                self.user_head, "synergy.scorecard", "action_refresh", {"ids": self.card.ids}
            ),
            "locked",
        )
        # A scorecard of his own in the closed quarter (a company line feeding the linkage).
        for level in ("company", "department"):
            with self.subTest(level=level):
                self.assert_refused(
                    self.json2(
                        self.user_head,
                        "synergy.scorecard",
                        "create",
                        {
                            "vals_list": [
                                {
                                    "owner_level": level,
                                    "department_id": self.dep_sales_north.id,
                                    "period_id": self.q1.id,
                                }
                            ]
                        },
                    )
                )
        self.card.invalidate_recordset()
        self.assertEqual(self.card.read(figures)[0], before)

    def test_nothing_moves_into_a_closed_period_over_json2(self):
        """Red team 5: a head moved a draft scorecard of an open period into the closed
        quarter, and dated points into it (sending the current period with the new date kept
        the stored period open). The lock is checked again after such a move, and a computed
        period is the server's, whatever the client sends with it."""
        self.q1.with_user(self.user_officer).action_close()
        open_quarter = self.year.child_ids.filtered(lambda p: p.date_start.month == 4)
        card = self.scorecard(department_id=self.dep_sales_north.id, period=open_quarter)
        self.assert_refused(
            self.json2(
                self.user_head,
                "synergy.scorecard",
                "write",
                {"ids": card.ids, "vals": {"period_id": self.q1.id}},
            ),
            "closed",
        )
        self.assertEqual(card.period_id, open_quarter)
        points = self.env["synergy.behavior.type"].create({"name": "Moved help", "points": 5})
        record = (
            self.env["synergy.behavior.record"]
            .with_user(self.user_head)
            .create(
                {
                    "employee_id": self.emp_seller.id,
                    "type_id": points.id,
                    "date": f"{self.YEAR}-04-20",
                    "evidence": "April",
                }
            )
        )
        april = record.period_id
        for vals in (
            {"date": f"{self.YEAR}-03-20"},
            {"date": f"{self.YEAR}-03-20", "period_id": april.id},
        ):
            with self.subTest(vals=vals):
                self.assert_refused(
                    self.json2(
                        self.user_head,
                        "synergy.behavior.record",
                        "write",
                        {"ids": record.ids, "vals": vals},
                    ),
                    "closed",
                )
        record.invalidate_recordset()
        self.assertEqual((str(record.date), record.period_id), (f"{self.YEAR}-04-20", april))
        # Created with the period it would have by default: the period follows the date.
        self.assert_refused(
            self.head_proposes_points(points, f"{self.YEAR}-03-21", period_id=False), "closed"
        )

    def test_a_head_owns_no_company_figure_over_json2(self):
        """Red team 4: a company-level value or scorecard carrying the head's department was
        in his tree (his record rules) and counted as the company's own. A company's record
        belongs to no department."""
        open_month = self.months[4]
        for model, vals in (
            (
                "synergy.kpi.value",
                {"kpi_id": self.kpi_sales.id, "period_id": open_month.id, "value": 10},
            ),
            ("synergy.scorecard", {"period_id": open_month.id}),
        ):
            with self.subTest(model=model):
                self.assert_refused(
                    self.json2(
                        self.user_head,
                        model,
                        "create",
                        {
                            "vals_list": [
                                {
                                    **vals,
                                    "owner_level": "company",
                                    "department_id": self.dep_sales.id,
                                }
                            ]
                        },
                    )
                )
                company_records = self.env[model].search(
                    [("owner_level", "=", "company"), ("period_id", "=", open_month.id)]
                )
                self.assertFalse(company_records)
        # Not even the officer puts a department on a company's record.
        with self.assertRefused(ValidationError, "no department"):
            self.env["synergy.kpi.value"].with_user(self.user_officer).create(
                {
                    "kpi_id": self.kpi_sales.id,
                    "period_id": open_month.id,
                    "value": 10,
                    "owner_level": "company",
                    "department_id": self.dep_sales.id,
                }
            )


@tagged("post_install", "-at_install")
class TestPolicyRedTeam(SynergyCase):
    """Holes a red team found over JSON-RPC and JSON-2, each refused now."""

    def test_no_record_is_moved_into_a_company_one_does_not_work_in(self):
        other = self.env["res.company"].create({"name": "Red Team Other Co"})
        process = self.env["synergy.process"].create(
            {"name": "Own process", "company_id": self.user_officer.company_id.id}
        )
        foreign = self.env["synergy.process"].create({"name": "Foreign", "company_id": other.id})
        officer = self.user_officer
        self.assertNotIn(other, officer.company_ids)
        # The request's transaction is rolled back on the error: a savepoint here.
        with (
            self.assertRaisesRegex(AccessError, "company you do not work in"),
            self.env.cr.savepoint(),
        ):
            process.with_user(officer).write({"company_id": other.id})
        self.env.invalidate_all()
        self.assertEqual(process.company_id, self.user_officer.company_id)
        node = (
            self.env["synergy.process.node"]
            .with_user(officer)
            .create({"name": "Probe step", "process_id": process.id})
        )
        # The request's transaction is rolled back on the error: a savepoint here.
        with (
            self.assertRaisesRegex(AccessError, "company you do not work in"),
            self.env.cr.savepoint(),
        ):
            node.write({"process_id": foreign.id})
        self.env.invalidate_all()
        self.assertEqual(node.sudo().process_id, process)
        behavior_type = self.env["synergy.behavior.type"].create(
            {"name": "Probe", "points": 1, "company_id": self.user_officer.company_id.id}
        )
        # The request's transaction is rolled back on the error: a savepoint here.
        with (
            self.assertRaisesRegex(AccessError, "company you do not work in"),
            self.env.cr.savepoint(),
        ):
            behavior_type.with_user(officer).write({"company_id": other.id})
        # Within his own companies the officer still moves records.
        node.write({"name": "Probe step renamed", "process_id": process.id})

    def test_context_defaults_are_values_the_client_sets(self):
        behavior_type = self.env["synergy.behavior.type"].create({"name": "Helped", "points": 5})
        forged = {
            "default_state": "approved",
            "default_proposer_id": self.user_officer.id,
            "default_employee_id": self.emp_seller.id,
            "default_type_id": behavior_type.id,
            "default_evidence": "x",
        }
        with self.assertRaisesRegex(AccessError, "may not set"):
            self.env["synergy.behavior.record"].with_user(self.user_head).with_context(
                **forged
            ).create([{}])
        with self.assertRaisesRegex(AccessError, "may not set"):
            self.env["synergy.request"].with_user(self.user_seller).with_context(
                default_name="x",
                default_requesting_department_id=self.dep_sales_north.id,
                default_responding_department_id=self.dep_ops.id,
                default_state="accepted",
                default_rating="5",
            ).create([{}])
        with self.assertRaisesRegex(AccessError, "may not set"):
            self.env["synergy.scorecard"].with_user(self.user_head).with_context(
                default_owner_level="employee",
                default_employee_id=self.emp_head.id,
                default_period_id=self.months[2].id,
                default_result_published=True,
                default_published_final_score=150,
            ).create([{}])
        with self.assertRaisesRegex(AccessError, "Source"):
            self.env["synergy.kpi.value"].with_user(self.user_head).with_context(
                default_source="consolidation"
            ).create(
                [
                    {
                        "kpi_id": self.kpi_sales.id,
                        "owner_level": "department",
                        "department_id": self.dep_sales.id,
                        "period_id": self.months[2].id,
                        "value": 1,
                    }
                ]
            )
        self.assertFalse(
            self.env["synergy.behavior.record"].search([("type_id", "=", behavior_type.id)])
        )

    def test_beneficiary_cannot_reject_or_reset_his_points(self):
        behavior_type = self.env["synergy.behavior.type"].create({"name": "Blocked", "points": -5})
        record = (
            self.env["synergy.behavior.record"]
            .with_user(self.user_officer)
            .create(
                {
                    "employee_id": self.emp_head.id,
                    "type_id": behavior_type.id,
                    "date": f"{self.YEAR}-02-15",
                    "evidence": "x",
                }
            )
        )
        record.with_user(self.user_officer).action_submit()
        with self.assertRaisesRegex(UserError, "his own points"):
            record.with_user(self.user_head).action_reject()
        record.with_user(self.env.ref("base.user_admin")).action_approve()
        for action in ("action_reject", "action_reset_to_draft"):
            with self.assertRaisesRegex(UserError, "own points|approved and locked"):
                getattr(record.with_user(self.user_head), action)()
        self.assertEqual(record.state, "approved")

    def test_measure_refuses_fields_neither_stored_nor_searchable(self):
        with self.assertRaisesRegex(AccessError, "neither stored nor searchable|may not read"):
            self.env["synergy.measure"].with_user(self.user_officer).create(
                {
                    "name": "Passwords",
                    "model_id": self.env["ir.model"]._get_id("res.partner"),
                    "domain": "[('user_ids.password', 'like', '$pbkdf2%')]",
                    "aggregate": "count",
                    "owner_level": "company",
                    "date_field": "create_date",
                }
            )

    def test_unchanged_value_is_no_oracle_for_hidden_fields(self):
        """Writing a field's current value passes (an import of an export), but not for a field
        the writer may not read: otherwise a refused or silent write would tell him the hidden
        calibrated grade."""
        card = self.scorecard(department_id=self.dep_sales.id, period=self.q1)
        card.sudo().write({"calibrated_grade": "A"})
        for guess in ("A", "B"):
            with self.assertRaisesRegex(AccessError, "Calibrated Grade"):
                card.with_user(self.user_head).write({"calibrated_grade": guess})
        self.assertEqual(card.calibrated_grade, "A")
