from . import synergy_period_generate
from . import synergy_cascade_wizard
from . import synergy_dimension_check
from . import synergy_version_diff
from . import synergy_request_accept_wizard
from . import synergy_alert_resolve_wizard
from . import comment_wizard
