#include "profile_settings.hpp"

#include <algorithm>

namespace kiosk {

ui::FontRequest font_request_for(const board::BoardProfile& profile) {
  ui::FontRequest request;
  for (const auto& family : profile.font_families) {
    ui::FontSource src{family, "", ""};
    for (const auto& file : profile.font_files) {
      if (file.family == family) src.path = file.path;
    }
    if (family.rfind("Noto Sans CJK", 0) == 0)
      src.debian_package = "fonts-noto-cjk";
    else if (family.rfind("Noto Sans", 0) == 0)
      src.debian_package = "fonts-noto-core";
    request.regular.push_back(src);
  }
  // Bold comes from fontconfig by family; explicit files name regular faces only.
  for (const auto& family : profile.font_families) request.bold.push_back({family, "", ""});
  return request;
}

ui::ScreenGeometry screen_geometry(const board::DisplayProfile& d) {
  ui::ScreenGeometry g{d.width_px, d.height_px, d.width_mm, d.height_mm};
  if (d.rotation == 90 || d.rotation == 270) {
    std::swap(g.width_px, g.height_px);
    std::swap(g.width_mm, g.height_mm);
  }
  return g;
}

BodySize body_size_for(const board::BoardProfile& profile, const ui::FontCollection& fonts) {
  // The smallest capital any face in the chain draws decides the minimum.
  double cap_em = 1.0;
  for (ui::FaceId id : fonts.chain(ui::FontWeight::Regular)) {
    cap_em = std::min(cap_em, fonts.metrics(id).cap_height_em);
  }
  const ui::ScreenGeometry screen = screen_geometry(profile.display);
  BodySize s;
  s.profile_px = profile.text.body_px;
  s.minimum_px = ui::min_font_px_for_capital_height(ui::kMinCapitalHeightMm, cap_em, screen);
  s.px = std::max(s.profile_px, s.minimum_px);
  s.capital_mm = ui::capital_height_mm(s.px, cap_em, screen);
  return s;
}

ui::ViewSettings view_settings_for(const board::BoardProfile& profile, int body_px) {
  ui::ViewSettings s;
  s.body_px = body_px;
  s.zoom = profile.text.zoom_percent / 100.0;
  s.scheme = ui::find_color_scheme(profile.text.scheme);
  s.guide_lines = profile.text.guide_lines;
  s.caption_bar = profile.text.caption_bar;
  return s;
}

}  // namespace kiosk
