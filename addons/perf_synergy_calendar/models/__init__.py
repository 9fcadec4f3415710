from . import synergy_meeting
