# meshsim: build, test and install the library and the command-line tool.
#
#   make            build build/meshsim (installs missing Debian packages)
#   make demo       build and analyse a bundled scenario
#   make test       build and run every test, then again under ASan+UBSan,
#                   then a short run of each fuzz harness
#   make sanitize   the sanitizer run alone (build in build-san/)
#   make alloc-test every allocation failing in turn (make test: a sample)
#   make memcheck   every command-line test under valgrind (make test: a
#                   subset)
#   make dist-test  shards on a real one-node Slurm and with GNU parallel
#                   (tests/dist/; installs both; .ci/run runs it)
#   make fuzz       the libFuzzer harnesses, FUZZ_TIME seconds each
#                   (build in build-fuzz/; tests/fuzz/run.sh)
#   make fuzz-merge fold make fuzz's new inputs into tests/fuzz/corpus
#   make bench      meshsim against networkx; see docs/bench.md
#   make nats-live  the live mesh model against real nats-server processes
#                   (tests/nats/live/run.py; make test-run runs it too)
#   make install    PREFIX=/usr/local, DESTDIR honoured (docs/library.md)
#   make clean

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
DATADIR ?= $(PREFIX)/share
MANDIR  ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
BASHCOMPDIR  ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR   ?= $(DATADIR)/zsh/site-functions
SCHEMADIR    ?= $(DATADIR)/meshsim/schema
INSTALL ?= install
PYTHON  ?= /usr/bin/python3
BUILD   ?= build
# The HTML report in headless Chromium; skipped with a message where
# Chromium is absent, and in the sanitizer run (the same report bytes are
# checked by the goldens there).
BROWSER_TEST ?= sh tests/browser/run.sh $(BIN)
# `meshsim simulate` against real nats-server processes (a few minutes);
# skipped with a message where nats-server is absent (a failure when
# CI=true), and in the sanitizer run (the model's bytes are the same).
NATS_LIVE_FLAGS ?=
NATS_LIVE_TEST ?= $(PYTHON) tests/nats/live/run.py $(BIN) $(NATS_LIVE_FLAGS)
# Fuzzing: clang with libFuzzer (Debian's libclang-rt-14-dev), seconds per
# harness for make fuzz, and where it builds.
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 120
FUZZ_BUILD ?= build-fuzz

# Allocation failures (tests/alloc/run.sh): make test fails up to this
# many allocations of each case (the first half, then spread evenly);
# make alloc-test all of them.
ALLOC_SAMPLE ?= 80
FAILMALLOC = $(BUILD)/tests/failmalloc.so
ALLOC_TEST ?= ALLOC_SAMPLE=$(ALLOC_SAMPLE) sh tests/alloc/run.sh $(BIN) \
              $(FAILMALLOC)
# valgrind's memcheck on the command-line tests: make test runs these
# cases (every kind of command and input, forked workers included) and
# tests/cli/output.sh; make memcheck runs all of them.
MEMCHECK_CASES ?= figure1-json warnings figure1-down-node1 bad-syntax \
    formats-figure1-gml-json formats-graphml-json formats-ncol-json \
    formats-export-gml formats-export-graphml formats-bad-graphml-tag \
    harper-check-nats harper-import-env harper-invalid-yaml \
    ops-apply-set-json ops-routes-inventory ops-network-drift \
    sweep-zones-j2 sweep-zones-mesh-json availability-j2 \
    simulate-restart-hazard-json mesh-figure1-down-node1-json \
    review-md-zones review-svg-figure1 diff-worse-spof-json suggest-chain \
    suggest-target3-ring-json compose-env-file compose-scenario-import \
    compose-replicas suggest-by-split-json
space := $() $()
MEMCHECK_TEST ?= VALGRIND=1 JOBS=2 CASES='$(subst $(space),|,$(strip $(MEMCHECK_CASES)))' \
                 sh tests/cli/run.sh $(BIN) && \
                 VALGRIND=1 sh tests/cli/output.sh $(BIN)

