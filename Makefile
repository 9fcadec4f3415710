.PHONY: test run lint bench

test:  ## the whole test suite (Odoo suite on a fresh database when Odoo 19 is found)
	bash scripts/run-tests.sh

run:  ## Odoo with the three addons and demo data on http://127.0.0.1:8069
	bash scripts/run-demo.sh

lint:
	ruff check . && ruff format --check .

bench:  ## benchmarks, reported in docs/benchmarks.md
	bash scripts/run-benchmarks.sh
