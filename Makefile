# gazette - batch ETL for news articles into PostgreSQL.
#
#   make                 build build/gazette
#   make test            build and run every Criterion suite (starts a throwaway PostgreSQL)
#   make demo            install what is missing, run pipelines/default.yaml over fixtures/
#   make bench           benchmarks (results: docs/BENCHMARKS.md)
#   make model           retrain models/ner-en.bin from ../shared/data
#   make SANITIZE=address,undefined test
#   make install PREFIX=/usr/local

BUILD    ?= build
PREFIX   ?= /usr/local
CC       ?= cc
PKGS     := libpq yaml-0.1 libutf8proc zlib libcrypto
VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2 \
            -Wno-format-nonliteral
CFLAGS   ?= -O2 -g
CPPFLAGS += -Isrc -D_GNU_SOURCE -DGZ_VERSION='"$(VERSION)"' \
            -DGZ_DATADIR='"$(PREFIX)/share/gazette"' \
            $(shell pkg-config --cflags $(PKGS))
ALLCFLAGS = -std=c11 $(WARN) $(CFLAGS) -MMD -MP -pthread
LDLIBS   += $(shell pkg-config --libs $(PKGS)) -lcsv -lm -pthread

ifdef SANITIZE
ALLCFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer
LDFLAGS   += -fsanitize=$(SANITIZE)
endif

SRCS      := $(shell find src -name '*.c' | sort)
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
OBJS      := $(SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/%.o)
UNIT      := $(patsubst tests/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/unit/test_*.c)))
INTEG     := $(patsubst tests/%.c,$(BUILD)/tests/%,$(sort $(wildcard tests/integration/test_*.c)))
TEST_SUPPORT := $(sort $(wildcard tests/support/*.c))
TEST_SUPPORT_OBJS := $(TEST_SUPPORT:%.c=$(BUILD)/%.o)

BENCHES   := $(patsubst bench/%.c,$(BUILD)/bench/%,$(sort $(wildcard bench/bench_*.c)))

.PHONY: all test unit integration demo bench model install clean valgrind fuzz

all: $(BUILD)/gazette

$(BUILD)/gazette: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/libgazette.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/%.c $(BUILD)/libgazette.a $(TEST_SUPPORT_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Itests $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(TEST_SUPPORT_OBJS) \
	    $(BUILD)/libgazette.a $(LDLIBS) -lcriterion

# Unit suites, then integration suites inside a throwaway PostgreSQL cluster
# (or against GAZETTE_TEST_DSN when it is set).
test: $(BUILD)/gazette $(UNIT) $(INTEG)
	@GAZETTE_BIN=$(abspath $(BUILD)/gazette) scripts/run-tests $(UNIT) -- $(INTEG)

unit: $(BUILD)/gazette $(UNIT)
	@GAZETTE_BIN=$(abspath $(BUILD)/gazette) scripts/run-tests $(UNIT) --

integration: $(BUILD)/gazette $(INTEG)
	@GAZETTE_BIN=$(abspath $(BUILD)/gazette) scripts/run-tests -- $(INTEG)

demo:
	@scripts/demo

# Each bench/bench_*.c is a driver linked against the library; bench/run
# runs them all plus the end-to-end load and prints what docs/BENCHMARKS.md shows.
bench: $(BUILD)/gazette $(BENCHES)
	@BUILD=$(BUILD) bench/run $(abspath $(BUILD)/gazette)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libgazette.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALLCFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libgazette.a $(LDLIBS)

NER_DATA := ../shared/data/ner
model: $(BUILD)/gazette
	$(BUILD)/gazette train ner --train $(NER_DATA)/conll2003/eng.train \
	    --dev $(NER_DATA)/conll2003/eng.testa -o models/ner-en.bin \
	    --gazetteer $(NER_DATA)/gmb/train.txt.gz --text ../shared/data/news/reuters21578.csv.gz

valgrind: $(BUILD)/gazette $(UNIT)
	@for t in $(UNIT); do valgrind -q --error-exitcode=1 --leak-check=full $$t --jobs 1 || exit 1; done

install: $(BUILD)/gazette
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/gazette/sql \
	    $(DESTDIR)$(PREFIX)/share/gazette/models
	install -m 755 $(BUILD)/gazette $(DESTDIR)$(PREFIX)/bin/gazette
	install -m 644 sql/*.sql $(DESTDIR)$(PREFIX)/share/gazette/sql/
	-install -m 644 models/*.bin $(DESTDIR)$(PREFIX)/share/gazette/models/

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(LIB_OBJS:.o=.d)
