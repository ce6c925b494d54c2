// Rendering: golden screenshots of the welcome screen in every scheme and at 100/200/400%,
// contrast and focus-ring thickness measured from the rendered pixels, a crisp glyph at
// every size from 24 to 160 px, and the atlas's LRU eviction.
#include <gtest/gtest.h>

#include <SDL_image.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>

#include "browse/builtin_pages.hpp"
#include "test_support.hpp"
#include "ui/reading_view.hpp"
#include "ui/screen_renderer.hpp"
#include "ui/screenshot.hpp"

namespace {

using kiosk_test::OffscreenCanvas;

struct Scene {
  OffscreenCanvas canvas{1920, 1080};
  ui::TextLayouter layouter{kiosk_test::default_fonts()};
  ui::ReadingView view;
  ui::ScreenRenderer screen{canvas.renderer.get(), kiosk_test::default_fonts()};

  Scene(const ui::ColorScheme& scheme, double zoom, bool guides)
      : view(layouter, ui::ViewSettings{48, zoom, &scheme, guides, true}) {
    view.resize(1920, 1080);
    view.set_document(kiosk::welcome_page());
  }
  void draw() { screen.draw(view.screen_view()); }
};

struct Diff {
  double differing_fraction = 0;
  double mean_abs = 0;
};

Diff compare(SDL_Surface* a, SDL_Surface* b) {
  Diff d;
  long differing = 0;
  double total = 0;
  for (int y = 0; y < a->h; ++y) {
    const auto* ra = static_cast<const std::uint8_t*>(a->pixels) + y * a->pitch;
    const auto* rb = static_cast<const std::uint8_t*>(b->pixels) + y * b->pitch;
    for (int x = 0; x < a->w * 3; x += 3) {
      int worst = 0;
      for (int c = 0; c < 3; ++c) {
        const int delta = std::abs(ra[x + c] - rb[x + c]);
        worst = std::max(worst, delta);
        total += delta;
      }
      if (worst > 48) ++differing;
    }
  }
  const double pixels = static_cast<double>(a->w) * a->h;
  d.differing_fraction = static_cast<double>(differing) / pixels;
  d.mean_abs = total / (pixels * 3);
  return d;
}

struct GoldenCase {
  const char* scheme;
  double zoom;
};

void PrintTo(const GoldenCase& c, std::ostream* os) {
  *os << c.scheme << " at " << c.zoom * 100 << "%";
}

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, WelcomeScreenMatches) {
  const auto [scheme_id, zoom] = GetParam();
  Scene scene(*ui::find_color_scheme(scheme_id), zoom, true);
  scene.view.apply(ui::ViewCommand::NextItem);  // focus the intro paragraph
  scene.draw();
  std::string error;
  ui::SurfacePtr frame = ui::read_frame(scene.canvas.renderer.get(), error);
  ASSERT_TRUE(frame) << error;

  const std::string name = std::string("welcome-") + scheme_id + "-" +
                           std::to_string(static_cast<int>(zoom * 100)) + ".png";
  const std::string golden_path = kiosk_test::source_dir() + "/tests/golden/" + name;
  const std::string actual_path = "golden-actual/" + name;
  std::filesystem::create_directories("golden-actual");
  IMG_SavePNG(frame.get(), actual_path.c_str());
  if (std::getenv("KIOSK_UPDATE_GOLDEN") != nullptr) {
    ASSERT_EQ(IMG_SavePNG(frame.get(), golden_path.c_str()), 0);
    GTEST_SKIP() << "golden rewritten: " << golden_path;
  }
  ui::SurfacePtr loaded(IMG_Load(golden_path.c_str()));
  ASSERT_TRUE(loaded) << "missing golden " << golden_path << " (make golden, then look at it)";
  ui::SurfacePtr golden(SDL_ConvertSurfaceFormat(loaded.get(), SDL_PIXELFORMAT_RGB24, 0));
  ASSERT_EQ(golden->w, frame->w);
  ASSERT_EQ(golden->h, frame->h);
  const Diff d = compare(golden.get(), frame.get());
  EXPECT_LT(d.differing_fraction, 0.002)
      << name << ": " << d.differing_fraction * 100 << "% of pixels differ; see " << actual_path;
  EXPECT_LT(d.mean_abs, 1.0) << name;
}

