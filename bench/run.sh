#!/usr/bin/env bash
# `make bench`: every benchmark of the project, one line per figure: BENCH <name> <value> <unit>.
set -euo pipefail
build=${1:-build}
"$build/bench/kiosk_bench" --benchmark_min_time=0.5
"$build/bench/kiosk_speech_bench"

# Peak resident memory of kioskd showing the 100 KB page (offscreen, one frame).
rss_kib=$(SDL_VIDEODRIVER=offscreen "$build/firmware/kioskd" --page long --frames 1 --print-rss 2>/dev/null |
  awk '/peak RSS/ {print $4}')
awk -v k="$rss_kib" 'BEGIN { printf "BENCH kioskd_peak_rss_100kb_page %.1f MB\n", k / 1024 }'

# Peak resident memory of kioskd showing the 125 KB HTML service page.
page=$(mktemp --suffix=.html)
"$build/bench/kiosk_bench" --write-html "$page"
rss_kib=$(SDL_VIDEODRIVER=offscreen "$build/firmware/kioskd" --no-speech --page "$page" --frames 1 --print-rss 2>/dev/null |
  awk '/peak RSS/ {print $4}')
awk -v k="$rss_kib" 'BEGIN { printf "BENCH kioskd_peak_rss_125kb_html_page %.1f MB\n", k / 1024 }'
rm -f "$page"
