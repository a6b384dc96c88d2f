# The two commands a newcomer needs: `make dev` (the whole stack) and `make test` (every suite).
SHELL := /bin/bash
NODE := node --import tsx

.PHONY: dev test chaos fuzz bench install tools browser console typecheck lint clean

## Installs npm packages when package-lock.json changed since the last install.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

install: node_modules/.package-lock.json

## Finds or builds the Temporal CLI and the time-skipping test server (cached under .tools/).
tools: install
	@$(NODE) scripts/provision.ts

## The console (web/): built to web/dist, which the API serves at /; rebuilt when its sources or the domain schemas change.
web/dist/index.html: node_modules/.package-lock.json $(shell find web/src web/index.html web/vite.config.ts src/domain -type f 2>/dev/null)
	npm run build -w web

console: web/dist/index.html

## The whole stack on the embedded default: Temporal dev server, PostgreSQL, worker, API and console on :3000.
dev: tools console
	@$(NODE) src/dev.ts

## Chromium (Debian's package, installed as root when missing) for the console's browser tests and render benchmark.
browser: install
	@$(NODE) scripts/provision.ts --chromium

## The test suites: unit, workflows (time-skipping), end-to-end (real servers), the console in headless Chromium.
test: tools browser console
	npx jest --ci --selectProjects unit workflows e2e $(JEST_ARGS)

## Chaos tests: kills the worker, restarts Temporal, stops PostgreSQL, and checks nothing is lost or doubled.
chaos: tools
	npx jest --ci --selectProjects chaos --runInBand $(JEST_ARGS)

## The API fuzzer (schemathesis from PyPI, pinned in tools/fuzz/requirements.txt) in a virtualenv under .tools/.
.tools/venv/bin/schemathesis: tools/fuzz/requirements.txt
	python3 -m venv .tools/venv
	.tools/venv/bin/pip install --quiet --disable-pip-version-check -r tools/fuzz/requirements.txt
	@touch $@

## API fuzzing: schemathesis with every check against the served OpenAPI document, on a real stack.
fuzz: tools .tools/venv/bin/schemathesis
	npx jest --ci --selectProjects fuzz $(JEST_ARGS)

## Benchmarks: what one workflow costs, intake load, open incidents at scale, reads over 100,000 incidents, the deadline board of 1,000 clocks. Prints figures; not a test.
bench: tools browser console
	@$(NODE) bench/workflow-cost.ts
	@$(NODE) bench/intake.ts
	@$(NODE) bench/open-incidents.ts
	@$(NODE) bench/reads.ts
	@$(NODE) bench/board.ts

typecheck: install
	npx tsc --noEmit -p .

lint: install
	npx eslint .

## Removes local data (PostgreSQL, Temporal history, the generated admin key). Keeps .tools/.
clean:
	rm -rf .data