INSTANTIATE_TEST_SUITE_P(
    SchemesAndZooms, Golden,
    ::testing::Values(GoldenCase{"default", 1.0}, GoldenCase{"black-yellow", 1.0},
                      GoldenCase{"yellow-black", 1.0}, GoldenCase{"blue-white", 1.0},
                      GoldenCase{"white-black", 1.0}, GoldenCase{"black-yellow", 2.0},
                      GoldenCase{"black-yellow", 4.0}),
    [](const auto& param_info) {
      std::string id = std::string(param_info.param.scheme) + "_" +
                       std::to_string(static_cast<int>(param_info.param.zoom * 100));
      for (char& c : id) c = c == '-' ? '_' : c;
      return id;
    });

class RenderedPixels : public ::testing::TestWithParam<ui::ColorScheme> {};

TEST_P(RenderedPixels, BodyTextContrastMeasuredFromPixels) {
  const ui::ColorScheme& scheme = GetParam();
  Scene scene(scheme, 1.0, false);
  scene.draw();
  // The intro paragraph (block 1) is not focused: nothing but text and background there.
  const ui::Rect r = scene.view.layout().block_bounds[1];
  std::map<std::uint32_t, long> histogram;
  for (int y = r.y; y < r.bottom(); ++y) {
    for (int x = r.x; x < r.right(); ++x) {
      const ui::Rgb c = scene.canvas.pixel(x, y);
      ++histogram[(c.r << 16) | (c.g << 8) | c.b];
    }
  }
  ASSERT_GE(histogram.size(), 2u);
  std::vector<std::pair<long, std::uint32_t>> by_count;
  for (auto [colour, count] : histogram) by_count.push_back({count, colour});
  std::sort(by_count.rbegin(), by_count.rend());
  auto rgb = [](std::uint32_t v) {
    return ui::Rgb{static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
                   static_cast<std::uint8_t>(v)};
  };
  const ui::Rgb background = rgb(by_count[0].second);
  const ui::Rgb ink = rgb(by_count[1].second);  // full-coverage stroke interiors
  EXPECT_EQ(background, scheme.background);
  EXPECT_EQ(ink, scheme.text);
  EXPECT_GE(ui::contrast_ratio(ink, background), 7.0) << scheme.id;
  EXPECT_GT(by_count[1].first, 2000) << "too few solid text pixels to be body text";
}

TEST_P(RenderedPixels, FocusRingIsThickAndContrasting) {
  const ui::ColorScheme& scheme = GetParam();
  for (double zoom : {1.0, 2.0}) {
    Scene scene(scheme, zoom, false);
    scene.draw();
    const ui::Rect f = scene.view.screen_view().focus.front();
    // Walk left to right across the ring's left side, half way down.
    const int y = f.y + f.h / 2;
    int x = std::max(0, f.x - 40);
    while (x < f.x && !(scene.canvas.pixel(x, y) == scheme.focus)) ++x;
    ASSERT_LT(x, f.x) << "no focus ring left of the item";
    const ui::Rgb outside = scene.canvas.pixel(x - 1, y);
    int thickness = 0;
    while (scene.canvas.pixel(x + thickness, y) == scheme.focus) ++thickness;
    const ui::Rgb inside = scene.canvas.pixel(x + thickness, y);
    EXPECT_GE(thickness, 4) << scheme.id << " zoom " << zoom;
    EXPECT_GE(ui::contrast_ratio(scheme.focus, outside), 3.0) << scheme.id;
    EXPECT_GE(ui::contrast_ratio(scheme.focus, inside), 3.0) << scheme.id;
  }
}

TEST_P(RenderedPixels, GuideLinesCrossTheWholeScreen) {
  const ui::ColorScheme& scheme = GetParam();
  Scene scene(scheme, 1.0, true);
  scene.view.set_pointer(ui::Point{700, 300});
  scene.draw();
  int horizontal = 0;
  for (int x = 0; x < 1920; ++x) horizontal += scene.canvas.pixel(x, 300) == scheme.guide;
  int vertical = 0;
  for (int y = 0; y < 1080; ++y) vertical += scene.canvas.pixel(700, y) == scheme.guide;
  // Text sits on top of the lines, and the caption bar covers the bottom of the vertical.
  EXPECT_GT(horizontal, 1920 * 6 / 10);
  EXPECT_GT(vertical, 1080 / 2);
  EXPECT_GE(ui::contrast_ratio(scheme.guide, scheme.background), 3.0);
}

INSTANTIATE_TEST_SUITE_P(Builtin, RenderedPixels,
                         ::testing::ValuesIn(ui::color_schemes().begin(),
                                             ui::color_schemes().end()),
                         kiosk_test::SchemeTestName{});

