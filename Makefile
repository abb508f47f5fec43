### luanthanh.policy: Trung tâm Phục vụ hành chính công xã Luận Thành
#
#   make start   install, create the site if needed and serve it on :8080
#   make test    install the test dependencies if needed and run the suite
#
# `make help` lists every target.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PIP_VERSION := 26.3
# uv installs the pinned packages in seconds where pip takes minutes.
UV_VERSION := 0.13.10
PACKAGE := luanthanh.policy
SRC := src/luanthanh/policy

export PORT ?= 8080
export HOST ?= 127.0.0.1
export ADMIN_USER ?= admin
# Compiled page templates, shared by the instance, the tests, the e2e site,
# the proofs and the benchmarks of this checkout (Chameleon keys each entry by
# the template's source): a new instance or site skips ~40 s of compilation.
export CHAMELEON_CACHE ?= $(CURDIR)/var/cache
$(shell mkdir -p "$(CHAMELEON_CACHE)")
# ADMIN_PASSWORD is read from the environment by scripts/create_site.py
# (default: admin); it is not exported here so that "unset" stays detectable.
SITE_ID ?= Plone

INSTALL_STAMP := $(VENV)/.installed
# pip warns once per package about this machine's empty local indexes; hide that.
QUIET_PIP := 2>&1 | { grep -v "^WARNING: Location 'file:" || true; }

