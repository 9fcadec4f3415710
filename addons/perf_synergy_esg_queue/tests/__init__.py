from . import test_invitation_jobs
