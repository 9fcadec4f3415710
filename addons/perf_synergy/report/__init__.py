from . import synergy_xlsx_abstract
from . import raci_matrix_xlsx
from . import linkage_matrix_xlsx
from . import bonus_pool_xlsx
