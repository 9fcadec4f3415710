from . import synergy_esg_report
