from . import synergy_close_chunk
from . import synergy_period
from . import synergy_alert_rule