TEST(Rendering, CaptionBarShowsFocusedTextAtTwiceBodySize) {
  Scene scene(*ui::find_color_scheme("black-yellow"), 1.0, false);
  const auto view = scene.view.screen_view();
  ASSERT_TRUE(view.caption);
  ASSERT_FALSE(view.caption->text->glyphs.empty());
  EXPECT_GE(view.caption->text->glyphs.front().pixel_size, 2 * 48);
  scene.draw();
  // Caption text pixels exist inside the bar.
  const ui::Rect bar = view.caption->area;
  long ink = 0;
  for (int y = bar.y + 8; y < bar.bottom(); y += 2) {
    for (int x = bar.x; x < bar.right(); x += 2) {
      ink += scene.canvas.pixel(x, y) == scene.view.scheme().caption_text;
    }
  }
  EXPECT_GT(ink, 500);
}

TEST(Rendering, GlyphsAreCrispFrom24To160Px) {
  OffscreenCanvas canvas(400, 400);
  ui::ScreenRenderer screen(canvas.renderer.get(), kiosk_test::default_fonts());
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  for (int px : {24, 32, 48, 64, 96, 128, 160}) {
    SDL_SetRenderDrawColor(canvas.renderer.get(), 0, 0, 0, 255);
    SDL_RenderClear(canvas.renderer.get());
    const auto layout = layouter.layout_text("H", px, 400);
    screen.draw_layout(layout, {20, 20}, {0, 0, 400, 400}, {255, 255, 255}, {255, 255, 255});
    // A sharp stem: solid white pixels, and the edge ramps over at most two pixels.
    int solid = 0;
    int partial = 0;
    const int y = 20 + layout.lines[0].baseline - px / 4;
    for (int x = 0; x < 400; ++x) {
      const int v = canvas.pixel(x, y).r;
      solid += v == 255;
      partial += v > 0 && v < 255;
    }
    EXPECT_GE(solid, px / 8) << px << " px";
    EXPECT_LE(partial, 6) << px << " px: blurry stems";
  }
}

// An emoji is drawn in its own colours at the text's size, whatever the text colour (the
// software renderer bakes the text colour into glyphs; a colour glyph must not be tinted).
TEST(Rendering, EmojiAreDrawnInColourAtTextSize) {
  OffscreenCanvas canvas(300, 200);
  ui::ScreenRenderer screen(canvas.renderer.get(), kiosk_test::default_fonts());
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  SDL_SetRenderDrawColor(canvas.renderer.get(), 0, 0, 0, 255);
  SDL_RenderClear(canvas.renderer.get());
  const int px = 48;
  const auto layout = layouter.layout_text("😀", px, 300);
  ASSERT_EQ(layout.glyphs.size(), 1u);
  ASSERT_FALSE(layout.glyphs[0].missing);
  screen.draw_layout(layout, {20, 20}, {0, 0, 300, 200}, {255, 255, 255}, {255, 255, 255});
  int yellow = 0;
  int left = 300, right = 0, top = 200, bottom = 0;
  for (int y = 0; y < 200; ++y) {
    for (int x = 0; x < 300; ++x) {
      const ui::Rgb c = canvas.pixel(x, y);
      if (c.r == 0 && c.g == 0 && c.b == 0) continue;
      left = std::min(left, x);
      right = std::max(right, x);
      top = std::min(top, y);
      bottom = std::max(bottom, y);
      yellow += c.r > 200 && c.g > 150 && c.b < 100;  // the face, not white text colour
    }
  }
  EXPECT_GT(yellow, px * px / 4);
  // About one em, like the text around it (the strike is 109 px, scaled down).
  EXPECT_NEAR(right - left + 1, px * 5 / 4, px / 4);
  EXPECT_NEAR(bottom - top + 1, px * 5 / 4, px / 4);
}

TEST(Rendering, AtlasEvictsLeastRecentlyUsedPage) {
  OffscreenCanvas canvas(64, 64);
  const auto& fonts = kiosk_test::default_fonts();
  // Two small pages: big glyphs fill them quickly.
  ui::GlyphAtlas atlas(canvas.renderer.get(), fonts, 256, 2);
  const ui::FaceId face = fonts.chain(ui::FontWeight::Regular).front();
  atlas.begin_frame();
  const ui::AtlasSlot* first = atlas.lookup(face, 1000, 120);
  ASSERT_NE(first, nullptr);
  const int first_page = first->page;
  std::uint32_t glyph = 1001;
  while (atlas.stats().pages < 2) {
    atlas.begin_frame();
    ASSERT_NE(atlas.lookup(face, glyph++, 120), nullptr);
  }
  // Keep the first page warm, then overflow: the other page must go.
  atlas.begin_frame();
  atlas.lookup(face, 1000, 120);
  const auto evictions = atlas.stats().page_evictions;
  for (int i = 0; i < 6 && atlas.stats().page_evictions == evictions; ++i) {
    atlas.begin_frame();
    atlas.lookup(face, 1000, 120);
    ASSERT_NE(atlas.lookup(face, glyph++, 120), nullptr);
  }
  EXPECT_EQ(atlas.stats().page_evictions, evictions + 1);
  const auto hits = atlas.stats().hits;
  const ui::AtlasSlot* again = atlas.lookup(face, 1000, 120);
  EXPECT_EQ(atlas.stats().hits, hits + 1) << "the recently used glyph survived";
  EXPECT_EQ(again->page, first_page);
  EXPECT_EQ(atlas.stats().pages, 2);
}

}  // namespace

