// Scale figures: one zoom step (100% -> 125%) on the bench HTML page at 10 KB, 100 KB, 1 MB and
// 4 MB, what a citizen waits for after pressing "+" on a page already open. The page goes
// through kiosk::load_html (parse, tree, document) and is laid out once at zoom 1.0 before the
// clock starts, so the shaping cache is warm as in the running kiosk; each repetition times the
// layout at 1.25 and then goes back to 1.0 outside the timed loop. Like the kiosk's ReadingView,
// the step lays out into the buffers of the layout on screen (TextLayouter::layout_into).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "browse/builtin_pages.hpp"
#include "browse/page_loader.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"

namespace {

const ui::FontCollection& scale_fonts() {
  static auto loaded = ui::FontCollection::load(ui::default_font_request());
  if (!loaded.fonts) std::abort();
  return *loaded.fonts;
}

ui::LayoutParams params_at(double zoom) {
  ui::LayoutParams p;
  p.width_px = 1920;
  p.body_px = 48;
  p.zoom = zoom;
  return p;
}

// A page once loaded and laid out at 1.0 stays with its layouter across the repetitions (Google
// Benchmark calls the function once per repetition; loading 4 MB each time would only slow the
// bench down, not change the figure).
struct OpenPage {
  kiosk::LoadedPage page;
  std::unique_ptr<ui::TextLayouter> layouter;
  ui::DocumentLayout shown;  // the layout on screen, relaid into at each step
};

OpenPage& open_page(std::size_t bytes) {
  static std::map<std::size_t, OpenPage> pages;
  auto it = pages.find(bytes);
  if (it != pages.end()) return it->second;
  OpenPage& open = pages[bytes];
  open.page = kiosk::load_html(kiosk::long_service_guide_html(bytes), "bench");
  if (!open.page.ok) std::abort();
  open.layouter = std::make_unique<ui::TextLayouter>(scale_fonts());
  open.layouter->layout_into(open.page.document, params_at(1.0), open.shown);
  return open;
}

void zoom_step(benchmark::State& state, std::size_t bytes) {
  OpenPage& open = open_page(bytes);
  for (auto _ : state) {
    open.layouter->layout_into(open.page.document, params_at(1.25), open.shown);
    benchmark::DoNotOptimize(open.shown.glyphs.data());
  }
  // Back to 100 % (untimed), so every repetition is the same step up.
  open.layouter->layout_into(open.page.document, params_at(1.0), open.shown);
}

double maximum(const std::vector<double>& v) {
  return *std::max_element(v.begin(), v.end());
}

const bool registered = [] {
  const std::pair<const char*, std::size_t> sizes[] = {
      {"10kb", 10 * 1024}, {"100kb", 100 * 1024}, {"1mb", 1024 * 1024}, {"4mb", 4 * 1024 * 1024}};
  for (const auto& [label, bytes] : sizes) {
    benchmark::RegisterBenchmark((std::string("scale_zoom_step_") + label).c_str(), zoom_step,
                                 bytes)
        ->Unit(benchmark::kMillisecond)
        ->UseRealTime()
        ->Iterations(1)
        ->Repetitions(5)
        ->ReportAggregatesOnly(true)
        ->ComputeStatistics("max", maximum);
  }
  return true;
}();

}  // namespace