# What the library and the program link; igraph is loaded at run time.
RUN_PKGS  = libcjson yaml-0.1
PKGS      = igraph $(RUN_PKGS)
TEST_PKGS = cmocka

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wcast-qual -Wwrite-strings \
       -Wundef -Wpointer-arith -Wvla -Wdouble-promotion -Wnull-dereference
CFLAGS ?= -O2 -g
ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
endif
ifeq ($(SAN),fuzz)
SANFLAGS = -fsanitize=fuzzer-no-link,address,undefined \
           -fno-sanitize-recover=all -fno-omit-frame-pointer
endif

# Expanded when used, so that pkg-config runs after `deps` has installed
# what was missing. Their headers are system headers: our warning flags
# are for our code.
DEP_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS)))
DEP_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm
# The library and the program do not link igraph: it is loaded when first
# needed (src/base/igraph_glue.c), by the soname of pkg-config's igraph.
# Loading it and the 25 libraries it needs took about 10 ms of every run,
# most of which never call it (docs/development.md, "Dependencies"). The
# tests and the fuzzers link it, to compare with it.
RUN_LIBS   = $(shell pkg-config --libs $(RUN_PKGS)) -lm
IGRAPH_SONAME = $(shell objdump -p "$$(pkg-config --variable=libdir \
                  igraph)/libigraph.so" 2>/dev/null | \
                  sed -n 's/^ *SONAME *//p')
