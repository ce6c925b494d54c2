// The board profile's meaning for the screen: capital height in mm on every board, a dense
// small screen raising the body size, rotation swapping the axes.
#include <gtest/gtest.h>

#include "board/profile.hpp"
#include "kiosk/profile_settings.hpp"
#include "test_support.hpp"

namespace {

board::BoardProfile load(const std::string& name) {
  auto r = board::load_profile_file(kiosk_test::source_dir() + "/board/profiles/" + name + ".toml");
  EXPECT_TRUE(r.profile) << r.error;
  return *r.profile;
}

TEST(PhysicalSize, CapitalHeightOnA215InchPanel) {
  // 21.5-inch 1920x1080: 476.06 mm / 1920 px = 0.248 mm per pixel.
  const ui::ScreenGeometry panel{1920, 1080, 476.06, 267.79};
  EXPECT_NEAR(ui::mm_per_pixel(panel), 0.2479, 0.0001);
  // Cap height 0.733 em: a 48 px font draws 35 px capitals = 8.68 mm.
  EXPECT_NEAR(ui::capital_height_mm(48, 0.733, panel), 35 * 0.24795, 0.01);
  const int min_px = ui::min_font_px_for_capital_height(4.8, 0.733, panel);
  EXPECT_GE(ui::capital_height_mm(min_px, 0.733, panel), 4.8);
  EXPECT_LT(ui::capital_height_mm(min_px - 1, 0.733, panel), 4.8);
  EXPECT_EQ(min_px, 28);
}

TEST(PhysicalSize, EveryBoardShowsCapitalsOfAtLeast48Mm) {
  for (const char* name : {"desktop", "qemu-x86", "rk3568-215"}) {
    const auto body = kiosk::body_size_for(load(name), kiosk_test::default_fonts());
    EXPECT_GE(body.capital_mm, ui::kMinCapitalHeightMm) << name;
    EXPECT_GE(body.px, body.profile_px) << name;
  }
}

TEST(PhysicalSize, DenseSmallScreenRaisesTheBodySize) {
  board::BoardProfile tablet = load("desktop");
  tablet.display = {1920, 1200, 216.96, 135.6, 0, "auto", "", ""};  // 10-inch, 0.113 mm per px
  tablet.text.body_px = 32;
  const auto body = kiosk::body_size_for(tablet, kiosk_test::default_fonts());
  EXPECT_GT(body.px, 32);
  EXPECT_EQ(body.px, body.minimum_px);
  EXPECT_GE(body.capital_mm, 4.8);
}

TEST(PhysicalSize, RotationSwapsTheAxes) {
  const board::DisplayProfile portrait{1920, 1080, 476.06, 267.79, 90, "auto", "", ""};
  const auto g = kiosk::screen_geometry(portrait);
  EXPECT_EQ(g.width_px, 1080);
  EXPECT_DOUBLE_EQ(g.height_mm, 476.06);
}

}  // namespace
