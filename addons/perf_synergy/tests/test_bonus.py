import io

import openpyxl
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import SynergyCase, make_synergy_user


@tagged("post_install", "-at_install")
class TestBonusPool(SynergyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Sales: own sales at 90 (weight 70) and the shared retention KPI (weight 30), the
        # synergy KPI gating the pool: KPI score 0.7 x 90 + 0.3 x 100 = 93. Operations: 80.
        cls.card_sales = cls.scorecard(department_id=cls.dep_sales.id)
        cls.line(cls.card_sales, cls.kpi_sales, weight=70, target=100)
        cls.gate_line = cls.line(
            cls.card_sales, cls.kpi_retention, weight=30, target=100, is_synergy=True
        )
        cls.card_ops = cls.scorecard(department_id=cls.dep_ops.id)
        cls.line(cls.card_ops, cls.kpi_sales, weight=100, target=100)
        cls.value(cls.kpi_sales, cls.year, 90, department_id=cls.dep_sales.id)
        cls.retention = cls.value(cls.kpi_retention, cls.year, 100, department_id=cls.dep_sales.id)
        cls.value(cls.kpi_sales, cls.year, 80, department_id=cls.dep_ops.id)
        (cls.card_sales | cls.card_ops)._refresh_actuals()
        cls.user_ops_head = make_synergy_user(
            cls.env, "syn_ops_head", "perf_synergy.group_synergy_manager"
        )
        cls.emp_ops_head = cls.env["hr.employee"].create(
            {
                "name": "Head of Operations",
                "user_id": cls.user_ops_head.id,
                "department_id": cls.dep_ops.id,
            }
        )

    def _pool(self, amount=10000.0, shares=(60, 40), gate=True, **values):
        return self.env["synergy.bonus.pool"].create(
            {
                "name": "Phoenix bonus",
                "period_id": self.year.id,
                "amount": amount,
                "gate_line_ids": [(6, 0, self.gate_line.ids if gate else [])],
                "allocation_ids": [
                    (0, 0, {"department_id": department.id, "share": share})
                    for department, share in zip(
                        (self.dep_sales, self.dep_ops), shares, strict=True
                    )
                ],
                **values,
            }
        )

    def _allocation(self, pool, department):
        return pool.allocation_ids.filtered(lambda a: a.department_id == department)

    def _propose(self, pool, department, employee, amount, user=None, **values):
        Proposal = self.env["synergy.bonus.proposal"]
        if user:
            Proposal = Proposal.with_user(user)
        return Proposal.create(
            {
                "allocation_id": self._allocation(pool, department).id,
                "employee_id": employee.id,
                "amount": amount,
                "reason": "Led the joint launch",
                **values,
            }
        )

    # ------------------------------------------------------------------ split
    def test_achievement_defaults_to_the_department_kpi_score(self):
        self.assertAlmostEqual(self.card_sales.kpi_score, 93)
        pool = self._pool()
        sales, ops = self._allocation(pool, self.dep_sales), self._allocation(pool, self.dep_ops)
        self.assertEqual((sales.scorecard_id, ops.scorecard_id), (self.card_sales, self.card_ops))
        self.assertAlmostEqual(sales.achievement, 93)
        self.assertAlmostEqual(ops.achievement, 80)
        self.assertAlmostEqual(sales.weighted, 60 * 93 / 100)
        ops.achievement = 70  # editable
        self.assertAlmostEqual(ops.weighted, 28)
        pool.action_reload_achievements()
        self.assertAlmostEqual(ops.achievement, 80)
        without_card = pool.allocation_ids.create(
            {"pool_id": pool.id, "department_id": self.dep_sales_north.id}
        )
        self.assertFalse(without_card.scorecard_id)
        self.assertEqual(without_card.achievement, 0)
        # A scorecard created since is found when the achievements are reloaded.
        card_north = self.scorecard(department_id=self.dep_sales_north.id)
        self.line(card_north, self.kpi_sales, weight=100, target=100)
        self.value(self.kpi_sales, self.year, 75, department_id=self.dep_sales_north.id)
        pool.action_reload_achievements()
        self.assertEqual(without_card.scorecard_id, card_north)
        self.assertAlmostEqual(without_card.achievement, 75)
        pool.action_compute()
        with self.assertRefused(UserError, "can only be reloaded in draft"):
            pool.action_reload_achievements()

    def test_split_by_share_times_achievement(self):
        pool = self._pool()
        self.assertTrue(pool.gate_passed)
        self.assertEqual(pool.share_total, 100)
        pool.action_compute()
        self.assertEqual(pool.state, "computed")
        sales, ops = self._allocation(pool, self.dep_sales), self._allocation(pool, self.dep_ops)
        # weighted 55.8 and 32 of 87.8
        self.assertAlmostEqual(sales.amount, round(10000 * 55.8 / 87.8, 2))
        self.assertAlmostEqual(ops.amount, round(10000 * 32 / 87.8, 2))
        self.assertAlmostEqual(sales.amount + ops.amount, 10000)
        self.assertAlmostEqual(pool.allocated_total, 10000)
        self.assertIn("Pool split", pool.message_ids[0].body)
        self.assertIn("Syn Sales: 60% x 93.0%", pool.message_ids[0].body)

    def test_shares_must_sum_to_100(self):
        pool = self._pool(shares=(60, 30))
        self.assertEqual(pool.share_total, 90)
        with self.assertRefused(ValidationError, "shares of pool Phoenix bonus sum to 90%"):
            pool.action_compute()
        self.assertEqual(pool.state, "draft")
        empty = self.env["synergy.bonus.pool"].create(
            {"name": "Empty", "period_id": self.year.id, "amount": 100}
        )
        with self.assertRefused(UserError, "has no department"):
            empty.action_compute()

    def test_bad_values_are_refused(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._pool(amount=-1)
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._pool(shares=(120, -20))
        pool = self._pool()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            pool.allocation_ids.create(
                {"pool_id": pool.id, "department_id": self.dep_sales.id, "share": 0}
            )

    def test_gate_closed_pays_nothing(self):
        self.retention.value = 95  # the synergy KPI misses its target: score 95 < 100
        self.assertAlmostEqual(self.gate_line.score, 95)
        pool = self._pool()
        self.assertFalse(pool.gate_passed)
        self.assertIn("Closed: 1 of 1", pool.gate_status)
        pool.action_compute()
        self.assertEqual(pool.allocation_ids.mapped("amount"), [0.0, 0.0])
        self.assertIn("Gate closed", pool.message_ids[0].body)
        self.assertIn(
            "[T-RET] Customer retention (Syn Sales): 95.0 &lt; 100", pool.message_ids[0].body
        )
        # A lower threshold opens the gate.
        pool.action_reset_to_draft()
        pool.gate_threshold = 90
        self.assertTrue(pool.gate_passed)
        pool.action_compute()
        self.assertAlmostEqual(pool.allocated_total, 10000)

    def test_gate_follows_the_score(self):
        pool = self._pool()
        self.assertTrue(pool.gate_passed)
        self.retention.value = 50
        self.assertFalse(pool.gate_passed, "stored gate follows the KPI line's score")
        no_gate = self._pool(gate=False)
        self.assertTrue(no_gate.gate_passed)
        self.assertEqual(no_gate.gate_status, "No gate: the pool always pays.")

    def test_gate_lines_must_be_synergy_kpis(self):
        plain = self.card_ops.line_ids
        with self.assertRefused(ValidationError, "only be gated by synergy KPIs.*T-SALES"):
            self._pool().gate_line_ids = [(4, plain.id)]

    def test_split_is_frozen_once_computed(self):
        pool = self._pool()
        pool.action_compute()
        with self.assertRefused(UserError, "while the record is Draft|cannot be deleted any more"):
            pool.amount = 20000
        with self.assertRefused(UserError, "while the record is Draft|cannot be deleted any more"):
            pool.allocation_ids[0].share = 50
        with self.assertRefused(UserError, "while the record is Draft|cannot be deleted any more"):
            pool.allocation_ids[0].unlink()
        with self.assertRefused(UserError, "not a draft"):
            pool.action_compute()
        pool.name = "Phoenix bonus 2031"  # the label may change
        pool.action_reset_to_draft()
        pool.amount = 20000
        pool.action_compute()
        self.assertAlmostEqual(pool.allocated_total, 20000)

    # ------------------------------------------------------------------ proposals
    def test_proposals_per_person(self):
        pool = self._pool()
        with self.assertRefused(UserError, "only change while the pool is computed.*Draft"):
            self._propose(pool, self.dep_sales, self.emp_seller, 100, user=self.user_head)
        pool.action_compute()
        sales = self._allocation(pool, self.dep_sales)  # 6355.35
        # The head of Sales proposes for a person of Sales North, a sub-department.
        proposal = self._propose(pool, self.dep_sales, self.emp_seller, 4000, user=self.user_head)
        self.assertEqual(proposal.department_id, self.dep_sales)
        self.assertEqual(proposal.proposer_id, self.user_head)
        self.assertAlmostEqual(sales.proposed_total, 4000)
        self.assertAlmostEqual(sales.remaining, 2355.35)
        with self.assertRefused(ValidationError, "Operator does not belong to Syn Sales"):
            self._propose(pool, self.dep_sales, self.emp_ops, 100, user=self.user_head)
        with self.assertRefused(ValidationError, "Head of Sales cannot propose their own bonus"):
            self._propose(pool, self.dep_sales, self.emp_head, 100, user=self.user_head)
        with self.assertRefused(
            ValidationError,
            r"proposals for Syn Sales in pool Phoenix bonus total .*6,400\.00.*more than the "
            r"department's allocation of .*6,355\.35",
        ):
            proposal.with_user(self.user_head).amount = 6400
        # The performance office proposes the head's own bonus, within the allocation.
        own = self._propose(pool, self.dep_sales, self.emp_head, 2300, user=self.user_officer)
        # The beneficiary cannot raise it, move it or write it, whatever his rights on the pool.
        for vals in ({"amount": 2355.35}, {"reason": "Mine"}, {"employee_id": self.emp_seller.id}):
            with self.assertRefused(AccessError, "someone other than the beneficiary"):
                own.with_user(self.user_head).write(vals)
        self.assertEqual((own.amount, own.employee_id), (2300, self.emp_head))
        own.with_user(self.user_officer).amount = 2355.35
        self.assertAlmostEqual(sales.remaining, 0)
        with self.assertRefused(ValidationError, "total .*6,356\\.35"):
            proposal.amount = 4001
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self._propose(pool, self.dep_sales, self.emp_seller, 1, user=self.user_officer)

    def test_nobody_moves_a_proposal_to_himself(self):
        """A head cannot turn a colleague's proposal into his own (red team): the condition is
        checked on the proposal as written too."""
        pool = self._pool()
        pool.action_compute()
        proposal = self._propose(pool, self.dep_sales, self.emp_seller, 300, user=self.user_officer)
        with self.assertRefused(AccessError, "someone other than the beneficiary"):
            proposal.with_user(self.user_head).write(
                {"employee_id": self.emp_head.id, "amount": 950}
            )
        self.assertEqual((proposal.employee_id, proposal.amount), (self.emp_seller, 300))

    def test_recompute_cannot_drop_below_the_proposals(self):
        pool = self._pool()
        pool.action_compute()
        self._propose(pool, self.dep_sales, self.emp_seller, 5000, user=self.user_head)
        pool.action_reset_to_draft()
        pool.amount = 5000
        with self.assertRefused(ValidationError, "proposals for Syn Sales .*more than"):
            pool.action_compute()

    def test_department_heads_propose_for_their_department_only(self):
        pool = self._pool()
        # Managers and users read pools and allocations but do not change them.
        self.assertEqual(pool.with_user(self.user_head).read(["amount"])[0]["amount"], 10000)
        # Employees read no allocation of a pool not approved yet (pending bonuses of others).
        with self.assertRaises(AccessError):
            pool.allocation_ids.with_user(self.user_seller).read(["amount"])
        with self.assertRaises(AccessError):
            pool.with_user(self.user_head).write({"name": "Mine"})
        with self.assertRaises(AccessError):
            pool.allocation_ids[0].with_user(self.user_head).write({"achievement": 120})
        with self.assertRaises(AccessError):
            pool.with_user(self.user_head).action_compute()
        pool.action_compute()
        with self.assertRaises(AccessError):
            self._propose(pool, self.dep_ops, self.emp_ops, 100, user=self.user_head)
        mine = self._propose(pool, self.dep_ops, self.emp_ops, 100, user=self.user_ops_head)
        with self.assertRaises(AccessError):
            mine.with_user(self.user_head).write({"amount": 50})
        with self.assertRaises(AccessError):
            self._propose(pool, self.dep_ops, self.emp_ops, 10, user=self.user_ops)

    def test_employee_sees_own_proposal_once_approved(self):
        pool = self._pool()
        pool.action_compute()
        proposal = self._propose(pool, self.dep_sales, self.emp_seller, 500, user=self.user_head)
        Proposal = self.env["synergy.bonus.proposal"].with_user(self.user_seller)
        self.assertFalse(Proposal.search([("pool_id", "=", pool.id)]))
        pool.action_approve()
        self.assertEqual(Proposal.search([("pool_id", "=", pool.id)]), proposal)
        self.assertFalse(
            self.env["synergy.bonus.proposal"].with_user(self.user_ops).search([]),
            "nobody else's bonus",
        )

    # ------------------------------------------------------------------ approval
    def test_approval_locks_everything(self):
        pool = self._pool()
        with self.assertRefused(UserError, "Only a computed pool can be approved"):
            pool.action_approve()
        pool.action_compute()
        proposal = self._propose(pool, self.dep_sales, self.emp_seller, 500, user=self.user_head)
        pool.action_approve()
        self.assertEqual(pool.state, "approved")
        self.assertIn("Pool approved", pool.message_ids[0].body)
        with self.assertRefused(UserError, "approved and locked"):
            proposal.amount = 600
        with self.assertRefused(UserError, "approved and locked"):
            proposal.unlink()
        with self.assertRefused(UserError, "cannot go back to draft"):
            pool.action_reset_to_draft()
        with self.assertRefused(UserError, "cannot be cancelled"):
            pool.action_cancel()
        with self.assertRefused(UserError, "approved and locked"):
            pool.unlink()

    def test_cancel_and_reset(self):
        pool = self._pool()
        pool.action_cancel()
        self.assertEqual(pool.state, "cancelled")
        pool.action_reset_to_draft()
        self.assertEqual(pool.state, "draft")
        pool.unlink()

    def test_tier_validation(self):
        self.env["tier.definition"].create(
            {
                "model_id": self.env["ir.model"]._get_id("synergy.bonus.pool"),
                "review_type": "individual",
                "reviewer_id": self.user_officer.id,
            }
        )
        pool = self._pool()
        self.assertFalse(pool.need_validation, "a draft is not validated yet")
        pool.action_compute()
        with self.assertRefused(ValidationError, "needs to be validated"):
            pool.action_approve()  # by someone who is not the reviewer
        self.assertEqual(pool.state, "computed")
        pool.request_validation()
        pool.with_user(self.user_officer).validate_tier()
        self.assertEqual(pool.validation_status, "validated")
        # A new split needs new reviews.
        pool.action_reset_to_draft()
        self.assertFalse(pool.review_ids)
        pool.action_compute()
        with self.assertRefused(ValidationError, "needs to be validated"):
            pool.action_approve()
        # The reviewer approving validates their review at once.
        pool.with_user(self.user_officer).action_approve()
        self.assertEqual(pool.review_ids.mapped("status"), ["approved"])
        self.assertEqual(pool.state, "approved")

    def test_other_company_is_invisible(self):
        other = self.env["res.company"].create({"name": "Bonus Elsewhere"})
        period = self.env["synergy.period"].create(
            {
                "name": "Elsewhere 2031",
                "date_start": "2031-01-01",
                "date_end": "2031-12-31",
                "company_id": other.id,
            }
        )
        elsewhere = self.env["synergy.bonus.pool"].create(
            {"name": "Elsewhere", "company_id": other.id, "period_id": period.id, "amount": 1}
        )
        mine = self._pool()
        visible = self.env["synergy.bonus.pool"].with_user(self.user_officer).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(elsewhere, visible)

    def test_form_views(self):
        with Form(self.env["synergy.bonus.pool"]) as form:
            form.name = "From the form"
            form.period_id = self.year
            form.amount = 1000
            with form.allocation_ids.new() as allocation:
                allocation.department_id = self.dep_ops
                allocation.share = 100
        pool = form.record
        self.assertAlmostEqual(pool.allocation_ids.achievement, 80)
        pool.action_compute()
        action = pool.allocation_ids.action_view_proposals()
        self.assertEqual(action["context"], {"default_allocation_id": pool.allocation_ids.id})
        with Form(
            self.env["synergy.bonus.proposal"]
            .with_user(self.user_ops_head)
            .with_context(**action["context"])
        ) as form:
            form.employee_id = self.emp_ops
            form.amount = 250
        self.assertAlmostEqual(pool.allocation_ids.proposed_total, 250)

    # ------------------------------------------------------------------ report
    def test_xlsx_report(self):
        pool = self._pool()
        pool.action_compute()
        self._propose(pool, self.dep_sales, self.emp_seller, 4000, user=self.user_head)
        self._propose(pool, self.dep_ops, self.emp_ops, 1500, user=self.user_ops_head)
        self._propose(pool, self.dep_sales, self.emp_head, 2000, user=self.user_officer)
        content, _format = self.env["ir.actions.report"]._render_xlsx(
            "perf_synergy.action_report_bonus_pool_xlsx", pool.ids, None
        )
        sheet = openpyxl.load_workbook(io.BytesIO(content)).active
        self.assertEqual(sheet.title, "Phoenix bonus")
        self.assertEqual(sheet["A1"].value, "Phoenix bonus")
        self.assertEqual((sheet["A2"].value, sheet["B2"].value), ("Period", self.year.name))
        self.assertEqual(sheet["B3"].value, 10000)
        self.assertEqual(sheet["B4"].value, "Open: all 1 gate KPIs reach 100.")
        self.assertEqual(
            [cell.value for cell in sheet[7]][:5],
            ["Department", "Share (%)", "Achievement (%)", "Share × Achievement", "Amount"],
        )
        self.assertEqual([cell.value for cell in sheet[8]][:3], ["Syn Sales", 60, 93])
        self.assertAlmostEqual(sheet["D8"].value, 55.8)
        self.assertAlmostEqual(sheet["E8"].value, 6355.35)
        self.assertEqual([cell.value for cell in sheet[9]][:3], ["Syn Operations", 40, 80])
        self.assertAlmostEqual(sheet["E9"].value, 3644.65)
        self.assertEqual((sheet["A10"].value, sheet["B10"].value), ("Total", 100))
        self.assertAlmostEqual(sheet["E10"].value, 10000)
        self.assertEqual(sheet["A12"].value, "Proposals per person")
        self.assertEqual(
            [cell.value for cell in sheet[13]][:4], ["Department", "Employee", "Amount", "Reason"]
        )
        rows = [[cell.value for cell in sheet[row]][:4] for row in range(14, 17)]
        self.assertEqual(
            rows,
            [
                ["Syn Operations", "Operator", 1500, "Led the joint launch"],
                ["Syn Sales", "Seller North", 4000, "Led the joint launch"],
                ["Syn Sales", "Head of Sales", 2000, "Led the joint launch"],
            ],
        )
        self.assertEqual((sheet["A17"].value, sheet["C17"].value), ("Total", 7500))
