// Colours and the WCAG 2 contrast arithmetic every scheme is checked with.
#pragma once

#include <cstdint>

namespace ui {

struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

// WCAG 2.x relative luminance of an sRGB colour, 0 (black) .. 1 (white).
double relative_luminance(Rgb c);

// WCAG 2.x contrast ratio (L1 + 0.05) / (L2 + 0.05), 1 .. 21, symmetric.
double contrast_ratio(Rgb a, Rgb b);

// Parses "#RRGGBB"; returns false on anything else.
bool parse_hex_color(const char* text, Rgb& out);

}  // namespace ui
