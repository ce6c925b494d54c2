// Physical text size on the board's screen. Section 508 402.4 and ADA 707.7.2 ask for
// capital letters at least 4.8 mm (3/16 inch) tall; the kiosk checks it, not assumes it.
#pragma once

namespace ui {

inline constexpr double kMinCapitalHeightMm = 4.8;

struct ScreenGeometry {
  int width_px = 0;  // as the content is shown (after rotation)
  int height_px = 0;
  double width_mm = 0;
  double height_mm = 0;
};

// Millimetres per pixel; for non-square pixels the smaller pitch, so the check is safe.
double mm_per_pixel(const ScreenGeometry& screen);

double capital_height_mm(int font_px, double cap_height_em, const ScreenGeometry& screen);

// Smallest font size in pixels whose capital letters reach `min_mm` on this screen.
int min_font_px_for_capital_height(double min_mm, double cap_height_em,
                                   const ScreenGeometry& screen);

// The font size in pixels (the em) of a `points` pt type on this screen (1 pt = 1/72 inch):
// "main functions >= 30 pt" checked on the board's own panel.
int font_px_for_points(double points, const ScreenGeometry& screen);

}  // namespace ui
