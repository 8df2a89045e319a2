.DEFAULT_GOAL := help
.PHONY: help demo test lint fmt bench

help: ## List the targets
	@grep -E "^[a-z-]+:.*##" $(MAKEFILE_LIST) | awk -F":.*## " "{printf \"  %-8s %s\\n\", \$$1, \$$2}"

demo: ## Install, load the synthetic council and serve on http://127.0.0.1:8000
	bash scripts/demo.sh

test: ## The whole suite: ruff, then pytest on SQLite and on PostgreSQL
	bash scripts/test.sh

lint: ## ruff over the code
	.venv/bin/ruff check src tests bench

fmt: ## Fix what ruff can fix
	.venv/bin/ruff check --fix src tests bench

bench: ## The benchmarks (not part of CI)
	.venv/bin/python bench/generate.py
