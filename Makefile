# Tandem — see README.md. `make run` and `make test` install what is missing first.
SHELL := /bin/bash
GO_TAGS := webkit2_41
BIN := build/bin/tandem
DEV_BIN := build/bin/tandem-dev
GO_SOURCES := $(shell find . -name '*.go' -not -path './frontend/*' -not -path './bench/*' -not -name '*_test.go') $(wildcard internal/sqlite/migrations/*.sql) go.mod go.sum wails.json
FRONTEND_SOURCES := $(shell find frontend/src -type f 2>/dev/null) frontend/index.html frontend/package.json frontend/vite.config.ts

.PHONY: run test deps bindings frontend build dev-bin test-go test-windows test-frontend test-e2e test-window windows test-installer bench clean

## run: install what is missing, build, and open Tandem on the local database
run: deps $(BIN)
	./$(BIN) $(ARGS)

## test: every test — Go (also as Windows binaries under Wine), frontend, end-to-end in Chromium, the desktop window under Xvfb
test: deps
	$(MAKE) test-go test-windows test-frontend
	$(MAKE) $(BIN) $(DEV_BIN)
	$(MAKE) test-e2e test-window test-installer

deps: .deps-stamp
.deps-stamp: scripts/install-deps.sh frontend/package-lock.json go.sum
	scripts/install-deps.sh
	@touch $@

# Wails needs frontend/dist to exist before it can compile the Go side.
frontend/dist/index.html:
	mkdir -p frontend/dist && echo '<!doctype html><title>Tandem</title>' > $@

bindings: frontend/wailsjs/go/app/PeopleService.js
frontend/wailsjs/go/app/PeopleService.js: $(filter ./app/%,$(GO_SOURCES)) $(wildcard internal/domain/*.go) | frontend/dist/index.html
	go tool wails generate module -tags $(GO_TAGS)
	@touch $@

frontend: frontend/dist/.built
frontend/dist/.built: $(FRONTEND_SOURCES) frontend/wailsjs/go/app/PeopleService.js
	cd frontend && npm run build
	@touch $@

build: $(BIN)
$(BIN): $(GO_SOURCES) frontend/dist/.built
	go tool wails build -s -m -nosyncgomod -tags $(GO_TAGS) -o tandem > build/wails-build.log 2>&1 || (cat build/wails-build.log; exit 1)
	@touch $@

## dev-bin: the app with Wails' dev bridge, so any browser reaches the real Go bindings
dev-bin: $(DEV_BIN)
$(DEV_BIN): $(GO_SOURCES) frontend/dist/.built
	go build -tags dev,$(GO_TAGS) -o $@ .

# The tests that run things in parallel run again under the race detector.
RACE_TESTS = TestConfirmationFiles|TestConfirmationsBatch|TestRestoreWaitsForCallsInFlight|TestBackupLocksNoDeadlock|TestErasureCheckpointWithReader

test-go: bindings
	@unformatted="$$(gofmt -l app internal bench main.go)"; if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	go vet -tags $(GO_TAGS) ./...
	go test -tags $(GO_TAGS) -count=1 ./...
	go test -tags $(GO_TAGS) -race -count=1 -run '$(RACE_TESTS)' ./internal/documents ./app ./internal/sqlite

## test-windows: every package's tests and `tandem.exe --selftest`, built for windows/amd64 and run under Wine
test-windows: | frontend/dist/index.html
	scripts/test-windows.sh

## windows: tandem.exe, Tandem-Setup-<version>.exe and Tandem-<version>.msi in build/bin (docs/installation.md);
## signed with SIGN_PFX/SIGN_PASS set
windows: deps frontend/dist/.built
	scripts/install-windows-deps.sh
	scripts/windows-build.sh

## test-installer: the MSI's tables, signing, and installer, uninstaller, MSI and tandem.exe under Wine
test-installer: windows
	scripts/install-windows-deps.sh --test
	scripts/windows-installer-test.sh

test-frontend: bindings
	cd frontend && npm run typecheck && npm test

test-e2e: $(DEV_BIN)
	cd frontend && xvfb-run -a --server-args="-screen 0 1400x900x24" node --test --test-concurrency=1 e2e/*.e2e.mjs

test-window: $(BIN)
	scripts/window-test.sh $(BIN)

## bench: the figures named in the issues
bench: $(BIN)
	go test -run '^$$' -bench . -benchtime 200x ./internal/...
	go run ./bench/startup -app $(BIN) -runs 9

clean:
	rm -rf build/bin build/windows-test frontend/dist frontend/wailsjs .deps-stamp build/wails-build.log build/wails-windows.log build/window-test*.png bench/out
