#include "ui/physical_size.hpp"

#include <algorithm>
#include <cmath>

namespace ui {

double mm_per_pixel(const ScreenGeometry& s) {
  if (s.width_px <= 0 || s.height_px <= 0) return 0;
  return std::min(s.width_mm / s.width_px, s.height_mm / s.height_px);
}

double capital_height_mm(int font_px, double cap_height_em, const ScreenGeometry& screen) {
  // FreeType rounds the rasterised cap height to whole pixels; count what is drawn.
  return std::floor(font_px * cap_height_em) * mm_per_pixel(screen);
}

int min_font_px_for_capital_height(double min_mm, double cap_height_em,
                                   const ScreenGeometry& screen) {
  const double pitch = mm_per_pixel(screen);
  if (pitch <= 0 || cap_height_em <= 0) return 0;
  int px = static_cast<int>(std::ceil(min_mm / pitch / cap_height_em));
  while (capital_height_mm(px, cap_height_em, screen) < min_mm) ++px;
  return px;
}

int font_px_for_points(double points, const ScreenGeometry& screen) {
  const double pitch = mm_per_pixel(screen);
  if (pitch <= 0) return 0;
  return static_cast<int>(std::ceil(points * 25.4 / 72.0 / pitch - 1e-9));
}

}  // namespace ui
