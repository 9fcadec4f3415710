"""Record rules: multi-company isolation through every read path, department scope of heads,
employees' own results, and the anonymity of evaluation responses."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..tools.write_policy import trusted_writes
from .common import SynergyCase, make_synergy_user

# Read paths a user can take to a record besides ``read``: each must see the same rows.
EXPORT_FIELDS = ["id", "display_name"]


def allow_export(users):
    """Exports need their own group: give it, so that only the record rules can refuse."""
    users.group_ids |= users.env.ref("base.group_allow_export")


@tagged("post_install", "-at_install")
class TestMultiCompany(SynergyCase):
    """A subsidiary's users see nothing of the parent's rows and the reverse - by search, read,
    related-field domains, export, grouped reads and counts - and cannot write them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other = cls.env["res.company"].create({"name": "Subsidiary B"})
        group = "perf_synergy.group_synergy_officer"
        cls.officer_b = make_synergy_user(
            cls.env,
            "rr_officer_b",
            group,
            company_id=cls.other.id,
            company_ids=[(6, 0, cls.other.ids)],
        )
        cls.dep_b = cls.env["hr.department"].create(
            {"name": "B Sales", "company_id": cls.other.id, "synergy_tier": "front"}
        )
        env_b = cls.env(context=dict(cls.env.context, allowed_company_ids=cls.other.ids))
        env_b["synergy.period.generate"].create({"year": cls.YEAR}).action_generate()
        cls.year_b = env_b["synergy.period"].search(
            [("company_id", "=", cls.other.id), ("period_type", "=", "year")], limit=1
        )
        cls.kpi_b = env_b["synergy.kpi"].create(
            {"code": "B-REV", "name": "B revenue", "company_id": cls.other.id}
        )
        cls.card_b = env_b["synergy.scorecard"].create(
            {
                "owner_level": "department",
                "department_id": cls.dep_b.id,
                "period_id": cls.year_b.id,
                "company_id": cls.other.id,
            }
        )
        cls.line_b = env_b["synergy.scorecard.line"].create(
            {"scorecard_id": cls.card_b.id, "kpi_id": cls.kpi_b.id, "weight": 100, "target": 10}
        )
        cls.value_b = env_b["synergy.kpi.value"].create(
            {
                "kpi_id": cls.kpi_b.id,
                "period_id": cls.year_b.id,
                "owner_level": "department",
                "department_id": cls.dep_b.id,
                "company_id": cls.other.id,
                "value": 7,
            }
        )
        cls.card_a = cls.scorecard(department_id=cls.dep_sales.id)
        cls.line_a = cls.line(cls.card_a, cls.kpi_sales, weight=100)
        cls.value_a = cls.value(cls.kpi_sales, cls.year, 5, department_id=cls.dep_sales.id)
        allow_export(cls.user_officer | cls.officer_b)

    def _assert_isolated(self, user, records):
        """``user`` reaches none of ``records`` by any read path, and cannot write them."""
        Model = self.env[records._name].with_user(user)
        self.assertFalse(Model.search([("id", "in", records.ids)]))
        self.assertEqual(Model.search_count([("id", "in", records.ids)]), 0)
        self.assertFalse(
            Model._read_group([("id", "in", records.ids)], ["company_id"], ["__count"])
        )
        grouped = Model.formatted_read_group(
            [("id", "in", records.ids)], ["company_id"], ["__count"]
        )
        self.assertFalse(grouped)
        with self.assertRaises(AccessError):
            records.with_user(user).read(["display_name"])
        with self.assertRaises(AccessError):
            records.with_user(user).export_data(EXPORT_FIELDS)
        with self.assertRaises(AccessError):
            records.with_user(user).write({})

    def test_parent_officer_sees_nothing_of_the_subsidiary(self):
        for records in (self.card_b, self.line_b, self.value_b, self.kpi_b, self.year_b):
            with self.subTest(model=records._name):
                self._assert_isolated(self.user_officer, records)

    def test_subsidiary_officer_sees_nothing_of_the_parent(self):
        for records in (self.card_a, self.line_a, self.value_a, self.kpi_sales, self.year):
            with self.subTest(model=records._name):
                self._assert_isolated(self.officer_b, records)

    def test_related_field_paths_do_not_leak(self):
        """Searching through a relation (KPI code, period, company) finds no foreign row."""
        Value = self.env["synergy.kpi.value"].with_user(self.user_officer)
        self.assertFalse(Value.search([("kpi_id.code", "=", "B-REV")]))
        self.assertFalse(Value.search([("company_id", "=", self.other.id)]))
        Line = self.env["synergy.scorecard.line"].with_user(self.user_officer)
        self.assertFalse(Line.search([("scorecard_id.company_id", "=", self.other.id)]))
        self.assertFalse(Line.search([("kpi_id.name", "=", "B revenue")]))
        # Grouped by a related field: only the own company's groups.
        groups = Line._read_group([], ["company_id"], ["__count"])
        self.assertNotIn(self.other, [company for company, _count in groups])

    def test_export_of_own_rows_does_not_follow_into_other_company(self):
        """An export of own rows with relational paths stays in the own company."""
        rows = self.value_a.with_user(self.user_officer).export_data(
            ["kpi_id/code", "period_id/name", "company_id/name"]
        )["datas"]
        self.assertEqual(rows, [["T-SALES", self.year.name, self.company.name]])

    def test_cannot_create_in_the_other_company(self):
        with self.assertRaises(AccessError):
            self.env["synergy.kpi.value"].with_user(self.user_officer).create(
                {
                    "kpi_id": self.kpi_b.id,
                    "period_id": self.year_b.id,
                    "owner_level": "department",
                    "department_id": self.dep_b.id,
                    "company_id": self.other.id,
                    "value": 1,
                }
            )


