from . import test_meeting_calendar
