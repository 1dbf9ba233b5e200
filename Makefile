# meshsim: build, test and install the library and the command-line tool.
#
#   make            build build/meshsim (installs missing Debian packages)
#   make demo       build and analyse a bundled scenario
#   make test       build and run every test, then again under ASan+UBSan
#   make sanitize   the sanitizer run alone (build in build-san/)
#   make bench      meshsim against networkx; see docs/bench.md
#   make install    PREFIX=/usr/local, DESTDIR honoured
#   make clean

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
LIBDIR  ?= $(PREFIX)/lib
INCDIR  ?= $(PREFIX)/include
INSTALL ?= install
PYTHON  ?= /usr/bin/python3
BUILD   ?= build
# The HTML report in headless Chromium; skipped with a message where
# Chromium is absent, and in the sanitizer run (the same report bytes are
# checked by the goldens there).
BROWSER_TEST ?= sh tests/browser/run.sh $(BIN)

PKGS      = igraph libcjson yaml-0.1
TEST_PKGS = cmocka

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wcast-qual -Wwrite-strings \
       -Wundef -Wpointer-arith -Wvla -Wdouble-promotion -Wnull-dereference
CFLAGS ?= -O2 -g
ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
endif

# Expanded when used, so that pkg-config runs after `deps` has installed
# what was missing. Their headers are system headers: our warning flags
# are for our code.
DEP_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(PKGS)))
DEP_LIBS   = $(shell pkg-config --libs $(PKGS)) -lm
TEST_CFLAGS = $(patsubst -I%,-isystem %,$(shell pkg-config --cflags $(TEST_PKGS)))
TEST_LIBS   = $(shell pkg-config --libs $(TEST_PKGS))

ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc $(WARN) \
             $(CFLAGS) $(SANFLAGS) $(DEP_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SANFLAGS)

LIB_SRC  = $(filter-out src/main.c src/cli_%.c,$(wildcard src/*.c))
CLI_SRC  = src/main.c $(wildcard src/cli_*.c)
TEST_SRC = $(wildcard tests/test_*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:src/%.c=$(BUILD)/%.o)
TEST_BIN = $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
LIB      = $(BUILD)/libmeshsim.a
BIN      = $(BUILD)/meshsim
HEADERS  = $(wildcard include/meshsim/*.h)

.PHONY: all demo test test-run sanitize deps test-deps \
        install uninstall clean bench

all: $(BIN)

deps:
	@pkg-config --exists $(PKGS) 2>/dev/null || sh tools/install-deps

test-deps:
	@{ pkg-config --exists $(PKGS) $(TEST_PKGS) && \
	   $(PYTHON) -c 'import networkx'; } >/dev/null 2>&1 || \
	   sh tools/install-deps --test

$(BUILD) $(BUILD)/tests:
	@mkdir -p $@

$(BUILD)/%.o: src/%.c | deps $(BUILD)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | test-deps $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(DEP_LIBS)

$(BUILD)/tests/%: $(BUILD)/tests/%.o $(BUILD)/tests/fixture.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/tests/fixture.o $(LIB) \
		$(TEST_LIBS) $(DEP_LIBS)

# The progress bar's line is the command line's, not the library's.
$(BUILD)/tests/test_cli_progress: $(BUILD)/tests/test_cli_progress.o \
    $(BUILD)/tests/fixture.o $(BUILD)/cli_progress.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/cli_progress.o \
		$(BUILD)/tests/fixture.o $(LIB) $(TEST_LIBS) $(DEP_LIBS)

demo: $(BIN)
	$(BIN) check --fail-on never scenarios/figure1.json

# The test suite: unit tests, the command line against golden reports,
# sharded runs merged against whole ones (fewer under the sanitizers), and
# the differential test against networkx.
test-run: $(BIN) $(TEST_BIN) | test-deps
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; $$t; done
	sh tests/cli/run.sh $(BIN)
	sh tests/cli/output.sh $(BIN)
	$(PYTHON) tests/cli/progress.py $(BIN)
	PYTHON=$(PYTHON) $(SHARD_ENV) sh tests/shard/run.sh $(BIN)
	$(BROWSER_TEST)
	$(PYTHON) tests/differential.py --meshsim $(BIN) $(DIFF_FLAGS)

test: test-run
	$(MAKE) --no-print-directory sanitize

sanitize:
	$(MAKE) --no-print-directory BUILD=build-san SAN=1 CFLAGS='-O1 -g' \
		DIFF_FLAGS='--random 60' SHARD_ENV='SHARD_QUICK=1' \
		BROWSER_TEST='@echo "browser: run by make test-run, not here"' \
		test-run

bench: $(BIN)
	$(PYTHON) tools/bench.py --meshsim $(BIN)

install: $(BIN) $(LIB)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(INCDIR)/meshsim
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(BINDIR)/meshsim
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(LIBDIR)/libmeshsim.a
	$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(INCDIR)/meshsim/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/meshsim $(DESTDIR)$(LIBDIR)/libmeshsim.a
	rm -rf $(DESTDIR)$(INCDIR)/meshsim

clean:
	rm -rf build build-san

-include $(wildcard $(BUILD)/*.d $(BUILD)/tests/*.d)
