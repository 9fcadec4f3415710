from . import test_esg_skeleton
from . import test_esg_workflow
