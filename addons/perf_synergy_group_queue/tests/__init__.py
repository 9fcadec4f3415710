from . import test_consolidation_jobs
