# gazette - batch ETL for news articles into PostgreSQL.
#
#   make                 build build/gazette
#   make test            check the layering, build and run every Criterion suite
#                        (starts a throwaway PostgreSQL)
#   make demo            install what is missing, run pipelines/default.yaml over fixtures/
#   make bench           benchmarks (results: docs/BENCHMARKS.md)
#   make model           retrain models/ner-en.bin from ../shared/data
#   make clusters        rebuild models/clusters-en.tsv.gz (Brown word clusters)
#                        from ../shared/data and the Debian/npm text packages of
#                        scripts/cluster-text (installs them; 2-10 min, one core)
#   make SANITIZE=address,undefined test    (in build-san-address-undefined)
#   make install PREFIX=/usr/local

# A sanitized build gets its own directory (build-san-address-undefined for
# SANITIZE=address,undefined), so it never reuses the objects of a plain one.
comma    := ,
ifdef SANITIZE
BUILD    ?= build-san-$(subst $(comma),-,$(SANITIZE))
endif
BUILD    ?= build
PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := libpq yaml-0.1 libutf8proc zlib libcrypto
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
            -Wno-format-nonliteral -Wno-format-truncation
CFLAGS   ?= -O2 -g
CPPFLAGS += -Isrc -D_GNU_SOURCE -DGZ_VERSION='"$(VERSION)"' \
            -DGZ_DATADIR='"$(PREFIX)/share/gazette"' \
            $(shell pkg-config --cflags $(PKGS))
ALLCFLAGS = -std=c11 $(WARN) $(WARN_EXTRA) $(CFLAGS) -MMD -MP -pthread
LDLIBS   += $(shell pkg-config --libs $(PKGS)) -lcsv -lm -pthread

# Any sanitizer report aborts, so it fails the test or the fuzzer.
ifdef SANITIZE
ALLCFLAGS += -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS   += -fsanitize=$(SANITIZE)
endif

