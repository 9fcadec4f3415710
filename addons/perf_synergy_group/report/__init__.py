from . import consolidation_run_xlsx
