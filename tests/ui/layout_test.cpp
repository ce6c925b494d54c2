// Document layout: reflow at every zoom without horizontal overflow, WCAG 1.4.12 spacing,
// fallback and missing glyphs, list indents, and the shaping cache on relayout.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "browse/builtin_pages.hpp"
#include "test_support.hpp"
#include "ui/layout.hpp"

namespace {

int margin_for(const ui::LayoutParams& p) {
  return std::min(static_cast<int>(std::lround(p.margin_px * p.zoom)), p.width_px / 10);
}

class Reflow : public ::testing::TestWithParam<double> {};

TEST_P(Reflow, NoLineIsWiderThanTheColumn) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  for (const auto& doc : {kiosk::welcome_page(), kiosk::long_service_guide(20 * 1024)}) {
    ui::LayoutParams p;
    p.width_px = 1920;
    p.body_px = 48;
    p.zoom = GetParam();
    const auto layout = layouter.layout(doc, p);
    const int margin = margin_for(p);
    ASSERT_FALSE(layout.lines.empty());
    for (const auto& line : layout.lines) {
      EXPECT_LE(margin + line.width, p.width_px - margin + 1) << "zoom " << p.zoom;
    }
    for (const auto& g : layout.glyphs) {
      EXPECT_GE(g.x, 0);
      EXPECT_LT(g.x, p.width_px - margin);
    }
  }
}

TEST_P(Reflow, EveryCharacterIsStillThere) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const auto doc = kiosk::welcome_page();
  ui::LayoutParams p;
  const auto base = layouter.layout(doc, p);
  p.zoom = GetParam();
  const auto zoomed = layouter.layout(doc, p);
  EXPECT_EQ(zoomed.glyphs.size(), base.glyphs.size());
  EXPECT_GE(zoomed.lines.size(), base.lines.size());
  EXPECT_EQ(zoomed.body_px, static_cast<int>(std::lround(48 * p.zoom)));
}

INSTANTIATE_TEST_SUITE_P(Zooms, Reflow, ::testing::Values(1.0, 1.25, 1.5, 2.0, 3.0, 4.0));

TEST(Layout, LineAndParagraphSpacingMeetWcag) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const auto doc = kiosk::welcome_page();
  const auto layout = layouter.layout(doc, ui::LayoutParams{});
  for (const auto& line : layout.lines) {
    int px = 0;
    for (std::uint32_t i = 0; i < line.glyph_count; ++i) {
      px = std::max<int>(px, layout.glyphs[line.first_glyph + i].pixel_size);
    }
    if (px > 0) {
      EXPECT_GE(line.height, 1.3 * px);
    }
  }
  ASSERT_EQ(layout.block_bounds.size(), doc.blocks.size());
  for (std::size_t b = 1; b < layout.block_bounds.size(); ++b) {
    const auto& prev = layout.block_bounds[b - 1];
    const int prev_line_height =
        std::find_if(layout.lines.begin(), layout.lines.end(), [&](auto& l) {
          return l.block == b - 1;
        })->height;
    EXPECT_GE(layout.block_bounds[b].y - prev.bottom(), 1.3 * prev_line_height) << "block " << b;
  }
}

TEST(Layout, HeadingsAreLargerAndBold) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const auto layout = layouter.layout(kiosk::welcome_page(), ui::LayoutParams{});
  const auto& fonts = kiosk_test::default_fonts();
  const auto heading = std::find_if(layout.glyphs.begin(), layout.glyphs.end(),
                                    [](auto& g) { return g.block == 0; });
  EXPECT_EQ(heading->pixel_size, 72);
  EXPECT_EQ(heading->face, fonts.chain(ui::FontWeight::Bold).front());
}

TEST(Layout, ZoomReflowReusesShapedText) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const auto doc = kiosk::long_service_guide(30 * 1024);
  ui::LayoutParams p;
  layouter.layout(doc, p);
  const auto misses = layouter.stats().shape_misses;
  p.zoom = 2.0;
  layouter.layout(doc, p);
  p.zoom = 4.0;
  layouter.layout(doc, p);
  EXPECT_EQ(layouter.stats().shape_misses, misses) << "a zoom step must not reshape";
  EXPECT_GE(layouter.stats().shape_hits, 2 * doc.blocks.size());
}