SRCS      := $(shell find src -name '*.c' | sort)
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
GEN_OBJS  := $(BUILD)/gen/migrations.o $(BUILD)/gen/countries.o
OBJS      := $(SRCS:%.c=$(BUILD)/%.o) $(GEN_OBJS)
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o) $(GEN_OBJS)
UNIT      := $(patsubst tests/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/unit/test_*.c)))
INTEG     := $(patsubst tests/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/integration/test_*.c)))
TEST_SUPPORT := $(sort $(wildcard tests/support/*.c))
TEST_SUPPORT_OBJS := $(TEST_SUPPORT:%.c=$(BUILD)/%.o)
# shell suites (TAP output), run after the integration suites: the cron and
# systemd recipes of contrib/, the man page against every --help
OPS       := $(sort $(wildcard tests/ops/*.sh))

BENCHES   := $(patsubst bench/%.c,$(BUILD)/bench/%,$(sort $(wildcard bench/bench_*.c)))

.SECONDARY:
.PHONY: FORCE all test test-suites check-layers unit integration demo bench model clusters install clean valgrind fuzz fuzz-run

all: $(BUILD)/gazette

$(BUILD)/gazette: $(OBJS)
	@echo "  LD  $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libgazette.a: $(LIB_OBJS)
	@rm -f $@ && ar rcs $@ $^

# The migrations of sql/ are compiled into the binary.
$(BUILD)/gen/migrations.c: $(sort $(wildcard sql/[0-9]*.sql)) scripts/embed-sql
	@mkdir -p $(dir $@)
	@scripts/embed-sql $(sort $(wildcard sql/[0-9]*.sql)) > $@

# ISO 3166-1 countries from Debian's iso-codes, turned into a C table.
ISO_3166_JSON ?= /usr/share/iso-codes/json/iso_3166-1.json
$(BUILD)/gen/countries.c: $(wildcard $(ISO_3166_JSON)) scripts/gen-countries
	@mkdir -p $(dir $@)
	@scripts/gen-countries $(ISO_3166_JSON) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	@$(CC) $(CPPFLAGS) $(ALLCFLAGS) -c -o $@ $<

# GZ_DATADIR (PREFIX) is baked into stage.o: a stamp holding the prefix,
# rewritten only when it changes, makes `make install PREFIX=...` rebuild it.
$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' > $@

$(BUILD)/src/stages/stage.o: $(BUILD)/prefix.stamp

# The compiler and flags (but the prefix) are kept in a stamp the same way:
# building one directory with other CC, CFLAGS or SANITIZE rebuilds every
# object, and so relinks everything.
FLAGS_TEXT = $(CC) $(filter-out -DGZ_DATADIR=%,$(CPPFLAGS)) $(ALLCFLAGS) $(LDFLAGS) $(LDLIBS)
$(BUILD)/flags.stamp: FORCE
	@mkdir -p $(dir $@)
	@printf '%s\n' '$(subst ','\'',$(FLAGS_TEXT))' | cmp -s - $@ \
	    || printf '%s\n' '$(subst ','\'',$(FLAGS_TEXT))' > $@

$(OBJS) $(TEST_SUPPORT_OBJS): $(BUILD)/flags.stamp

FORCE:

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(CPPFLAGS) $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libgazette.a $(TEST_SUPPORT_OBJS)
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) $(CPPFLAGS) -Itests/support $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(TEST_SUPPORT_OBJS) \
	    $(BUILD)/libgazette.a $(LDLIBS) -lcriterion

# Unit suites, then integration suites inside a throwaway PostgreSQL cluster
# (or against GAZETTE_TEST_DSN when it is set). Missing Debian packages are
# installed first (scripts/install-deps), so this works on a fresh machine.
test:
	@scripts/install-deps
	@$(MAKE) --no-print-directory test-suites

test-suites: check-layers $(BUILD)/gazette $(UNIT) $(INTEG)
	@GAZETTE_BIN=$(abspath $(BUILD)/gazette) scripts/run-tests $(UNIT) -- $(INTEG) $(OPS)

# No file of src/ includes a header from a folder above its own
# (docs/ARCHITECTURE.md, "Layers").
check-layers:
	@scripts/check-layers src

unit: $(BUILD)/gazette $(UNIT)
	@GAZETTE_BIN=$(abspath $(BUILD)/gazette) scripts/run-tests $(UNIT) --

integration: $(BUILD)/gazette $(INTEG)
	@GAZETTE_BIN=$(abspath $(BUILD)/gazette) scripts/run-tests -- $(INTEG) $(OPS)

demo:
	@scripts/demo

# Each bench/bench_*.c is a driver linked against the library; bench/run
# runs them all plus the end-to-end load and prints what docs/BENCHMARKS.md shows.
bench: $(BUILD)/gazette $(BENCHES) $(BUILD)/bench/gencorpus
	@BUILD=$(BUILD) bench/run $(abspath $(BUILD)/gazette)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libgazette.a
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) $(CPPFLAGS) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libgazette.a $(LDLIBS)

NER_DATA := ../shared/data/ner
# The tagger is trained on eng.train alone for NER_EPOCHS epochs, the count
# chosen by scripts/ner-cv (docs/ACCURACY.md, "Round 2 at a glance");
# eng.testa is not read. NER_EXTRA adds training data: GMB train mapped onto
# the CoNLL types was tried and is not shipped (ACCURACY, "Round 2: GMB as
# training data"); to rebuild that model:
#   make build/ner/gmb-train.conll model NER_EXTRA='--extra build/ner/gmb-train.conll \
#       --extra-share 0.25 --extra-open-misc 1 --extra-copies 1 --extra-gazetteer 0'
# NER_TEMPERATURE scales the confidences: the value fitted on the last fifth
# of eng.train by a model trained on the rest (ACCURACY, "Round 2 at a glance").
NER_EPOCHS := 15
NER_TEMPERATURE := 16
NER_EXTRA  :=
model: $(BUILD)/gazette
	$(BUILD)/gazette train ner --train $(NER_DATA)/conll2003/eng.train \
	    --epochs $(NER_EPOCHS) --temperature $(NER_TEMPERATURE) -o models/ner-en.bin \
	    --gazetteer $(NER_DATA)/gmb/train.txt.gz --text ../shared/data/news/reuters21578.csv.gz \
	    --lists models/ner-lists.tsv $(NER_EXTRA)

$(BUILD)/ner/gmb-train.conll: scripts/gmb-to-conll $(NER_DATA)/gmb/train.txt.gz
	@mkdir -p $(dir $@)
	scripts/gmb-to-conll $(NER_DATA)/gmb/train.txt.gz > $@.tmp 2>/dev/null && mv $@.tmp $@

# Word clusters for `train ner --clusters` (not read by `make model`: no
# gain by cross-validation, docs/ACCURACY.md): Reuters-21578 bodies, the GMB
# training text (not its dev/test) and package text (ACCURACY lists them).
clusters: $(BUILD)/gazette
	scripts/cluster-text > $(BUILD)/cluster-text.txt
	$(BUILD)/gazette train clusters -o models/clusters-en.tsv.gz --clusters 256 --case keep \
	    --csv ../shared/data/news/reuters21578.csv.gz --gmb $(NER_DATA)/gmb/train.txt.gz \
	    --lines $(BUILD)/cluster-text.txt

# libFuzzer harnesses (tests/fuzz/fuzz_NAME.c, seeds in tests/fuzz/corpus/NAME),
# built with clang into build-fuzz and run FUZZ_SECONDS each.
FUZZ_SECONDS ?= 20
FUZZERS   = $(patsubst tests/fuzz/%.c,$(BUILD)/fuzz/%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))

fuzz:
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	    SANITIZE=fuzzer-no-link,address,undefined \
	    WARN_EXTRA=-Wno-unknown-warning-option fuzz-run

fuzz-run: $(FUZZERS)
	@for f in $(FUZZERS); do \
	    name=$$(basename $$f | sed 's/^fuzz_//'); mkdir -p $(BUILD)/corpus/$$name; \
	    echo "  FUZZ $$name ($(FUZZ_SECONDS) s)"; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -print_final_stats=1 \
	        -artifact_prefix=$(BUILD)/fuzz/ $(BUILD)/corpus/$$name tests/fuzz/corpus/$$name >$(BUILD)/fuzz/$$name.log 2>&1 \
	        || { tail -40 $(BUILD)/fuzz/$$name.log; exit 1; }; \
	    grep stat::number_of_executed_units $(BUILD)/fuzz/$$name.log; \
	done

$(BUILD)/fuzz/%: tests/fuzz/%.c $(BUILD)/libgazette.a
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(CC) $(CPPFLAGS) $(ALLCFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
	    $(BUILD)/libgazette.a $(LDLIBS)

valgrind: $(BUILD)/gazette $(UNIT)
	@for t in $(UNIT); do valgrind -q --error-exitcode=1 --leak-check=full $$t --jobs 1 || exit 1; done

# The binary, its man page, and the data directory PREFIX/share/gazette:
# migrations, models, and fixtures/gazetteers/*.csv that normalise_names
# reads (stages find them beside the binary, as ../share/gazette).
install: $(BUILD)/gazette
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gazette/sql \
	    $(DESTDIR)$(PREFIX)/share/gazette/models $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/gazette/fixtures/gazetteers
	install -m 755 $(BUILD)/gazette $(DESTDIR)$(PREFIX)/bin/gazette
	install -m 644 docs/gazette.1 $(DESTDIR)$(PREFIX)/share/man/man1/gazette.1
	install -m 644 sql/*.sql $(DESTDIR)$(PREFIX)/share/gazette/sql/
	install -m 644 fixtures/gazetteers/*.csv $(DESTDIR)$(PREFIX)/share/gazette/fixtures/gazetteers/
	-install -m 644 models/*.bin $(DESTDIR)$(PREFIX)/share/gazette/models/

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(LIB_OBJS:.o=.d)
