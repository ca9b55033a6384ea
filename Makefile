# Convenience front door; the build itself is CMake (see CMakeLists.txt).
# Each target runs scripts/setup.sh first, so it works on a fresh machine.

BUILD      ?= build
BUILD_SAN  ?= build-asan
JOBS       ?= $(shell nproc)

.PHONY: all setup build run test test-release test-asan bench models clean

all: build

setup:
	@sh scripts/setup.sh

build: setup
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	@sh scripts/run.sh $(BUILD)

test: test-release test-asan

test-release: build
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: setup
	@cmake -S . -B $(BUILD_SAN) -DCMAKE_BUILD_TYPE=Debug -DMS_SANITIZE=ON >/dev/null
	@cmake --build $(BUILD_SAN) -j $(JOBS)
	@cd $(BUILD_SAN) && ctest --output-on-failure -j $(JOBS)

bench: build
	@sh bench/run.sh $(BUILD)

# The music emotion model learns from renders of the composer: slow
# (minutes), so it is run by hand and its small weights file committed.
# The same build gives the same file, byte for byte.
SF_SMALL   = /usr/share/sounds/sf2/TimGM6mb.sf2
SF_QUALITY = /usr/share/sounds/sf3/MuseScore_General.sf3
models: build
	@$(BUILD)/moodscape train audio --data $(BUILD)/data \
	    --model data/audio.model --soundfont $(SF_SMALL) \
	    --soundfont $(SF_QUALITY) --clips 1500 --seed 1

clean:
	rm -rf $(BUILD) $(BUILD_SAN)