TEST(Layout, FallbackFaceAndMissingGlyphBox) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  const auto& fonts = kiosk_test::default_fonts();
  const auto layout = layouter.layout_text("价格₿\U00013000完", 48, 1000);
  ASSERT_EQ(layout.glyphs.size(), 5u);
  EXPECT_EQ(layout.glyphs[0].face, fonts.chain(ui::FontWeight::Regular)[0]);
  EXPECT_EQ(layout.glyphs[2].face, fonts.chain(ui::FontWeight::Regular)[1]);
  EXPECT_FALSE(layout.glyphs[2].missing);
  EXPECT_TRUE(layout.glyphs[3].missing);
  EXPECT_GT(layout.glyphs[3].box_width, 10);
  EXPECT_GT(layout.glyphs[4].x, layout.glyphs[3].x + layout.glyphs[3].box_width - 1);
}

TEST(Layout, ListItemsHangTheirMarker) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  ui::Document doc;
  std::string many;
  for (int i = 0; i < 60; ++i) many += "项";
  doc.blocks.push_back(ui::make_list_item(many, 3));
  const auto layout = layouter.layout(doc, ui::LayoutParams{});
  ASSERT_GE(layout.lines.size(), 2u);
  const auto first_text =
      std::find_if(layout.glyphs.begin(), layout.glyphs.end(), [](auto& g) { return !g.marker; });
  const auto& second_line = layout.glyphs[layout.lines[1].first_glyph];
  EXPECT_TRUE(layout.glyphs[0].marker);
  EXPECT_EQ(layout.lines[0].first_glyph, 0u)
      << "the marker belongs to the first line, so it is drawn";
  EXPECT_EQ(second_line.x, first_text->x) << "wrapped lines align with the text, not the marker";
  EXPECT_GT(first_text->x, layout.glyphs[0].x);
}

TEST(Layout, LinksAreUnderlinedAndFocusable) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  ui::Document doc;
  doc.blocks.push_back(ui::make_paragraph(
      {ui::text_run("请点击"), ui::link_run("这里", ui::UrlTarget{"go:1"}), ui::text_run("继续。")}));
  const auto layout = layouter.layout(doc, ui::LayoutParams{});
  ASSERT_EQ(layout.underlines.size(), 1u);
  const auto rects = layout.focus_rects({0, 1});
  ASSERT_EQ(rects.size(), 1u);
  EXPECT_EQ(rects[0].w, layout.underlines[0].w);
  EXPECT_GE(layout.underlines[0].h, 2);
  EXPECT_GE(rects[0].w, 2 * 48 - 2);
}

}  // namespace

namespace {

// Found by fuzz_text_layout: a run of spaces made the line (and a link underline) run past
// the column; trailing white space hangs and is not part of the line.
TEST(LayoutRegression, TrailingSpacesDoNotWidenTheLine) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  ui::LayoutParams p;
  p.width_px = 480;
  p.zoom = 2.5;
  const std::string text = "GLE" + std::string(120, ' ') + "next words";
  ui::Document doc;
  doc.blocks.push_back(ui::make_paragraph({ui::text_run(text), ui::link_run(text, ui::UrlTarget{"x"})}));
  const auto layout = layouter.layout(doc, p);
  for (const auto& line : layout.lines) EXPECT_LE(line.width, p.width_px);
  for (const auto& u : layout.underlines) EXPECT_LE(u.right(), p.width_px);
}

// Found by fuzz_text_layout: at 400% on a narrow screen the list indent left no room.
TEST(LayoutRegression, ListIndentLeavesRoomForAGlyph) {
  ui::TextLayouter layouter(kiosk_test::default_fonts());
  ui::LayoutParams p;
  p.width_px = 456;
  p.zoom = 4.0;
  ui::Document doc;
  doc.blocks.push_back(ui::make_list_item("社保卡办理", 7));
  const auto layout = layouter.layout(doc, p);
  for (const auto& line : layout.lines) EXPECT_LE(line.width, p.width_px);
}

}  // namespace
