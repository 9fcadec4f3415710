from . import test_alert_jobs
from . import test_close_jobs
