from . import test_close_jobs
