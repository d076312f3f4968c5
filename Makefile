# vawg-tools: build, test, install.
#
#   make                 build every program into build/bin
#   make check           unit and end-to-end tests; ends "N passed, N failed"
#   make check-asan      the same under AddressSanitizer and UBSan
#   make bench           benchmarks against peer tools (slow)
#   make install         PREFIX=/usr/local DESTDIR=
#   make clean

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
COMPDIR  ?= $(PREFIX)/share/bash-completion/completions
DATADIR  ?= $(PREFIX)/share/vawg-tools

CC       ?= cc
CFLAGS   ?= -O2 -g
BUILD    ?= build
PKGS      = libpcre2-8 xlsxwriter sqlite3 libutf8proc minizip expat proj nettle

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS   := $(shell pkg-config --libs cmocka 2>/dev/null)

ALL_CFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	      -Wall -Wextra -Wno-unused-parameter -Ilib $(PKG_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(LDFLAGS)
LIBS        = $(PKG_LIBS) -lcsv -lm

LIB_SRC  := $(wildcard lib/*/*.c)
LIB_OBJ  := $(LIB_SRC:lib/%.c=$(BUILD)/lib/%.o)
CMD_SRC  := $(wildcard cmd/*.c)
BINS     := $(CMD_SRC:cmd/%.c=$(BUILD)/bin/%)
UNIT_SRC := $(wildcard tests/unit/*/test_*.c)
UNITS    := $(addprefix $(BUILD)/tests/,$(notdir $(UNIT_SRC:.c=)))
LIB_HDR  := $(wildcard lib/*/*.h)
BENCH_SRC := $(wildcard tests/bench/*.c)
BENCHES  := $(BENCH_SRC:tests/bench/%.c=$(BUILD)/bench/%)
MANS     := $(wildcard man/*.[1-9])
STAMP    := $(BUILD)/.deps-ok

FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
FUZZERS  := $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 60

.PHONY: all check check-asan check-valgrind bench fuzz fuzzers install clean lint demo

all: $(BINS)

$(STAMP): scripts/check-build-deps
	@scripts/check-build-deps
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/lib/%.o: lib/%.c $(LIB_HDR) $(STAMP)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/libvawg.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/bin/%: cmd/%.c $(BUILD)/libvawg.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libvawg.a $(LIBS)

vpath test_%.c $(sort $(dir $(UNIT_SRC)))

$(BUILD)/tests/%: %.c $(BUILD)/libvawg.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(ALL_LDFLAGS) -o $@ $< \
		$(BUILD)/libvawg.a $(LIBS) $(CMOCKA_LIBS)

$(BUILD)/bench/%: tests/bench/%.c $(BUILD)/libvawg.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(BUILD)/libvawg.a $(LIBS)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libvawg.a $(LIB_HDR)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer $(ALL_LDFLAGS) -o $@ $< \
		$(BUILD)/libvawg.a $(LIBS)

check: $(BINS) $(UNITS)
	@tests/run-tests $(BUILD)

check-asan:
	@$(MAKE) --no-print-directory BUILD=build-asan \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		LDFLAGS="-fsanitize=address,undefined" check

# Runs the end-to-end tests with every program under valgrind memcheck.
check-valgrind: $(BINS) $(UNITS)
	@VAWG_VALGRIND=1 tests/run-tests $(BUILD)

fuzzers: $(FUZZERS)

fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined" \
		LDFLAGS="-fsanitize=address,undefined" fuzzers
	@tests/fuzz/run build-fuzz

bench: $(BINS) $(BENCHES)
	@tests/bench/run $(BUILD)

demo:
	@scripts/install-deps
	@$(MAKE) --no-print-directory all
	@scripts/demo $(BUILD)

lint:
	@for m in $(MANS); do mandoc -Tlint -Wwarning $$m || exit 1; done

install: $(BINS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(COMPDIR)
	$(if $(BINS),install -m 755 $(BINS) $(DESTDIR)$(BINDIR))
	for m in $(MANS); do \
		s=$${m##*.}; install -d $(DESTDIR)$(MANDIR)/man$$s; \
		install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s; done
	install -m 755 scripts/monthly-report $(DESTDIR)$(BINDIR)
	install -d $(DESTDIR)$(DATADIR)
	install -m 644 share/labels.csv $(DESTDIR)$(DATADIR)
	for b in $(notdir $(BINS)) monthly-report; do \
		install -m 644 scripts/completion/vawg-tools.bash \
			$(DESTDIR)$(COMPDIR)/$$b; done

clean:
	rm -rf build build-asan build-fuzz demo

.SECONDARY:
