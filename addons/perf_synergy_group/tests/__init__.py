from . import test_group_skeleton
