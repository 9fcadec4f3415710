from . import synergy_period_generate
from . import synergy_cascade_wizard
