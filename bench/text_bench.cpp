// Text engine figures on the reference case: 1920x1080, 48 px body text, a 100 KB
// Chinese service guide. Printed as `BENCH <name> <value> <unit>` by bench_main.cpp.
#include <benchmark/benchmark.h>

#include "browse/builtin_pages.hpp"
#include "ui/fonts.hpp"
#include "ui/layout.hpp"
#include "ui/reading_view.hpp"
#include "ui/screen_renderer.hpp"

namespace {

const ui::FontCollection& fonts() {
  static auto loaded = ui::FontCollection::load(ui::default_font_request());
  if (!loaded.fonts) std::abort();
  return *loaded.fonts;
}

const ui::Document& page() {
  static const ui::Document doc = kiosk::long_service_guide(100 * 1024);
  return doc;
}

ui::LayoutParams reference_params(double zoom = 1.0) {
  ui::LayoutParams p;
  p.width_px = 1920;
  p.body_px = 48;
  p.zoom = zoom;
  return p;
}

// Everything from text to positioned glyphs: itemising, HarfBuzz shaping, line breaking.
void layout_100kb_page_cold(benchmark::State& state) {
  ui::TextLayouter layouter(fonts());
  for (auto _ : state) {
    layouter.clear_cache();
    benchmark::DoNotOptimize(layouter.layout(page(), reference_params()));
  }
}
BENCHMARK(layout_100kb_page_cold)->Unit(benchmark::kMillisecond);

// The same page laid out again with its shaped runs cached (a page shown before).
void layout_100kb_page_warm(benchmark::State& state) {
  ui::TextLayouter layouter(fonts());
  layouter.layout(page(), reference_params());
  for (auto _ : state) benchmark::DoNotOptimize(layouter.layout(page(), reference_params()));
}
BENCHMARK(layout_100kb_page_warm)->Unit(benchmark::kMillisecond);

// One zoom step (100% <-> 125%): what the citizen waits for after pressing "+".
void relayout_zoom_step(benchmark::State& state) {
  ui::TextLayouter layouter(fonts());
  layouter.layout(page(), reference_params());
  bool up = false;
  for (auto _ : state) {
    up = !up;
    benchmark::DoNotOptimize(layouter.layout(page(), reference_params(up ? 1.25 : 1.0)));
  }
}
BENCHMARK(relayout_zoom_step)->Unit(benchmark::kMillisecond);

// The first screen of the 100 KB document (focus on the first item, black-yellow, guide lines
// and caption bar) in a 1920x1080 memory surface through SDL's software renderer: the slowest
// renderer a board can have.
struct FrameRig {
  ui::SurfacePtr surface{
      SDL_CreateRGBSurfaceWithFormat(0, 1920, 1080, 32, SDL_PIXELFORMAT_XRGB8888)};
  ui::RendererPtr renderer{SDL_CreateSoftwareRenderer(surface.get())};
  ui::TextLayouter layouter{fonts()};
  ui::ReadingView view{
      layouter, ui::ViewSettings{48, 1.0, ui::find_color_scheme("black-yellow"), true, true}};
  ui::ScreenRenderer screen{renderer.get(), fonts()};
  FrameRig() {
    view.resize(1920, 1080);
    view.set_document(page());
    view.apply(ui::ViewCommand::NextItem);
  }
  void draw() {
    screen.draw(view.screen_view());
    SDL_RenderFlush(renderer.get());
  }
};

// That frame with the glyph atlas warm.
void render_frame_warm_cache(benchmark::State& state) {
  FrameRig rig;
  rig.draw();
  for (auto _ : state) rig.draw();
  state.counters["glyph_misses"] = static_cast<double>(rig.screen.atlas().stats().misses);
}
BENCHMARK(render_frame_warm_cache)->Unit(benchmark::kMillisecond);

// The same frame with the glyph atlas emptied before each draw: the first frame of a page whose
// characters were never drawn (every glyph rasterised by FreeType and uploaded to the atlas).
void render_frame_cold_glyph_cache(benchmark::State& state) {
  FrameRig rig;
  for (auto _ : state) {
    state.PauseTiming();
    rig.screen.atlas().clear();
    state.ResumeTiming();
    rig.draw();
  }
}
BENCHMARK(render_frame_cold_glyph_cache)->Unit(benchmark::kMillisecond);

}  // namespace
