# One command per developer task. The venv is the README's.
PY := .venv/bin/python

.PHONY: venv test lint bench

venv:
	python3 -m venv .venv && .venv/bin/pip install -e '.[test]'

test:
	$(PY) -m pytest

lint:
	.venv/bin/ruff check src tests bench examples

bench:
	$(PY) bench/bench_parse.py
	$(PY) bench/bench_links.py
	$(PY) bench/verify_eval.py ../shared/eval/claims/wice_claim_dev.jsonl
