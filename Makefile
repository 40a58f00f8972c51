# gameday — build, test and demo targets. `make test` is hermetic (no AWS, no
# emulator); `make conformance` needs moto_server; `make integration` needs
# PostgreSQL binaries (installed by .ci/run).
GO       ?= go
VERSION  ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS  := -X main.version=$(VERSION)
BIN      := bin/gameday
PKGS     := ./...

.PHONY: all build test race demo fmt fmt-check vet bench soak conformance integration browser fuzz clean

all: build

build:
	$(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/gameday

# The hermetic tiers: unit and sandbox end to end, with the race detector.
test:
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 -timeout 15m $(PKGS)

# The demo's last scenario is stopped by a stop condition on purpose (exit
# 2, aborted); any other failure fails the target.
demo: build
	./$(BIN) demo; rc=$$?; if [ $$rc -ne 0 ] && [ $$rc -ne 2 ]; then exit $$rc; fi

fmt:
	gofmt -w $$(git ls-files '*.go')

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "not gofmt-ed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# Performance goals are benchmarks, never timed unit tests.
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime 1x $(PKGS)

# Whole game days under injected AWS weather (30 % throttling, 10 % 5xx, 5 %
# of mutations failing after they took effect), one sandbox per seed; prints
# the figures (runs, restored, recovered, exit codes, retries, time per
# run). `make test` runs a few seeds of the same test.
SOAK_SEEDS ?= 200
soak:
	$(GO) test -count=1 -timeout 90m -run 'TestSoakWeatherSandbox$$' -v ./engine/runner/ -soak.seeds $(SOAK_SEEDS) | grep -v '^=== \|^    --- PASS\|^    --- SKIP'

# Real SDK clients against moto_server on 127.0.0.1 (FIS experiments through
# a local REST-JSON fake, since moto lacks them).
conformance:
	$(GO) test -count=1 -tags conformance -timeout 10m -run Conformance $(PKGS)

# Real PostgreSQL primary + streaming standby on 127.0.0.1.
integration:
	$(GO) test -count=1 -tags integration -timeout 10m -run Integration $(PKGS)

# The HTML report opened in headless Chromium (Debian package chromium).
browser:
	$(GO) test -count=1 -tags browser -timeout 5m ./reporters/...

FUZZTIME ?= 60s
fuzz:
	$(GO) test -run '^$$' -fuzz FuzzLoad -fuzztime $(FUZZTIME) ./engine/config

clean:
	rm -rf bin
