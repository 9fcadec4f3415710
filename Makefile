.PHONY: test run lint bench bench-close bench-tree bench-rollup bench-alerts bench-dashboards bench-screens bench-gamification bench-jobs bench-consolidation bench-esg screenshots

test:  ## the whole test suite (Odoo suite on a fresh database when Odoo 19 is found)
	bash scripts/run-tests.sh

run:  ## Odoo with the three addons and demo data on http://127.0.0.1:8069
	bash scripts/run-demo.sh

lint:
	ruff check . && ruff format --check .

bench:  ## every scale benchmark, reported in docs/benchmarks.md (database $$BENCH_DB)
	bash scripts/run-benchmarks.sh

bench-close bench-tree bench-rollup bench-alerts bench-dashboards bench-screens bench-gamification bench-jobs bench-consolidation bench-esg:  ## one benchmark alone
	bash scripts/run-benchmarks.sh $(@:bench-%=%)

screenshots:  ## PNGs of the main screens from a running demo (make run) into docs/screenshots/
	python3 scripts/screenshots.py $(SCREENSHOT_ARGS)
