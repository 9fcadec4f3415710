from . import test_sale_measures
