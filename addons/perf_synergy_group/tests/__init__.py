from . import test_group_skeleton
from . import test_group_consolidation
