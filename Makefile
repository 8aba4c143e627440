# Two commands do all set-up: `make run` and `make test`.
PY := .venv/bin/python
VENV_STAMP := .venv/.installed

.PHONY: run serve stop test system lint format bench data clean-data import export history rollback briefing meeting meetings duban duban-update duban-list user user-disable users

$(VENV_STAMP): requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --upgrade pip
	.venv/bin/pip install --quiet -r requirements.txt
	touch $(VENV_STAMP)

platform_data/communities.parquet: | $(VENV_STAMP)
	$(PY) -m governance.demo_data --out platform_data

data: platform_data/communities.parquet

# The port comes from Streamlit's own STREAMLIT_SERVER_PORT (default 8501), never a flag here.
# Bound to this machine only (127.0.0.1) unless STREAMLIT_SERVER_ADDRESS says otherwise:
# `STREAMLIT_SERVER_ADDRESS=0.0.0.0 make run` serves the network (behind a reverse proxy that
# refuses framing and keeps /_stcore/metrics private, see README "Serving safely").
run: $(VENV_STAMP) data
	STREAMLIT_SERVER_ADDRESS=$${STREAMLIT_SERVER_ADDRESS:-127.0.0.1} .venv/bin/streamlit run app.py

# make serve [REPLICAS=N] [PORT=8501]: N Streamlit processes behind nginx (scripts/serve.py,
# deploy/nginx.conf.template); REPLICAS defaults to the number of cores. Ctrl-C or make stop.
serve: $(VENV_STAMP) data
	@$(PY) -m scripts.serve --replicas="$${REPLICAS:-$$(nproc)}" --port="$${PORT:-8501}"

stop: $(VENV_STAMP)
	@$(PY) -m scripts.serve --stop

lint: $(VENV_STAMP)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: $(VENV_STAMP)
	.venv/bin/ruff check --fix .
	.venv/bin/ruff format .

# The system packages the browser, briefing, proxy and PostgreSQL tests need, when missing.
system:
	bash scripts/ensure_system.sh

# The suite on every core (pytest-xdist; TEST_WORKERS=0 runs it in this one process).
# --dist loadfile keeps a test module on one worker: its module-scoped servers start once.
# --no-loadscope-reorder hands the files out in tests/conftest.py's order, the heaviest first:
# by default xdist sorts them by their number of tests, and the long browser files, with few
# tests each, came last, one worker running them while the other had nothing left.
# --durations: the slowest tests of each run, printed, so the suite's time has a record.
TEST_WORKERS ?= auto
test: $(VENV_STAMP) system lint
	.venv/bin/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=40

# make bench [BENCH=browser]: every section, or only the one named (scripts/bench.py --only).
bench: $(VENV_STAMP)
	$(PY) -m scripts.bench $(if $(BENCH),--only=$(BENCH))

# make briefing [FROM=2011Q1] [TO=2011Q4] [COMMUNITIES=C01,C02] [LANG=zh|en] [BASIS=qoq] [DAYS=30]
# [OUT=briefings]: the HTML, PowerPoint and Word briefing (scripts/briefing.py), paths printed. LANG is
# read only when given on the make command line (the locale's LANG is not a language choice).
briefing: $(VENV_STAMP) data
	@$(PY) -m scripts.briefing --from="$$FROM" --to="$$TO" --communities="$$COMMUNITIES" \
		--lang="$(if $(filter command line,$(origin LANG)),$$LANG,zh)" --basis="$$BASIS" \
		--days="$$DAYS" --out="$${OUT:-briefings}"

# Joint meetings (scripts/meeting.py): make meeting DATE=2011-09-26 [TITLE=...] [COMMUNITIES=C01,C02]
# [NOTES=...] records the snapshot of the quarter containing DATE from the data in force and prints
# the new meeting's number; make meetings lists them. Values reach the command as environment
# variables, never spliced into the shell line.
meeting: $(VENV_STAMP)
	@$(PY) -m scripts.meeting record --date="$$DATE" --title="$$TITLE" \
		--communities="$$COMMUNITIES" --notes="$$NOTES"

meetings: $(VENV_STAMP)
	@$(PY) -m scripts.meeting list

# 督办 follow-up items (scripts/duban.py): make duban TITLE=... UNIT=C01|P01|police|... DEADLINE=
# 2012-01-31 [COMMUNITY=C01] [INDICATOR=id] [MEETING=n] [PERSON=...] [NOTE=...] [UNIT_KIND=...]
# prints the new item's number; make duban-update ID=n [STATUS=...] [NOTE=...] [REASON=...]
# [EVALUATION=...] records feedback and moves it; make duban-list lists the open ones. Values
# reach the command as environment variables, never spliced into the shell line.
duban: $(VENV_STAMP)
	@$(PY) -m scripts.duban create --title="$$TITLE" --unit="$$UNIT" --deadline="$$DEADLINE" \
		--community="$$COMMUNITY" --indicator="$$INDICATOR" --meeting="$$MEETING" \
		--person="$$PERSON" --note="$$NOTE" --unit-kind="$$UNIT_KIND"

duban-update: $(VENV_STAMP)
	@$(PY) -m scripts.duban update --id="$$ID" --status="$$STATUS" --note="$$NOTE" \
		--reason="$$REASON" --evaluation="$$EVALUATION"

duban-list: $(VENV_STAMP)
	@$(PY) -m scripts.duban list

# The data in force (see scripts/data.py): make import FILE=x.xlsx [TABLE=t] [MODE=upsert|replace]
# [DRY_RUN=1] [STRICT=1]; make export TABLE=t FILE=x.csv; make history [TABLE=t];
# make rollback TABLE=t VERSION=n. Values reach the command as environment variables ("$$FILE"),
# never spliced into the shell line.
import: $(VENV_STAMP)
	@$(PY) -m scripts.data import "$$FILE" --table="$$TABLE" --mode="$${MODE:-upsert}" \
		--dry-run="$$DRY_RUN" --strict="$$STRICT"

export: $(VENV_STAMP)
	@$(PY) -m scripts.data export "$$TABLE" "$$FILE"

history: $(VENV_STAMP)
	@$(PY) -m scripts.data history --table="$$TABLE"

rollback: $(VENV_STAMP)
	@$(PY) -m scripts.data rollback "$$VERSION" --table="$$TABLE"

# Users of a deployment (scripts/users.py; the users file is GOVERNANCE_USERS, default
# .state/users.toml): make user NAME=wang ROLE=viewer|editor|admin [COMMUNITIES=C01,C03]
# [EMAIL=a@b] (the password from standard input, or prompted for); make user-disable NAME=wang;
# make users (the list, without hashes).
user: $(VENV_STAMP)
	@$(PY) -m scripts.users add "$$NAME" "$$ROLE" --communities="$$COMMUNITIES" --email="$$EMAIL"

user-disable: $(VENV_STAMP)
	@$(PY) -m scripts.users disable "$$NAME"

users: $(VENV_STAMP)
	@$(PY) -m scripts.users list

# Removes the generated demo files only. Data brought in through imports (versions/ and the
# current pointer) is never deleted by a make target: it holds the town's real data and history.
clean-data:
	@if [ -e platform_data/current ]; then \
		echo "platform_data/ 中有导入的数据版本（versions/、current），make clean-data 不删除它们；只删除演示数据文件。" >&2; \
	fi
	rm -f platform_data/*.parquet
