# Two commands do all set-up: `make run` and `make test`.
PY := .venv/bin/python
VENV_STAMP := .venv/.installed

.PHONY: run test system lint format bench data clean-data

$(VENV_STAMP): requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet -r requirements.txt
	touch $(VENV_STAMP)

platform_data/communities.parquet: | $(VENV_STAMP)
	$(PY) -m governance.demo_data --out platform_data

data: platform_data/communities.parquet

# The port comes from Streamlit's own STREAMLIT_SERVER_PORT (default 8501), never a flag here.
run: $(VENV_STAMP) data
	.venv/bin/streamlit run app.py

lint: $(VENV_STAMP)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: $(VENV_STAMP)
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# The system packages the browser, briefing, proxy and PostgreSQL tests need, when missing.
system:
	bash scripts/ensure_system.sh

test: $(VENV_STAMP) system lint
	.venv/bin/python -m pytest

bench: $(VENV_STAMP)
	$(PY) -m scripts.bench

clean-data:
	rm -f platform_data/*.parquet