@tagged("post_install", "-at_install")
class TestDepartmentScope(SynergyCase):
    """Department heads: their department and its children, for values and KPI lines, by every
    read path; other departments neither visible nor writable."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.values = cls.env["synergy.kpi.value"]
        cls.lines = cls.env["synergy.scorecard.line"]
        for department in (cls.dep_sales, cls.dep_sales_north, cls.dep_ops):
            cls.values |= cls.value(cls.kpi_sales, cls.q1, 10, department_id=department.id)
            card = cls.scorecard(department_id=department.id, period=cls.q1)
            cls.lines |= cls.line(card, cls.kpi_sales, weight=100)
        allow_export(cls.user_head)

    def test_head_sees_own_tree_only(self):
        tree = (self.dep_sales | self.dep_sales_north).ids
        for records in (self.values, self.lines):
            with self.subTest(model=records._name):
                Model = self.env[records._name].with_user(self.user_head)
                domain = [("id", "in", records.ids)]
                visible = Model.search(domain)
                self.assertEqual(set(visible.department_id.ids), set(tree))
                self.assertEqual(Model.search_count(domain), 2)
                groups = Model._read_group(domain, ["department_id"], ["__count"])
                self.assertEqual({dep.id for dep, _count in groups}, set(tree))
                outside = records.filtered(lambda r: r.department_id == self.dep_ops)
                with self.assertRaises(AccessError):
                    outside.with_user(self.user_head).read(["department_id"])
                with self.assertRaises(AccessError):
                    outside.with_user(self.user_head).export_data(EXPORT_FIELDS)
                with self.assertRaises(AccessError):
                    outside.with_user(self.user_head).write(
                        {"target": 1} if records is self.lines else {"value": 1}
                    )

    def test_head_cannot_move_a_value_out_of_reach(self):
        """Creating or moving a value into another department is refused."""
        with self.assertRaises(AccessError):
            self.env["synergy.kpi.value"].with_user(self.user_head).create(
                {
                    "kpi_id": self.kpi_sales.id,
                    "period_id": self.months[5].id,
                    "owner_level": "department",
                    "department_id": self.dep_ops.id,
                    "value": 1,
                }
            )
        mine = self.value(self.kpi_sales, self.months[6], 2, department_id=self.dep_sales_north.id)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_head).write({"department_id": self.dep_ops.id})
        card = self.scorecard(department_id=self.dep_sales_north.id, period=self.months[6])
        with self.assertRaises(AccessError):
            card.with_user(self.user_head).write({"department_id": self.dep_ops.id})
        with self.assertRaisesRegex(AccessError, "set when the record is created"):
            card.with_user(self.user_head).write({"department_id": self.dep_sales.id})

    def test_employee_sees_only_own_values_and_lines(self):
        own = self.value(
            self.kpi_sales, self.q1, 3, owner_level="employee", employee_id=self.emp_seller.id
        )
        Value = self.env["synergy.kpi.value"].with_user(self.user_seller)
        self.assertEqual(Value.search([("period_id", "=", self.q1.id)]), own)
        self.assertEqual(Value.search_count([("period_id", "=", self.q1.id)]), 1)
        Line = self.env["synergy.scorecard.line"].with_user(self.user_seller)
        self.assertFalse(Line.search([("id", "in", self.lines.ids)]))


@tagged("post_install", "-at_install")
class TestOwnResults(SynergyCase):
    """Employees read their own result once published, never a colleague's."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        allow_export(cls.user_seller)

    def test_colleague_result_is_unreachable_even_published(self):
        card_ops = self.scorecard("employee", employee_id=self.emp_ops.id)
        self.line(card_ops, self.kpi_sales, weight=100, target=100)
        card_ops.action_confirm()
        card_ops.with_user(self.user_officer).action_publish()
        Card = self.env["synergy.scorecard"].with_user(self.user_seller)
        self.assertFalse(Card.search([("id", "=", card_ops.id)]))
        self.assertFalse(Card.search([("published_grade", "!=", False)]))
        self.assertFalse(Card._read_group([], ["employee_id"], ["published_final_score:sum"]))
        with self.assertRaises(AccessError):
            card_ops.with_user(self.user_seller).export_data(["published_final_score"])
        # The publication message goes to its owner only.
        Message = self.env["mail.message"].with_user(self.user_seller)
        self.assertFalse(
            Message.search([("model", "=", "synergy.scorecard"), ("res_id", "=", card_ops.id)])
        )

    def test_unpublished_final_score_is_not_readable_by_its_owner(self):
        card = self.scorecard("employee", employee_id=self.emp_seller.id)
        mine = card.with_user(self.user_seller)
        with self.assertRaises(AccessError):
            mine.export_data(["final_score"])
        with self.assertRaises(AccessError):
            mine.read(["grade"])
        self.assertFalse(mine.read(["published_final_score"])[0]["published_final_score"])