.PHONY: help
help: ## Show this help
	@grep -hE '^[a-zA-Z0-9_.-]+:.*?## ' $(MAKEFILE_LIST) | \
	  awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-16s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null || { echo "$(PYTHON) is needed"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip==$(PIP_VERSION)" $(QUIET_PIP)

$(INSTALL_STAMP): $(BIN)/python pyproject.toml setup.py constraints.txt
	$(BIN)/python -m pip install -q "uv==$(UV_VERSION)" $(QUIET_PIP)
	$(BIN)/uv pip install -q --python $(BIN)/python -c constraints.txt -e ".[test,dev,cluster]"
	@touch $@

.PHONY: install
install: $(INSTALL_STAMP) ## Create .venv and install the add-on with the pinned dependencies

instance/etc/zope.conf: $(INSTALL_STAMP) etc/zope.conf.in etc/zope.ini.in etc/site.zcml etc/zodb-*.conf.in etc/zeo.conf.in
	$(BIN)/python scripts/make_instance.py

.PHONY: instance
instance: $(INSTALL_STAMP) ## (Re)write the Zope instance configuration in instance/ (data stays in var/)
	$(BIN)/python scripts/make_instance.py

.PHONY: create-site
create-site: instance ## Create the Plone site (id Plone) with the policy and, with DEMO=true (default), the demo content, officials and dossiers, unless it exists
	SITE_ID=$(SITE_ID) $(BIN)/zconsole run instance/etc/zope.conf scripts/create_site.py

.PHONY: import-dossiers
import-dossiers: instance ## Import historic dossiers from a CSV file, one commit per batch: make import-dossiers FILE=ho-so.csv [DRY_RUN=1] [BATCH_SIZE=1000] [START_LINE=N]
	@test -n "$(FILE)" || { echo "Usage: make import-dossiers FILE=ho-so.csv [DRY_RUN=1] [BATCH_SIZE=1000] [START_LINE=N]"; exit 1; }
	$(BIN)/zconsole run instance/etc/zope.conf scripts/import_dossiers.py "$(FILE)" --site $(SITE_ID) $(if $(DRY_RUN),--dry-run) $(if $(BATCH_SIZE),--batch-size $(BATCH_SIZE)) $(if $(START_LINE),--start-line $(START_LINE))

.PHONY: index-pending
index-pending: instance ## Index the online dossiers whose indexing after submission did not run (for cron; OLDER_THAN=60 seconds)
	$(BIN)/zconsole run instance/etc/zope.conf scripts/index_pending.py --site $(SITE_ID) $(if $(OLDER_THAN),--older-than $(OLDER_THAN))

.PHONY: demo-dossiers
demo-dossiers: instance ## Fill an existing site with the demo half-year of ~2,000 dossiers (1/7-15/12/2025; a new site with DEMO=true has them)
	$(BIN)/zconsole run instance/etc/zope.conf scripts/demo_dossiers.py --site $(SITE_ID)

.PHONY: demo-passwords
demo-passwords: instance ## New passwords for the demo officials (printed, and saved to var/demo-officials.txt, mode 0600)
	SITE_ID=$(SITE_ID) $(BIN)/zconsole run instance/etc/zope.conf scripts/demo_site.py --reset-passwords --site $(SITE_ID)

.PHONY: start
start: create-site ## Install, create the site if needed, and serve it on http://localhost:$(PORT)/Plone
	@echo
	@echo "  Trang web / Site:  http://localhost:$(PORT)/$(SITE_ID)"
	@echo "  Quản trị / Admin:  $(ADMIN_USER) / $${ADMIN_PASSWORD:-admin}"
	@echo "  Dừng / Stop:       Ctrl+C"
	@echo
	$(BIN)/runwsgi instance/etc/zope.ini

.PHONY: debug
debug: instance ## Open an interactive Zope debug console (app is the Zope root)
	$(BIN)/zconsole debug instance/etc/zope.conf

# One pytest-xdist worker per core, each taking whole test files (module
# fixtures stay in one process); PYTEST_WORKERS=0 runs in this process.
PYTEST_WORKERS ?= auto

.PHONY: test
test: $(INSTALL_STAMP) ## Run the whole test suite (PYTEST_WORKERS=auto: one worker per core)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

.PHONY: test-e2e
test-e2e: $(INSTALL_STAMP) ## Browser journeys and axe-core in Debian's Chromium against a fresh instance (screenshots in test-results/e2e/)
	$(BIN)/pytest tests/e2e --e2e -p no:warnings $(E2E_ARGS)

.PHONY: bench-procedures
bench-procedures: $(INSTALL_STAMP) ## Benchmark: catalogue and @search with 500 procedures vs Plone's listing
	$(BIN)/pytest bench/bench_procedures.py -s -q -p no:warnings

.PHONY: bench-dossiers
bench-dossiers: $(INSTALL_STAMP) ## Benchmark: 10,000 dossiers via the API, dashboard vs folder_contents (BENCH_DOSSIERS=100000: ~40 min)
	$(BIN)/pytest bench/bench_dossiers.py -s -q -p no:warnings

# Deploying for a province (docs/deployment.md): cluster, backups, proofs, load test ------

.PHONY: start-cluster
start-cluster: $(INSTALL_STAMP) ## PostgreSQL + INSTANCES (2) Zope instances on RelStorage + haproxy on http://127.0.0.1:18380/Plone
	$(BIN)/python scripts/cluster.py start

.PHONY: stop-cluster
stop-cluster: ## Stop what start-cluster started (haproxy, the instances, PostgreSQL)
	$(BIN)/python scripts/cluster.py stop

.PHONY: postgres
postgres: ## Start only the local PostgreSQL (var/postgresql, 127.0.0.1:18350) and print its DSN
	$(BIN)/python scripts/postgres.py start

.PHONY: backup
backup: ## Back up var/ (repozo + blobs) or, with ZODB_BACKEND=relstorage, the database (pg_dump) into BACKUP_DIR (var/backup)
	$(BIN)/python scripts/backup.py backup --to $${BACKUP_DIR:-var/backup}

.PHONY: restore
restore: ## Restore the newest backup from BACKUP_DIR (var/backup) into var/ or RELSTORAGE_DSN's database (site stopped)
	$(BIN)/python scripts/backup.py restore --from $${BACKUP_DIR:-var/backup}

.PHONY: proofs
proofs: $(INSTALL_STAMP) ## Cluster, crash, backup/restore and pack proofs (PostgreSQL, loopback, ~15 min)
	$(BIN)/python scripts/proofs/proof_cluster.py
	$(BIN)/python scripts/proofs/proof_crash.py
	$(BIN)/python scripts/proofs/proof_backup.py

.PHONY: bench-public-search
bench-public-search: $(INSTALL_STAMP) ## Benchmark: Anonymous portal_catalog search with 20,000 dossiers in it vs moved to the dossier catalog (BENCH_PUBLIC_DOSSIERS=N)
	$(BIN)/pytest bench/bench_public_search.py -s -q -p no:warnings

.PHONY: bench-codes
bench-codes: $(INSTALL_STAMP) ## Benchmark: dossier code sequences inline / own transaction / PostgreSQL sequence, 8 writers
	PYTHONPATH=src $(BIN)/python bench/bench_codes.py

.PHONY: bench-load
bench-load: $(INSTALL_STAMP) ## Load test: one FileStorage instance vs two RelStorage instances behind haproxy (2 x BENCH_SECONDS=60 s)
	$(BIN)/python bench/bench_load.py

.PHONY: bench-statistics
bench-statistics: $(INSTALL_STAMP) ## Benchmark: statistics over 10,000 and 100,000 dossiers vs the naive walk (BENCH_STATISTICS_SIZES=1000000 for the big one)
	$(BIN)/pytest bench/bench_statistics.py -s -q -p no:warnings

.PHONY: bench-profile
bench-profile: $(INSTALL_STAMP) ## Profile one online submission, the catalogue page and the dashboard page: CPU, ZODB loads, objects written, top functions (BENCH_PROFILE_HISTORY=2000)
	$(BIN)/pytest bench/bench_profile.py -s -q -p no:warnings

.PHONY: bench-pages
bench-pages: $(INSTALL_STAMP) ## Benchmark: CPU per request of the anonymous pages (home, catalogue, procedure, lookup, form) vs Plone's Document view, caching on and off
	$(BIN)/pytest bench/bench_pages.py -s -q -p no:warnings

.PHONY: bench-scale
bench-scale: $(INSTALL_STAMP) ## Benchmark: BENCH_SCALE_DOSSIERS (1,000,000) dossiers through the historic import into var/bench-scale (kept; BENCH_SCALE_REBUILD=1), then statistics, dashboard, lookup, catalogue
	PYTHONPATH=src $(BIN)/python bench/bench_scale.py

.PHONY: bench-import
bench-import: $(INSTALL_STAMP) ## Benchmark: the historic import vs Plone Documents created by plone.api, alternating batches of 1,000 (BENCH_IMPORT_ROUNDS=5)
	PYTHONPATH=src $(BIN)/python bench/bench_import.py

.PHONY: bench-soak
bench-soak: $(INSTALL_STAMP) ## Benchmark: one instance's RSS through an hour of bench-load's mix (BENCH_SOAK_SECONDS=3600)
	$(BIN)/python bench/bench_soak.py

.PHONY: bench-submissions
bench-submissions: $(INSTALL_STAMP) ## Benchmark: 8 anonymous clients submit the online form for 60 s vs REST Document creation, then checks the dossiers (BENCH_SUBMIT_SECONDS=10: quick)
	$(BIN)/pytest bench/bench_submissions.py -s -q -p no:warnings

.PHONY: lint
lint: $(INSTALL_STAMP) ## Check the code: ruff (Python), import-linter (one-way layers, no cycles) and zpretty (XML, ZCML)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/lint-imports
	find src etc -name '*.zcml' -o -name '*.xml' | xargs $(BIN)/zpretty --check

.PHONY: format
format: $(INSTALL_STAMP) ## Format the code with ruff and zpretty
	$(BIN)/ruff check --fix src tests scripts bench
	$(BIN)/ruff format src tests scripts bench
	find src etc -name '*.zcml' -o -name '*.xml' | xargs $(BIN)/zpretty -i

.PHONY: i18n
i18n: $(INSTALL_STAMP) ## Rebuild locales/luanthanh.policy.pot and sync the vi and en catalogues
	$(BIN)/python scripts/i18n.py

.PHONY: map
map: ## Regenerate docs/map.md, the map of the package (scripts/package_map.py)
	$(PYTHON) scripts/package_map.py

versions.cfg: constraints.txt scripts/versions_cfg.py ## Turn constraints.txt into buildout's versions.cfg
	$(BIN)/python scripts/versions_cfg.py

.PHONY: buildout
buildout: ## The zc.buildout alternative: build bin/instance in .buildout-venv
	$(PYTHON) -m venv .buildout-venv
	.buildout-venv/bin/pip install -q zc.buildout==6.0.1 setuptools==84.2.1 pip==26.3 wheel==0.48.0 packaging==26.4 platformdirs==4.14.8 $(QUIET_PIP)
	.buildout-venv/bin/buildout -c buildout.cfg

.PHONY: clean
clean: ## Remove the virtualenv, the instance, caches and build files (keeps var/)
	rm -rf $(VENV) .buildout-venv instance bin develop-eggs parts .installed.cfg eggs
	rm -rf build dist src/*.egg-info .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
	find $(SRC)/locales -name '*.mo' -delete

.PHONY: clean-data
clean-data: ## Remove the site's data in var/ (asks first)
	@read -p "Delete var/ with all its data? [y/N] " answer; [ "$$answer" = y ] && rm -rf var || true
