# The two commands a newcomer needs: `make dev` (the whole stack) and `make test` (every suite).
SHELL := /bin/bash
NODE := node --import tsx

.PHONY: dev test install tools typecheck lint clean

## Installs npm packages when package-lock.json changed since the last install.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund

install: node_modules/.package-lock.json

## Finds or builds the Temporal CLI and the time-skipping test server (cached under .tools/).
tools: install
	@$(NODE) scripts/provision.ts

## The whole stack on the embedded default: Temporal dev server, PostgreSQL, worker, API on :3000.
dev: tools
	@$(NODE) src/dev.ts

## Every test suite: unit, workflows (time-skipping), end-to-end (real servers).
test: tools
	npx jest --ci $(JEST_ARGS)

typecheck: install
	npx tsc --noEmit -p .

lint: install
	npx eslint .

## Removes local data (PostgreSQL, Temporal history, the generated admin key). Keeps .tools/.
clean:
	rm -rf .data
