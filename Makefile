# Benchmarks of the performance targets (see BENCHMARKS.md).
#
#   make bench       build the benchmarks, run them all COUNT (6) times into bench/new.txt and
#                    summarise the runs with benchstat, one column per implementation
#   make benchstat   install the pinned benchstat into $(go env GOPATH)/bin
#
# Each of the COUNT runs measures every baseline and then its "ours" counterpart, so both
# sides of a target are always measured in the same run, seconds apart. That is the data of
# `go test -bench . -count=6`, but interleaved: with -count=6 go test runs one sub-benchmark
# six times before the next, and on a shared machine the load drifts between the two
# windows. A full run takes about six minutes on two cores; run it on an idle machine.

SHELL       := /bin/bash
.SHELLFLAGS := -o pipefail -c
GO          ?= go
BENCHSTAT   ?= $(shell $(GO) env GOPATH)/bin/benchstat
BENCHSTAT_VERSION ?= v0.0.0-20260908200009-22c9c6c9d4da
COUNT       ?= 6
BENCH       ?= .

.PHONY: bench benchstat

bench: benchstat
	mkdir -p bench
	$(GO) test -c -o bench/benchmarks.test ./internal/benchmarks/
	: > bench/new.txt
	for i in $$(seq $(COUNT)); do \
		bench/benchmarks.test -test.run '^$$' -test.bench '$(BENCH)' -test.benchmem -test.count=1 -test.timeout 60m | tee -a bench/new.txt || exit 1; \
	done
	$(BENCHSTAT) -col /impl bench/new.txt

benchstat:
	test -x $(BENCHSTAT) || $(GO) install golang.org/x/perf/cmd/benchstat@$(BENCHSTAT_VERSION)
