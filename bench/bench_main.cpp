// Runs every registered benchmark and prints one line per figure: BENCH <name> <value> <unit>.
#include <benchmark/benchmark.h>

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
      std::printf("BENCH %s %.3f %s\n", run.benchmark_name().c_str(), run.GetAdjustedRealTime(),
                  benchmark::GetTimeUnitString(run.time_unit));
      std::fflush(stdout);
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  // `kiosk_bench --write-html FILE`: the benchmark page, for measuring kioskd on it.
  if (argc == 3 && std::string(argv[1]) == "--write-html") {
    std::ofstream(argv[2], std::ios::binary) << kiosk::long_service_guide_html(125 * 1024);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  BenchLineReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
