from . import synergy_consolidation_run