@tagged("post_install", "-at_install")
class TestEvaluationAnonymity(SynergyCase):
    """No path shows an individual response to the evaluated side (its members and its head):
    ORM reads, searches through the result, exports, grouped reads by evaluator, counts, the
    chatter and activities of the responses, the collaboration log, reports."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The evaluated side: Operations, its head (a manager) and a member (seller's peer).
        cls.ops_head = make_synergy_user(
            cls.env, "anon_ops_head", "perf_synergy.group_synergy_manager"
        )
        cls.env["hr.employee"].create(
            {"name": "Ops head", "department_id": cls.dep_ops.id, "user_id": cls.ops_head.id}
        )
        cls.evaluators = cls.env["res.users"]
        for index in range(3):
            user = make_synergy_user(
                cls.env, f"anon_eval_{index}", "perf_synergy.group_synergy_user"
            )
            cls.env["hr.employee"].create(
                {
                    "name": f"Evaluator {index}",
                    "department_id": cls.dep_sales.id,
                    "user_id": user.id,
                }
            )
            cls.evaluators |= user
        cls.campaign = cls.env["synergy.evaluation.campaign"].create(
            {
                "name": "Anonymity check",
                "campaign_type": "internal_customer",
                "period_id": cls.q1.id,
                "date_deadline": f"{cls.YEAR}-04-10",
                "target_department_ids": [(6, 0, cls.dep_ops.ids)],
                "evaluator_department_ids": [(6, 0, cls.dep_sales.ids)],
                "dimension_ids": [(0, 0, {"name": "Responsiveness"}), (0, 0, {"name": "Quality"})],
            }
        )
        cls.campaign.action_open()
        cls.responses = cls.campaign.response_ids.filtered(
            lambda r: r.evaluator_id in cls.evaluators
        )
        for response, ratings in zip(cls.responses, ([3, 4], [4, 4], [4, 3]), strict=True):
            user = response.evaluator_id
            for line, rating in zip(response.line_ids, ratings, strict=True):
                line.with_user(user).rating = str(rating)
            response.with_user(user).write({"comment": "<b>Slow</b> answers"})
            response.with_user(user).action_submit()
        # A note on one response, as the performance office might write.
        cls.responses[0].with_user(cls.user_officer).message_post(body="Reviewed")
        cls.campaign.action_close()
        cls.target = cls.campaign.target_ids
        allow_export(cls.user_ops | cls.ops_head)

    def _evaluated_side(self):
        return self.user_ops | self.ops_head

    def test_result_is_visible_as_an_aggregate(self):
        for user in self._evaluated_side():
            target = self.target.with_user(user)
            self.assertEqual(target.read(["status"])[0]["status"], "done")
            self.assertGreater(target.read(["score"])[0]["score"], 0)

    def test_responses_are_unreachable(self):
        Response = self.env["synergy.evaluation.response"]
        Line = self.env["synergy.evaluation.response.line"]
        for user in self._evaluated_side():
            with self.subTest(user=user.login):
                for Model, records in (
                    (Response, self.responses),
                    (Line, self.responses.line_ids),
                ):
                    as_user = Model.with_user(user)
                    self.assertFalse(as_user.search([]))
                    self.assertEqual(as_user.search_count([]), 0)
                    self.assertFalse(as_user._read_group([], ["evaluator_id"], ["__count"]))
                    self.assertFalse(
                        as_user.formatted_read_group([], ["evaluator_id"], ["__count"])
                    )
                    with self.assertRaises(AccessError):
                        records.with_user(user).read(["evaluator_id"])
                    with self.assertRaises(AccessError):
                        records.with_user(user).export_data(["evaluator_id/login"])
                # Through the aggregate: its responses stay hidden.
                target = self.target.with_user(user)
                self.assertFalse(target.response_ids)
                rows = target.export_data(["name", "response_ids/evaluator_id/login"])["datas"]
                self.assertEqual([row[1] for row in rows], [""])
                self.assertFalse(
                    self.env["synergy.evaluation.target"]
                    .with_user(user)
                    .search([("response_ids.evaluator_id", "=", self.evaluators[0].id)])
                )

    def test_chatter_and_activities_of_responses_are_unreachable(self):
        Message = self.env["mail.message"]
        messages = Message.search(
            [("model", "=", "synergy.evaluation.response"), ("res_id", "in", self.responses.ids)]
        )
        self.assertTrue(messages, "the responses carry messages (the test must be able to fail)")
        for user in self._evaluated_side():
            with self.subTest(user=user.login):
                self.assertFalse(
                    Message.with_user(user).search([("model", "=", "synergy.evaluation.response")])
                )
                with self.assertRaises(AccessError):
                    messages.with_user(user).read(["body"])
                self.assertFalse(
                    self.env["mail.activity"]
                    .with_user(user)
                    .search([("res_model", "=", "synergy.evaluation.response")])
                )
                self.assertFalse(messages.partner_ids & user.partner_id)

    def test_collaboration_log_names_no_evaluated_side(self):
        events = self.env["synergy.event"].search(
            [("event_type", "=", "evaluation_given"), ("user_id", "in", self.evaluators.ids)]
        )
        self.assertEqual(len(events), 3)
        self.assertEqual(set(events.mapped("res_model")), {"synergy.evaluation.campaign"})
        self.assertFalse(events.partner_department_id)
        for user in self._evaluated_side():
            self.assertFalse(
                self.env["synergy.event"].with_user(user).search([("id", "in", events.ids)])
            )

    def test_no_report_prints_individual_responses(self):
        """A report on responses would bypass the rules through sudo rendering: none may exist
        (a future one must come with its own anonymity test)."""
        reports = self.env["ir.actions.report"].search(
            [
                (
                    "model",
                    "in",
                    ["synergy.evaluation.response", "synergy.evaluation.response.line"],
                )
            ]
        )
        self.assertFalse(reports)

    def test_officer_of_another_company_reads_no_rating(self):
        other = self.env["res.company"].create({"name": "Anonymity elsewhere"})
        outsider = make_synergy_user(
            self.env,
            "anon_outsider",
            "perf_synergy.group_synergy_officer",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        for records in (self.responses, self.responses.line_ids, self.campaign.dimension_ids):
            with self.subTest(model=records._name):
                self.assertFalse(
                    self.env[records._name].with_user(outsider).search([("id", "in", records.ids)])
                )

    def test_an_officer_reads_no_response_about_themselves(self):
        """The performance office reviews responses - except the ones about its own members."""
        officer_b = make_synergy_user(
            self.env, "anon_officer_b", "perf_synergy.group_synergy_officer"
        )
        employee = self.env["hr.employee"].create(
            {"name": "Officer evaluated", "user_id": self.user_officer.id}
        )
        # Targets and responses are added while a campaign is a draft (test_privacy.py): the
        # test reopens it as only the server's own transitions may.
        with trusted_writes(unlock=True):
            self.campaign.sudo().state = "draft"
        target = (
            self.env["synergy.evaluation.target"]
            .sudo()
            .create({"campaign_id": self.campaign.id, "employee_id": employee.id})
        )
        about_officer = (
            self.env["synergy.evaluation.response"]
            .sudo()
            .create(
                {
                    "campaign_id": self.campaign.id,
                    "target_id": target.id,
                    "evaluator_id": self.evaluators[0].id,
                    "line_ids": [(0, 0, {"dimension_id": self.campaign.dimension_ids[0].id})],
                }
            )
        )
        self.campaign.sudo().state = "open"
        Response = self.env["synergy.evaluation.response"]
        mine = Response.with_user(self.user_officer).search(
            [("campaign_id", "=", self.campaign.id)]
        )
        self.assertNotIn(about_officer, mine)
        self.assertIn(self.responses[0], mine, "other responses stay reviewable")
        with self.assertRaises(AccessError):
            about_officer.with_user(self.user_officer).read(["evaluator_id"])
        with self.assertRaises(AccessError):
            about_officer.line_ids.with_user(self.user_officer).read(["rating"])
        self.assertIn(
            about_officer,
            Response.with_user(officer_b).search([("campaign_id", "=", self.campaign.id)]),
        )
