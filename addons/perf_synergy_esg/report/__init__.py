from . import esg_scorecard_xlsx