// The technician's screenshot (ui::write_png, encoded for speed): every pixel reads back as it
// was drawn, and a path that cannot be written is an error, not a crash.
TEST(Screenshot, PngReadsBackPixelForPixel) {
  ui::SurfacePtr frame(SDL_CreateRGBSurfaceWithFormat(0, 321, 97, 24, SDL_PIXELFORMAT_RGB24));
  ASSERT_TRUE(frame);
  auto* px = static_cast<Uint8*>(frame->pixels);
  for (int y = 0; y < frame->h; ++y) {
    for (int x = 0; x < frame->w * 3; ++x) {
      px[y * frame->pitch + x] = static_cast<Uint8>((x * 7 + y * 13) ^ (x / 3 == y ? 0xFF : 0));
    }
  }
  const std::string path = "screenshot_roundtrip.png";
  std::string error;
  ASSERT_TRUE(ui::write_png(*frame, path, error)) << error;
  ui::SurfacePtr back(IMG_Load(path.c_str()));
  ASSERT_TRUE(back) << IMG_GetError();
  ui::SurfacePtr rgb(SDL_ConvertSurfaceFormat(back.get(), SDL_PIXELFORMAT_RGB24, 0));
  ASSERT_TRUE(rgb);
  ASSERT_EQ(rgb->w, 321);
  ASSERT_EQ(rgb->h, 97);
  for (int y = 0; y < frame->h; ++y) {
    ASSERT_EQ(std::memcmp(static_cast<Uint8*>(rgb->pixels) + y * rgb->pitch, px + y * frame->pitch,
                          static_cast<std::size_t>(frame->w) * 3),
              0)
        << "row " << y;
  }
  EXPECT_FALSE(ui::write_png(*frame, "/nonexistent-dir/x.png", error));
  EXPECT_NE(error.find("/nonexistent-dir/x.png"), std::string::npos);
  std::filesystem::remove(path);
}

// The renderer's frame is encoded strip by strip (never copied whole): the file holds exactly
// what read_frame() reads, an odd height (the last strip short) included.
TEST(Screenshot, TheRenderersFrameIsSavedStripByStrip) {
  ui::SurfacePtr target(SDL_CreateRGBSurfaceWithFormat(0, 200, 77, 32, SDL_PIXELFORMAT_XRGB8888));
  ASSERT_TRUE(target);
  SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(target.get());
  ASSERT_NE(renderer, nullptr) << SDL_GetError();
  for (int y = 0; y < 77; ++y) {
    SDL_SetRenderDrawColor(renderer, static_cast<Uint8>(y * 3), static_cast<Uint8>(255 - y), 40,
                           255);
    SDL_RenderDrawLine(renderer, 0, y, 199 - y, y);
  }
  std::string error;
  const std::string path = "screenshot_strips.png";
  ASSERT_TRUE(ui::save_png(renderer, path, error)) << error;
  ui::SurfacePtr expected = ui::read_frame(renderer, error);
  ASSERT_TRUE(expected) << error;
  ui::SurfacePtr back(IMG_Load(path.c_str()));
  ASSERT_TRUE(back) << IMG_GetError();
  ui::SurfacePtr rgb(SDL_ConvertSurfaceFormat(back.get(), SDL_PIXELFORMAT_RGB24, 0));
  ASSERT_TRUE(rgb);
  ASSERT_EQ(rgb->h, 77);
  for (int y = 0; y < 77; ++y) {
    ASSERT_EQ(std::memcmp(static_cast<Uint8*>(rgb->pixels) + y * rgb->pitch,
                          static_cast<Uint8*>(expected->pixels) + y * expected->pitch, 200 * 3),
              0)
        << "row " << y;
  }
  SDL_DestroyRenderer(renderer);
  std::filesystem::remove(path);
}
