from . import test_esg_skeleton
from . import test_esg_workflow
from . import test_esg_scoring
from . import test_esg_import_access
from . import test_esg_portal
from . import test_esg_api
from . import test_esg_measures
from . import test_esg_security
