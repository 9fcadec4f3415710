"""The access matrix: model x group x (read, write, create, delete) -> expected, asserted by
calling the ORM as a user of each group. docs/security.md shows the same table.

To extend it (new model, new addon): add a row to ``MATRIX`` and, once an addon's models are
stable, its name to ``MATRIX_MODULES`` - from then on every model of that addon must have a row.
A group whose module is not installed is skipped (its column is reported as skipped).
"""

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, new_test_user, tagged

# Addons whose every (non-abstract) model must appear in MATRIX.
MATRIX_MODULES = (
    "perf_synergy",
    "perf_synergy_sale",
    "perf_synergy_calendar",
    "perf_synergy_esg",
    "perf_synergy_group",
    "perf_synergy_queue",
)

# Column -> group xml id. Every user of a column has exactly that group (plus what it implies).
GROUPS = {
    "user": "perf_synergy.group_synergy_user",
    "manager": "perf_synergy.group_synergy_manager",
    "officer": "perf_synergy.group_synergy_officer",
    "committee": "perf_synergy.group_synergy_committee",
    "ctrl": "perf_synergy_group.group_synergy_group_controller",
    "portal": "base.group_portal",
    "public": "base.group_public",
    "esg_u": "perf_synergy_esg.group_esg_user",
    "esg_m": "perf_synergy_esg.group_esg_manager",
}

OPERATIONS = {"r": "read", "w": "write", "c": "create", "d": "unlink"}

# Columns: ctrl = Group Controller; esg_u / esg_m = Supplier ESG User / Manager.
# r = read, w = write, c = create, d = delete; "-" = nothing. Model-level rights (ACL); which
# records a right reaches is the record rules' business (test_record_rules.py).
MATRIX_TABLE = """
model                             user manager officer committee ctrl portal public esg_u esg_m
synergy.action                    rw   rw      rwcd    rwc       rwcd -      -      rw    rw
synergy.alert                     r    rw      rwcd    r         rwcd -      -      r     r
synergy.alert.resolve.wizard      -    rwc     rwc     -         rwc  -      -      -     -
synergy.alert.rule                -    r       rwcd    -         rwcd -      -      -     -
synergy.behavior.record           r    rwc     rwcd    r         rwcd -      -      r     r
synergy.behavior.type             r    r       rwcd    r         rwcd -      -      r     r
synergy.bonus.allocation          r    r       rwcd    r         rwcd -      -      r     r
synergy.bonus.pool                r    r       rwcd    r         rwcd -      -      r     r
synergy.bonus.proposal            r    rwcd    rwcd    r         rwcd -      -      r     r
synergy.calibration               -    -       rwcd    r         rwcd -      -      -     -
synergy.calibration.line          -    -       rwcd    r         rwcd -      -      -     -
synergy.cascade.wizard            -    rwcd    rwcd    -         rwcd -      -      -     -
synergy.close.chunk               r    r       rwcd    r         rwcd -      -      r     r
synergy.committee                 -    -       rwcd    r         rwcd -      -      -     -
synergy.consolidation.elimination -    -       -       -         rwcd -      -      -     -
synergy.consolidation.line        -    -       -       -         rwcd -      -      -     -
synergy.consolidation.run         -    -       -       -         rwcd -      -      -     -
synergy.diagnosis                 r    r       rwcd    r         rwcd -      -      r     r
synergy.diagnosis.answer          rw   rwc     rwcd    rw        rwcd -      -      rw    rw
synergy.diagnosis.score           r    r       rwcd    r         rwcd -      -      r     r
synergy.dimension.check           -    rwcd    rwcd    -         rwcd -      -      -     -
synergy.esg.campaign              -    -       -       -         -    -      -      r     rwcd
synergy.esg.factor                -    -       -       -         -    r      -      r     rwcd
synergy.esg.import.wizard         -    -       -       -         -    -      -      -     rwcd
synergy.esg.indicator             -    -       -       -         -    r      -      r     rwcd
synergy.esg.rating                -    -       -       -         -    -      -      r     rwcd
synergy.esg.reject.wizard         -    -       -       -         -    -      -      -     rwcd
synergy.esg.rejection             -    -       -       -         -    r      -      r     rwcd
synergy.esg.report                -    -       -       -         -    rw     -      r     rwcd
synergy.esg.report.line           -    -       -       -         -    rw     -      r     rwcd
synergy.evaluation.campaign       r    r       rwcd    r         rwcd -      -      r     r
synergy.evaluation.dimension      r    r       rwcd    r         rwcd -      -      r     r
synergy.evaluation.response       rw   rw      rwcd    rw        rwcd -      -      rw    rw
synergy.evaluation.response.line  rw   rw      rwcd    rw        rwcd -      -      rw    rw
synergy.evaluation.target         r    r       rwcd    r         rwcd -      -      r     r
synergy.event                     r    r       rd      r         rd   -      -      r     r
synergy.group.coverage            -    -       -       -         r    -      -      -     -
synergy.group.entity              -    -       r       -         rwcd -      -      -     -
synergy.group.target              -    -       -       -         rwcd -      -      -     -
synergy.improvement               r    rwc     rwcd    r         rwcd -      -      r     r
synergy.improvement.line          r    rwcd    rwcd    r         rwcd -      -      r     r
synergy.interlock                 r    r       rwcd    r         rwcd -      -      r     r
synergy.interlock.member          r    r       rwcd    r         rwcd -      -      r     r
synergy.kpi                       r    r       rwcd    r         rwcd -      -      r     r
synergy.kpi.share                 r    r       rwcd    r         rwcd -      -      r     r
synergy.kpi.value                 r    rwcd    rwcd    r         rwcd -      -      r     r
synergy.linkage.line              r    r       rwcd    r         rwcd -      -      r     r
synergy.linkage.matrix            r    r       rwcd    r         rwcd -      -      r     r
synergy.measure                   r    r       rwcd    r         rwcd -      -      r     r
synergy.meeting                   -    -       rwcd    rwc       rwcd -      -      -     -
synergy.meeting.agenda            -    -       rwcd    rwc       rwcd -      -      -     -
synergy.objective                 r    r       rwcd    r         rwcd -      -      r     r
synergy.period                    r    r       rwcd    r         rwcd -      -      r     r
synergy.period.generate           -    -       rwcd    -         rwcd -      -      -     -
synergy.process                   r    r       rwcd    r         rwcd -      -      r     r
synergy.process.node              r    r       rwcd    r         rwcd -      -      r     r
synergy.raci.assignment           r    rwcd    rwcd    r         rwcd -      -      r     r
synergy.raci.matrix               r    r       rwcd    r         rwcd -      -      r     r
synergy.raci.task                 r    r       rwcd    r         rwcd -      -      r     r
synergy.request                   rwc  rwc     rwcd    rwc       rwcd -      -      rwc   rwc
synergy.request.accept.wizard     rwc  rwc     rwc     rwc       rwc  -      -      rwc   rwc
synergy.retrospective             r    rwc     rwcd    r         rwcd -      -      r     r
synergy.retrospective.deviation   r    rwcd    rwcd    r         rwcd -      -      r     r
synergy.scheme                    r    r       rwcd    r         rwcd -      -      r     r
synergy.scorecard                 r    rwcd    rwcd    r         rwcd -      -      r     r
synergy.scorecard.line            r    rwcd    rwcd    r         rwcd -      -      r     r
synergy.version.diff              -    -       rwcd    -         rwcd -      -      -     -
"""


