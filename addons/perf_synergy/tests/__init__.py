from . import test_skeleton
from . import test_period
from . import test_scheme
from . import test_scorecard
from . import test_measure
from . import test_cascade
from . import test_access