TEST_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(TEST_PKGS)))
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS))

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc $(WARN) \
             $(CFLAGS) $(SANFLAGS) $(DEP_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

# The library is every layer but the command line: src/base (buffers,
# text, diagnostics, errors, limits, progress, hashes, random numbers),
# src/model (the plan), src/read (one file per input format), src/graph
# (the analyses), src/failure (sweeps, availability, the live mesh, the
# replication model, shards), src/review (diff, suggest, report, drawing,
# export) and src/out (JSON and text output); src/cli is the tool.
LIB_SRC  = $(filter-out src/cli/%,$(wildcard src/*/*.c))
CLI_SRC  = $(wildcard src/cli/*.c)
# Unit tests by layer, as src/ (tests/unit/LAYER/test_*.c), each linked
# with the helpers they share (tests/unit/fixture.c).
TEST_SRC = $(wildcard tests/unit/*/test_*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
FIXTURE  = $(BUILD)/tests/unit/fixture.o
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
LIB      = $(BUILD)/libmeshsim.a
# The shared library: libmeshsim.so.MAJOR (the soname) -> the file
# libmeshsim.so.VERSION, VERSION being MESH_VERSION of meshsim.h;
# docs/library.md says what bumps MAJOR.
VERSION  := $(shell sed -n 's/^\#define MESH_VERSION "\(.*\)"$$/\1/p' \
              include/meshsim/meshsim.h)
SOVERSION = $(firstword $(subst ., ,$(VERSION)))
SONAME   = libmeshsim.so.$(SOVERSION)
SHLIB    = $(BUILD)/libmeshsim.so.$(VERSION)
BIN      = $(BUILD)/meshsim
HEADERS  = $(wildcard include/meshsim/*.h)

.PHONY: all demo test test-run sanitize deps test-deps \
        install uninstall clean bench alloc-test memcheck \
        fuzz fuzz-bin fuzz-test fuzz-merge nats-live FORCE

all: $(BIN) $(SHLIB)

deps:
	@pkg-config --exists $(PKGS) 2>/dev/null || sh tools/install-deps

test-deps:
	@{ pkg-config --exists $(PKGS) $(TEST_PKGS) && \
	   $(PYTHON) -c 'import networkx, jsonschema' && command -v valgrind; } \
	   >/dev/null 2>&1 || \
	   sh tools/install-deps --test

$(BUILD) $(BUILD)/tests $(BUILD)/fuzz:
	@mkdir -p $@

$(BUILD)/%.o: src/%.c | deps $(BUILD)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | test-deps $(BUILD)/tests
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(TEST_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	$(AR) rcs $@ $^

# The library's objects serve both libraries: position-independent, and
# only what include/meshsim/ declares is exported (MESH_API_BEGIN in
# include/meshsim/visibility.h); calls inside the library are not
# interposable. The objects are rebuilt when these flags change (objects
# built before them would export everything).
LIB_FLAGS = -fPIC -fvisibility=hidden -fno-semantic-interposition
$(LIB_OBJ): ALL_CFLAGS += $(LIB_FLAGS)
$(LIB_OBJ): $(BUILD)/lib-flags
$(BUILD)/lib-flags: FORCE | $(BUILD)
	@echo '$(LIB_FLAGS)' | cmp -s - $@ || echo '$(LIB_FLAGS)' > $@
FORCE:

$(BUILD)/base/igraph_glue.o: ALL_CFLAGS += -DMESH_I_IGRAPH_SONAME='"$(or \
    $(IGRAPH_SONAME),$(error cannot find the soname of igraph's library))"'

$(SHLIB): $(LIB_OBJ)
	$(CC) $(ALL_LDFLAGS) -shared -Wl,-soname,$(SONAME) -Wl,--no-undefined \
		-o $@ $(LIB_OBJ) $(RUN_LIBS)

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(RUN_LIBS)

# Preloaded into meshsim: never built with the sanitizers.
$(FAILMALLOC): tests/alloc/failmalloc.c | $(BUILD)/tests
	$(CC) -std=c11 $(WARN) $(CFLAGS) -shared -fPIC -o $@ $< -ldl

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(FIXTURE) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(FIXTURE) $(LIB) $(TEST_LIBS) $(DEP_LIBS)

# Every thread the library would make refused: linked so that its
# pthread_create() calls reach the test's own.
$(BUILD)/tests/unit/read/test_nothreads: \
    $(BUILD)/tests/unit/read/test_nothreads.o $(FIXTURE) $(LIB)
	$(CC) $(ALL_LDFLAGS) -Wl,--wrap=pthread_create -o $@ $< $(FIXTURE) \
		$(LIB) $(TEST_LIBS) $(DEP_LIBS)

# The progress bar's line is the command line's, not the library's.
$(BUILD)/tests/unit/cli/test_cli_progress: \
    $(BUILD)/tests/unit/cli/test_cli_progress.o $(FIXTURE) \
    $(BUILD)/cli/cli_progress.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/cli/cli_progress.o \
		$(FIXTURE) $(LIB) $(TEST_LIBS) $(DEP_LIBS)

# The help against the table of options: the command line's too.
$(BUILD)/tests/unit/cli/test_cli_help: $(BUILD)/tests/unit/cli/test_cli_help.o \
    $(FIXTURE) $(BUILD)/cli/cli_help.o $(BUILD)/cli/cli_options.o \
    $(BUILD)/cli/cli_msgs.o $(BUILD)/cli/cli_progress.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/cli/cli_help.o \
		$(BUILD)/cli/cli_options.o $(BUILD)/cli/cli_msgs.o \
		$(BUILD)/cli/cli_progress.o $(FIXTURE) $(LIB) $(TEST_LIBS) \
		$(DEP_LIBS)

# The messages: the command line's too.
$(BUILD)/tests/unit/cli/test_cli_msgs: $(BUILD)/tests/unit/cli/test_cli_msgs.o \
    $(FIXTURE) $(BUILD)/cli/cli_msgs.o $(BUILD)/cli/cli_progress.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/cli/cli_msgs.o \
		$(BUILD)/cli/cli_progress.o $(FIXTURE) $(LIB) $(TEST_LIBS) \
		$(DEP_LIBS)

$(BUILD)/fuzz/%.o: tests/fuzz/%.c | deps $(BUILD)/fuzz
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Kept, so that a rebuild compiles only what changed.
.SECONDARY: $(FUZZ_BIN:%=%.o) $(BUILD)/fuzz/common.o

$(BUILD)/fuzz/fuzz_%: $(BUILD)/fuzz/fuzz_%.o $(BUILD)/fuzz/common.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $< \
		$(BUILD)/fuzz/common.o $(LIB) $(DEP_LIBS)

demo: $(BIN)
	$(BIN) check --fail-on never scenarios/figure1.json

# The test suite: unit tests, the command line against golden reports,
# -o and stdout, the catalogue of malformed inputs, sharded runs merged
# against whole ones (fewer under the sanitizers), the one-letter typos of
# the Harper scenarios (a quarter under the sanitizers), the differential test
# against networkx, the live mesh against real nats-server processes (not
# under the sanitizers), allocation failures and valgrind (samples; see
# alloc-test and memcheck), and make install used as a user would.
test-run: $(BIN) $(TEST_BIN) $(FAILMALLOC) | test-deps
	@stray='$(wildcard tests/test_*.c tests/unit/test_*.c)'; \
	 if [ -n "$$stray" ]; then \
	   echo "not run: $$stray (unit tests go in tests/unit/LAYER/)" >&2; \
	   exit 1; \
	 fi
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; $$t; done
	$(PYTHON) tests/cycles.py $(BUILD)
	sh tests/cli/run.sh $(BIN)
	sh tests/cli/output.sh $(BIN)
	sh tests/help/run.sh $(BIN)
	sh tests/harper/roundtrip.sh $(BIN)
	sh tests/nats/run.sh $(BIN)
	$(PYTHON) tests/cli/progress.py $(BIN)
	PYTHON=$(PYTHON) sh tests/cli/budget.sh $(BIN)
	sh tests/catalogue/run.sh $(BIN)
	PYTHON=$(PYTHON) sh tests/ci/run.sh $(BIN)
	$(PYTHON) tests/suggest/by_domain.py $(BIN) $(BYDOMAIN_PLANS)
	$(PYTHON) tests/schema/run.py $(BIN)
	$(INSTALL_TEST)
	$(TYPO_ENV) $(PYTHON) tests/harper/typo_property.py $(BIN)
	$(PYTHON) tests/roundtrip/run.py $(BIN) $(ROUNDTRIP_FLAGS)
	PYTHON=$(PYTHON) $(SHARD_ENV) sh tests/shard/run.sh $(BIN)
	$(BROWSER_TEST)
	$(PYTHON) tests/differential.py --meshsim $(BIN) $(DIFF_FLAGS)
	$(NATS_LIVE_TEST)
	$(ALLOC_TEST)
	$(MEMCHECK_TEST)

# make install into temporary folders, and what it installed used as a
# user would (tests/install/run.sh); not under the sanitizers, whose
# libraries a program outside meshsim cannot link as they are.
INSTALL_TEST ?= MAKE='$(MAKE)' PYTHON=$(PYTHON) sh tests/install/run.sh $(BUILD)

test: test-run
	$(MAKE) --no-print-directory sanitize
	$(MAKE) --no-print-directory fuzz-test

sanitize:
	$(MAKE) --no-print-directory BUILD=build-san SAN=1 CFLAGS='-O1 -g' \
		DIFF_FLAGS='--random 60' SHARD_ENV='SHARD_QUICK=1' \
		ROUNDTRIP_FLAGS='--random 30 --zoo-every 10' \
		TYPO_ENV='TYPO_EVERY=4' BYDOMAIN_PLANS=25 \
		BROWSER_TEST='@echo "browser: run by make test-run, not here"' \
		NATS_LIVE_TEST='@echo "nats-live: run by make test-run, not here"' \
		ALLOC_TEST='@echo "alloc: run by make test-run, not here"' \
		MEMCHECK_TEST='@echo "memcheck: run by make test-run, not here"' \
		INSTALL_TEST='@echo "install: run by make test-run, not here"' \
		test-run

# pre-commit itself runs the meshsim-check hook (docs/ci.md).
.PHONY: ci-pre-commit
ci-pre-commit: $(BIN)
	$(PYTHON) tests/ci/examples.py $(BIN) --pre-commit

nats-live: $(BIN)
	$(PYTHON) tests/nats/live/run.py $(BIN) $(NATS_LIVE_FLAGS)

alloc-test: $(BIN) $(FAILMALLOC)
	ALLOC_SAMPLE=0 sh tests/alloc/run.sh $(BIN) $(FAILMALLOC)

memcheck: $(BIN) | test-deps
	VALGRIND=1 JOBS=2 sh tests/cli/run.sh $(BIN)
	VALGRIND=1 sh tests/cli/output.sh $(BIN)

# The harnesses, built with FUZZ_CC under ASan, UBSan and libFuzzer (run
# with BUILD=$(FUZZ_BUILD) SAN=fuzz CC=$(FUZZ_CC), as the targets below do).
fuzz-bin: $(FUZZ_BIN)

FUZZ_MAKE = $(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) SAN=fuzz \
	CC=$(FUZZ_CC) CFLAGS='-O1 -g' fuzz-bin

# Each harness for FUZZ_TIME seconds; installs clang's libFuzzer if missing.
fuzz:
	@sh tests/fuzz/run.sh --probe $(FUZZ_CC) || sh tools/install-deps --test
	@sh tests/fuzz/run.sh --probe $(FUZZ_CC) || \
	   { echo "fuzz: $(FUZZ_CC) cannot link libFuzzer programs" >&2; exit 1; }
	$(FUZZ_MAKE)
	nice sh tests/fuzz/run.sh --time $(FUZZ_TIME) $(FUZZ_BUILD)

# Fold the corpora make fuzz grew (build-fuzz/fuzz/corpus) into
# tests/fuzz/corpus, minimised (docs/fuzzing.md).
fuzz-merge:
	$(FUZZ_MAKE)
	nice sh tests/fuzz/run.sh --merge $(FUZZ_BUILD)

# Part of make test: the regression inputs, then a short fixed run of each
# harness; skipped with a message where clang or libFuzzer is missing.
fuzz-test:
	@if sh tests/fuzz/run.sh --probe $(FUZZ_CC); then \
	   $(FUZZ_MAKE) && sh tests/fuzz/run.sh --short $(FUZZ_BUILD); \
	 else \
	   echo "fuzz: skipped: $(FUZZ_CC) cannot link libFuzzer programs" \
	     "(sh tools/install-deps --test installs clang and libclang-rt-14-dev)"; \
	 fi

# The benchmark's second peer (tools/bench.py): built here only.
BENCH_PEER = $(BUILD)/tools/cjson_igraph_check
$(BENCH_PEER): tools/cjson_igraph_check.c
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 $$(pkg-config --cflags igraph libcjson) -o $@ \
	    tools/cjson_igraph_check.c $$(pkg-config --libs igraph libcjson)

bench: $(BIN) $(BENCH_PEER)
	$(PYTHON) tools/bench.py --meshsim $(BIN) --c-peer $(BENCH_PEER) \
	    --write docs/bench.md

# tools/slurm-sweep.sh on a Slurm that tests/dist/slurm.sh starts and
# stops, tools/parallel-sweep.sh with GNU parallel (about 40 s).
.PHONY: dist-test
dist-test: $(BIN)
	sh tools/install-deps --dist
	PYTHON=$(PYTHON) sh tests/dist/slurm.sh $(BIN)
	PYTHON=$(PYTHON) sh tests/dist/parallel.sh $(BIN)

# Besides the program, both libraries, the headers and meshsim.pc, install
# puts in place whichever of these the tree holds (none is not an error);
# uninstall removes the same names, so run it from the same tree.
MAN1     = $(wildcard docs/man/*.1)
SCHEMAS  = $(wildcard schema/*.json)
BASHCOMP = $(wildcard completions/meshsim.bash)
ZSHCOMP  = $(wildcard completions/_meshsim)
# meshsim.pc's directories, under ${prefix} where they are.
PC_SED = -e 's|@prefix@|$(PREFIX)|' \
    -e 's|@libdir@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))|' \
    -e 's|@includedir@|$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCDIR))|' \
    -e 's|@version@|$(VERSION)|'

install: $(BIN) $(LIB) $(SHLIB)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(INCDIR)/meshsim $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(BINDIR)/meshsim
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libmeshsim.a
	$(INSTALL) -m 644 $(SHLIB) $(DESTDIR)$(LIBDIR)/libmeshsim.so.$(VERSION)
	ln -sf libmeshsim.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libmeshsim.so
	$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(INCDIR)/meshsim/
	sed $(PC_SED) meshsim.pc.in > $(BUILD)/meshsim.pc
	$(INSTALL) -m 644 $(BUILD)/meshsim.pc $(DESTDIR)$(PKGCONFIGDIR)/meshsim.pc
	@set -e; \
	 if [ -n '$(MAN1)' ]; then \
	   $(INSTALL) -d $(DESTDIR)$(MANDIR)/man1; \
	   $(INSTALL) -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/; \
	 fi; \
	 if [ -n '$(BASHCOMP)' ]; then \
	   $(INSTALL) -d $(DESTDIR)$(BASHCOMPDIR); \
	   $(INSTALL) -m 644 $(BASHCOMP) $(DESTDIR)$(BASHCOMPDIR)/meshsim; \
	 fi; \
	 if [ -n '$(ZSHCOMP)' ]; then \
	   $(INSTALL) -d $(DESTDIR)$(ZSHCOMPDIR); \
	   $(INSTALL) -m 644 $(ZSHCOMP) $(DESTDIR)$(ZSHCOMPDIR)/_meshsim; \
	 fi; \
	 if [ -n '$(SCHEMAS)' ]; then \
	   $(INSTALL) -d $(DESTDIR)$(SCHEMADIR); \
	   $(INSTALL) -m 644 $(SCHEMAS) $(DESTDIR)$(SCHEMADIR)/; \
	 fi

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/meshsim \
		$(addprefix $(DESTDIR)$(LIBDIR)/,libmeshsim.a libmeshsim.so \
		    $(SONAME) libmeshsim.so.$(VERSION)) \
		$(DESTDIR)$(PKGCONFIGDIR)/meshsim.pc \
		$(addprefix $(DESTDIR)$(INCDIR)/meshsim/,$(notdir $(HEADERS))) \
		$(addprefix $(DESTDIR)$(MANDIR)/man1/,$(notdir $(MAN1))) \
		$(if $(BASHCOMP),$(DESTDIR)$(BASHCOMPDIR)/meshsim) \
		$(if $(ZSHCOMP),$(DESTDIR)$(ZSHCOMPDIR)/_meshsim) \
		$(addprefix $(DESTDIR)$(SCHEMADIR)/,$(notdir $(SCHEMAS)))
	@for d in $(DESTDIR)$(INCDIR)/meshsim $(DESTDIR)$(SCHEMADIR) \
	    $(DESTDIR)$(DATADIR)/meshsim; do \
	   if [ -d "$$d" ] && ! rmdir "$$d" 2>/dev/null; then \
	     echo "uninstall: $$d kept: it holds what this tree did not install"; \
	   fi; \
	 done

clean:
	rm -rf build build-san $(FUZZ_BUILD)

-include $(wildcard $(BUILD)/*/*.d $(BUILD)/tests/*.d $(BUILD)/fuzz/*.d \
    $(BUILD)/tests/unit/*.d $(BUILD)/tests/unit/*/*.d)