def parse_matrix(text):
    """{model: {column: set of operation letters}} from the table above."""
    rows = [line.split() for line in text.strip().splitlines()]
    header, body = rows[0], rows[1:]
    columns = header[1:]
    matrix = {}
    for row in body:
        if len(row) != len(header):
            raise ValueError(f"Matrix row {row[0]!r} has {len(row) - 1} cells, not {len(columns)}")
        if row[0] in matrix:
            raise ValueError(f"Matrix row {row[0]!r} appears twice")
        cells = zip(columns, row[1:], strict=True)
        matrix[row[0]] = {column: set(cell.replace("-", "")) for column, cell in cells}
    return columns, matrix


COLUMNS, MATRIX = parse_matrix(MATRIX_TABLE)


@tagged("post_install", "-at_install")
class TestSecurityMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {}
        for column, xmlid in GROUPS.items():
            if cls.env.ref(xmlid, raise_if_not_found=False):
                cls.users[column] = new_test_user(cls.env, login=f"matrix_{column}", groups=xmlid)

    def _matrix_models(self):
        """Non-abstract models defined by the addons of MATRIX_MODULES."""
        return {
            name
            for name, model in self.env.registry.items()
            if not model._abstract and model._original_module in MATRIX_MODULES
        }

    def test_matrix_is_well_formed(self):
        self.assertEqual(COLUMNS, list(GROUPS))
        for model, cells in MATRIX.items():
            for column, letters in cells.items():
                self.assertLessEqual(letters, set(OPERATIONS), f"{model} / {column}")

    def test_every_model_is_in_the_matrix(self):
        """A new model of the covered addons without a row fails here: decide its rights."""
        missing = self._matrix_models() - set(MATRIX)
        self.assertFalse(
            missing, f"Models without a row in the access matrix: {', '.join(sorted(missing))}"
        )

    def test_matrix_rows_are_real_models(self):
        unknown = {model for model in MATRIX if model not in self.env}
        self.assertFalse(unknown, f"Matrix rows of models that do not exist: {unknown}")

    def test_no_right_for_portal_or_public(self):
        """Nothing is readable from the website; the portal reaches the supplier ESG models
        only (its own reports, through record rules), never creates or deletes."""
        for model, cells in MATRIX.items():
            self.assertFalse(cells["public"], model)
            if model.startswith("synergy.esg."):
                self.assertLessEqual(cells["portal"], {"r", "w"}, model)
            else:
                self.assertFalse(cells["portal"], model)

    def test_access_matrix(self):
        """Every cell, as a user of the column's group: rights granted where expected, and a
        refused operation really refused when attempted (nothing written)."""
        for column, xmlid in GROUPS.items():
            if column not in self.users:
                with self.subTest(column=column):
                    self.skipTest(f"group {xmlid} is not installed")
                continue
            user = self.users[column]
            for model, cells in MATRIX.items():
                if model not in self.env:
                    continue
                for letter, operation in OPERATIONS.items():
                    expected = letter in cells[column]
                    with self.subTest(model=model, group=column, operation=operation):
                        Model = self.env[model].with_user(user)
                        self.assertEqual(
                            Model.has_access(operation),
                            expected,
                            f"{column} {'should' if expected else 'should not'} {operation} "
                            f"{model}",
                        )
                        if not expected:
                            self._assert_attempt_refused(model, user, operation)

    def _assert_attempt_refused(self, model, user, operation):
        Model = self.env[model].with_user(user)
        sample = self.env[model].sudo().search([], limit=1).with_user(user)
        try:
            with self.env.cr.savepoint():
                if operation == "read":
                    Model.search([], limit=1)
                elif operation == "create":
                    Model.create({})
                elif operation == "write" and sample:
                    sample.write({})
                elif operation == "unlink" and sample:
                    sample.unlink()
                else:
                    Model.check_access(operation)
        except (AccessError, UserError):
            return
        self.fail(f"{user.login} could {operation} {model}")
