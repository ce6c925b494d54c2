# Front door for people and CI. Every target installs missing Debian packages first
# (scripts/install-deps.sh reads scripts/packages.txt), then configures and builds with CMake.
BUILD      ?= build
ASAN_BUILD ?= build-asan
BOARD      ?= desktop
JOBS       ?= $(shell nproc)
CMAKE_ARGS ?=

FUZZ_BUILD   ?= build-fuzz
DEB_BUILD    ?= build-deb
IMAGE_DIR    ?= build-image
IMAGE_BOARD  ?= qemu-x86
FUZZ_SECONDS ?= 60
FUZZ_LONG_SECONDS ?= 600
# Every libFuzzer target (tests/fuzz; docs/fuzzing.md says what each checks).
FUZZ_TARGETS := fuzz_board_profile fuzz_text_layout fuzz_html_page fuzz_card_records \
                fuzz_smart_card fuzz_log_redaction fuzz_wav_decode fuzz_page_charset \
                fuzz_url_origin fuzz_form_encoding fuzz_speech_text fuzz_serial_bridge \
                fuzz_health_report fuzz_rauc_status fuzz_apdu_hex fuzz_reader_allowlist \
                fuzz_jieba_dictionary fuzz_author_css

.PHONY: all deps configure build run test test-asan fuzz fuzz-long fuzz-build bench conformance golden format clean \
        deb image image-test

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_ARGS)

configure: deps $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j$(JOBS)

# Starts the kiosk on the default board profile: a window when a desktop session exists,
# else the KMS/DRM screen, else offscreen with frames written to out/ (Ctrl+C to stop). The
# demo service gateway runs beside it on 127.0.0.1:8088 and serves the home page.
run: configure
	cmake --build $(BUILD) -j$(JOBS) --target kioskd kiosk-demo-gateway
	@scripts/run-kiosk.sh $(BUILD) $(BOARD)

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DKIOSK_SANITIZE=ON -DKIOSK_BUILD_BENCH=OFF
	cmake --build $(ASAN_BUILD) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS)

# libFuzzer targets built with clang, each run for FUZZ_SECONDS on its corpus (kept in
# $(FUZZ_BUILD)/corpus, empty on a fresh checkout) plus its seeds (tests/fuzz/seeds). Pages may
# be up to 256 KB (-max_len), so the structure limits are reached.
fuzz: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The same targets for FUZZ_LONG_SECONDS each (default 10 minutes, 16 targets: about 2 h 40),
# growing the corpus in $(FUZZ_BUILD)/corpus that the next run, long or short, starts from.
fuzz-long: fuzz-build
	@tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_LONG_SECONDS) $(FUZZ_TARGETS)

fuzz-build: deps
	CC=clang CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DKIOSK_FUZZ=ON -DKIOSK_BUILD_TESTS=OFF -DKIOSK_BUILD_BENCH=OFF
	cmake --build $(FUZZ_BUILD) -j$(JOBS) --target $(FUZZ_TARGETS)

# A hall on loopback (issue 16): a mosquitto broker, three offscreen kiosks (with their agent
# when it is built) and the hall dashboard, whose URL it prints. Ctrl-C stops it all.
# FLEET_SIMULATED=N adds N simulated kiosks (kiosk-fleet-sim: made-up status, staff calls).
.PHONY: fleet-demo
fleet-demo: configure
	cmake --build $(BUILD) -j$(JOBS) --target kioskd kiosk-demo-gateway hall-dashboard kiosk-fleet-sim
	@scripts/fleet-demo.sh $(BUILD) $(FLEET_SIMULATED)

# Prints one line per figure: BENCH <name> <value> <unit>.
bench: build
	@bench/run.sh $(BUILD)

# Public conformance suites from ../shared/conformance: prints CONFORMANCE <suite> <passed> <total>.
# Fails unless every case not listed in tests/a11y/html_aam_expected_failures.txt passes.
conformance: build
	@out=$$($(BUILD)/tests/a11y_tests --gtest_filter='HtmlAam.*:RepairConformance.*'); status=$$?; \
	  printf '%s\n' "$$out" | grep -E '^(CONFORMANCE|  FAIL|  miss|\()'; exit $$status

# Rewrites the golden screenshots after an intended visual change (look at them first).
golden: build
	KIOSK_UPDATE_GOLDEN=1 ctest --test-dir $(BUILD) -R Golden --output-on-failure

# The kiosk-firmware Debian package (prefix /usr; the tested -O2 build, stripped), which the
# image installs; file times are the last commit's, so the same tree gives the same package.
deb: deps
	cmake -S . -B $(DEB_BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr \
	  -DKIOSK_BUILD_TESTS=OFF -DKIOSK_BUILD_BENCH=OFF
	cmake --build $(DEB_BUILD) -j$(JOBS)
	cd $(DEB_BUILD) && SOURCE_DATE_EPOCH=$$(git log -1 --format=%ct 2>/dev/null || echo 1767225600) \
	  cpack -G DEB

# A UEFI disk image (GPT: ESP + rootfs A + rootfs B + data) for IMAGE_BOARD, and the signed
# update bundle of its root file system (development CA in $(IMAGE_DIR)/ca, never committed).
image: deb
	@scripts/install-deps.sh scripts/packages-image.txt
	board/update/dev-ca.sh $(IMAGE_DIR)/ca "Kiosk Dev"
	board/image/build-image.sh $(IMAGE_DIR) $$(ls $(DEB_BUILD)/kiosk-firmware_*.deb | head -1) \
	  $(IMAGE_BOARD) $(IMAGE_DIR)/ca

# Boots the image under QEMU (TCG): attract screen reached, a USB-stick update installed,
# reboot into slot B, slot B confirmed. Slow (minutes): CI runs it only when image inputs change.
image-test: image
	board/image/image-test.sh $(IMAGE_DIR)
	scripts/image-inputs.sh > board/image/tested-inputs.sha256

format:
	clang-format -i $$(git ls-files '*.cpp' '*.hpp')

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD) $(DEB_BUILD) $(IMAGE_DIR) out
