// Runs every registered benchmark and prints one line per figure: BENCH <name> <value> <unit>.
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdio>
#include <fstream>
#include <string>

#include "browse/builtin_pages.hpp"

namespace {

class BenchLineReporter : public benchmark::BenchmarkReporter {
 public:
  bool ReportContext(const Context&) override { return true; }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      if (run.error_occurred) {
        std::printf("BENCH %s error %s\n", run.benchmark_name().c_str(), run.error_message.c_str());
        continue;
      }
      // Repeated benchmarks (the scale figures) report only their median and maximum, named
      // NAME_p50 and NAME_max; the single runs of the others print under their own name.
      std::string name = run.benchmark_name();
      if (run.run_type == Run::RT_Aggregate) {
        if (run.aggregate_name != "median" && run.aggregate_name != "max") continue;
        name = run.run_name.function_name + (run.aggregate_name == "median" ? "_p50" : "_max");
      }
      std::printf("BENCH %s %.3f %s\n", name.c_str(), run.GetAdjustedRealTime(),
                  benchmark::GetTimeUnitString(run.time_unit));
      std::fflush(stdout);
    }
  }
};

bool write_page(const char* path, std::size_t bytes) {
  std::ofstream out(path, std::ios::binary);
  out << kiosk::long_service_guide_html(bytes);
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  // `kiosk_bench --write-html FILE`: the benchmark page, for measuring kioskd on it.
  if (argc == 3 && std::string(argv[1]) == "--write-html") {
    return write_page(argv[2], 125 * 1024) ? 0 : 1;
  }
  // `kiosk_bench --write-html-bytes N FILE`: the same generator at about N bytes of HTML (the
  // scale figures' pages).
  if (argc == 4 && std::string(argv[1]) == "--write-html-bytes") {
    const std::string n = argv[2];
    std::size_t bytes = 0;
    const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), bytes);
    if (ec != std::errc() || end != n.data() + n.size() || bytes < 1024) {
      std::fprintf(stderr, "kiosk_bench: --write-html-bytes needs a byte count >= 1024\n");
      return 1;
    }
    return write_page(argv[3], bytes) ? 0 : 1;
  }
  benchmark::Initialize(&argc, argv);
  BenchLineReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
