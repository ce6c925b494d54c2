// Contrast of every scheme, computed from the scheme data with the WCAG 2 formula.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "test_support.hpp"
#include "ui/color.hpp"
#include "ui/scheme.hpp"

namespace {

TEST(Contrast, MatchesWcagReferenceValues) {
  EXPECT_NEAR(ui::relative_luminance({255, 255, 255}), 1.0, 1e-9);
  EXPECT_NEAR(ui::relative_luminance({0, 0, 0}), 0.0, 1e-9);
  EXPECT_NEAR(ui::contrast_ratio({0, 0, 0}, {255, 255, 255}), 21.0, 1e-9);
  // #767676 on white is the well-known 4.54:1 grey.
  EXPECT_NEAR(ui::contrast_ratio({0x76, 0x76, 0x76}, {255, 255, 255}), 4.54, 0.01);
  // Pure yellow on black: 19.56:1.
  EXPECT_NEAR(ui::contrast_ratio({255, 255, 0}, {0, 0, 0}), 19.56, 0.01);
  EXPECT_DOUBLE_EQ(ui::contrast_ratio({10, 20, 30}, {200, 100, 50}),
                   ui::contrast_ratio({200, 100, 50}, {10, 20, 30}));
}

TEST(Contrast, ParsesHexColours) {
  ui::Rgb c;
  ASSERT_TRUE(ui::parse_hex_color("#FFB000", c));
  EXPECT_EQ(c, (ui::Rgb{0xFF, 0xB0, 0x00}));
  EXPECT_FALSE(ui::parse_hex_color("FFB000", c));
  EXPECT_FALSE(ui::parse_hex_color("#FFB00", c));
  EXPECT_FALSE(ui::parse_hex_color("#GGB000", c));
  EXPECT_FALSE(ui::parse_hex_color(nullptr, c));
}

TEST(Schemes, OfferTheRequiredCombinations) {
  std::set<std::string> names;
  for (const auto& s : ui::color_schemes()) names.insert(std::string(s.name_zh));
  for (const char* wanted : {"默认", "黑底黄字", "黄底黑字", "蓝底白字", "白底黑字"}) {
    EXPECT_TRUE(names.count(wanted)) << wanted;
  }
  EXPECT_EQ(ui::find_color_scheme("black-yellow")->text, (ui::Rgb{255, 255, 0}));
  EXPECT_EQ(ui::find_color_scheme("nope"), nullptr);
}

TEST(Schemes, CycleThroughAllAndWrap) {
  const auto all = ui::color_schemes();
  const ui::ColorScheme* s = &all.front();
  std::set<std::string_view> seen;
  for (std::size_t i = 0; i < all.size(); ++i) {
    seen.insert(s->id);
    s = &ui::next_color_scheme(*s);
  }
  EXPECT_EQ(seen.size(), all.size());
  EXPECT_EQ(s->id, all.front().id);
}

class EveryScheme : public ::testing::TestWithParam<ui::ColorScheme> {};

TEST_P(EveryScheme, TextAndLinksReachSevenToOne) {
  const auto& s = GetParam();
  EXPECT_GE(ui::contrast_ratio(s.text, s.background), 7.0) << s.id;
  EXPECT_GE(ui::contrast_ratio(s.link, s.background), 7.0) << s.id;
  EXPECT_GE(ui::contrast_ratio(s.caption_text, s.caption_background), 7.0) << s.id;
}

TEST_P(EveryScheme, IndicatorsReachThreeToOne) {
  const auto& s = GetParam();
  // The focus ring is drawn clear of the item, so both its neighbours are the background.
  EXPECT_GE(ui::contrast_ratio(s.focus, s.background), 3.0) << s.id;
  EXPECT_GE(ui::contrast_ratio(s.guide, s.background), 3.0) << s.id;
  // The caption bar's top rule separates it from the page.
  EXPECT_GE(ui::contrast_ratio(s.caption_text, s.caption_background), 3.0) << s.id;
}

INSTANTIATE_TEST_SUITE_P(Builtin, EveryScheme,
                         ::testing::ValuesIn(ui::color_schemes().begin(),
                                             ui::color_schemes().end()),
                         kiosk_test::SchemeTestName{});

}  // namespace
