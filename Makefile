.DEFAULT_GOAL := help
.PHONY: help demo test lint fmt bench bench-load

help: ## List the targets
	@grep -E "^[a-z-]+:.*##" $(MAKEFILE_LIST) | awk -F":.*## " "{printf \"  %-10s %s\\n\", \$$1, \$$2}"

demo: ## Install, load the synthetic council and serve on http://127.0.0.1:8000
	bash scripts/demo.sh

test: ## The whole suite: ruff, then pytest on SQLite and on PostgreSQL side by side
	bash scripts/test.sh

lint: ## ruff over the code
	.venv/bin/ruff check src tests bench

fmt: ## Fix what ruff can fix
	.venv/bin/ruff check --fix src tests bench

bench: ## The benchmarks (not part of CI): generation, indicator pack, returns in and out
	.venv/bin/python bench/generate.py
	.venv/bin/python bench/indicators.py
	.venv/bin/python bench/returns.py

bench-load: ## Load test: 50 users against gunicorn on PostgreSQL (p50/p95 per page)
	.venv/bin/python bench/load.py
