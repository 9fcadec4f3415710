from . import test_group_skeleton
from . import test_group_consolidation
from . import test_group_penetration
from . import test_group_reverse_evaluation
from . import test_group_tour
from . import test_group_security
from . import test_group_hostile_exports
from . import test_group_landing
