#!/usr/bin/env bash
# Runs libFuzzer targets one after the other: tests/fuzz/run.sh BUILD_DIR SECONDS TARGET...
# (make fuzz, make fuzz-long). Each target keeps its corpus in BUILD_DIR/corpus/TARGET (so a
# long run goes on where the last one stopped) and also reads its seeds; a crash, a leak or a
# unit slower than 25 s stops the run with the failing input's path and the target's log.
set -uo pipefail
build=$1
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
for t in "$@"; do
  mkdir -p "$build/corpus/$t" "$build/artifacts"
  opts=()
  case $t in
    fuzz_board_profile) seeds=(board/profiles) ;;
    fuzz_html_page) seeds=(firmware/content "$here/seeds/html"); opts=(-max_len=262144) ;;
    fuzz_wav_decode) seeds=("$here/seeds/wav") ;;
    fuzz_url_origin) seeds=("$here/seeds/url_origin"); opts=(-dict="$here/url_origin.dict") ;;
    *) seeds=(); [ -d "$here/seeds/${t#fuzz_}" ] && seeds=("$here/seeds/${t#fuzz_}") ;;
  esac
  echo "fuzz: $t for $seconds s"
  ASAN_OPTIONS=detect_leaks=0 "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=25 \
    -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "${opts[@]}" \
    "$build/corpus/$t" "${seeds[@]}" > "$build/$t.log" 2>&1
  rc=$?
  # One line per target: executions, their rate and the coverage reached.
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$t.log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$build/$t.log")
  cov=$(grep -o 'cov: [0-9]*' "$build/$t.log" | tail -1)
  echo "fuzz: $t ${execs:-?} runs, ${rate:-?} exec/s, ${cov:-cov: ?} edges"
  if [ $rc -ne 0 ]; then
    tail -40 "$build/$t.log"
    echo "fuzz: $t failed (exit $rc); the input is in $build/artifacts/, the log in $build/$t.log"
    exit $rc
  fi
done
