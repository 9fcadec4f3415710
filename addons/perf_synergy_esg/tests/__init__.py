from . import test_esg_skeleton
