// What the board profile means for the screen and the text: the font request (with the Debian
// package to name when a font is missing), the screen's geometry after rotation, the body size
// raised until capitals reach 4.8 mm on this panel, and the reading view's starting settings.
#pragma once

#include "board/profile.hpp"
#include "ui/fonts.hpp"
#include "ui/physical_size.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

ui::FontRequest font_request_for(const board::BoardProfile& profile);
ui::ScreenGeometry screen_geometry(const board::DisplayProfile& display);

struct BodySize {
  int px = 0;             // what the kiosk uses at zoom 100%
  int profile_px = 0;     // what the profile asked for
  int minimum_px = 0;     // the smallest size whose capitals reach 4.8 mm on this screen
  double capital_mm = 0;  // capital height of `px` on this screen
};

// The profile's body size, raised where needed so capitals are >= 4.8 mm on its screen.
BodySize body_size_for(const board::BoardProfile& profile, const ui::FontCollection& fonts);

ui::ViewSettings view_settings_for(const board::BoardProfile& profile, int body_px);

}  // namespace kiosk
