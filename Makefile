# The two commands of README.md: `make run` and `make test`. Both install what they need first.
BUILD ?= _build
BIN = $(BUILD)/src/community-planner
DEV_ENV = COMMUNITY_PLANNER_LOCALEDIR=$(CURDIR)/$(BUILD)/po \
          GSETTINGS_SCHEMA_DIR=$(CURDIR)/$(BUILD)/resources

.PHONY: all deps build run test clean

all: build

deps:
	@bash build-aux/deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD)

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)

run: build
	$(DEV_ENV) $(BIN) $(ARGS)

test: build
	@status=0; meson test -C $(BUILD) --print-errorlogs || status=$$?; \
	/usr/bin/python3 build-aux/test-summary.py $(BUILD)/meson-logs/testlog.json || status=1; \
	exit $$status

clean:
	rm -rf $(BUILD)
