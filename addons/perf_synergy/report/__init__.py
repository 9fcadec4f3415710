from . import raci_matrix_xlsx
from . import linkage_matrix_xlsx
