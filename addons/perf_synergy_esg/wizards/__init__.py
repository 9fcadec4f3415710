from . import synergy_esg_reject_wizard
from . import synergy_esg_import_wizard
