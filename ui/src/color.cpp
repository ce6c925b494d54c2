#include "ui/color.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ui {
namespace {

double linearise(std::uint8_t channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

int hex_digit(char ch) {
  if (ch >= '0' && ch <= '9') return ch - '0';
  if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
  if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
  return -1;
}

}  // namespace

double relative_luminance(Rgb c) {
  return 0.2126 * linearise(c.r) + 0.7152 * linearise(c.g) + 0.0722 * linearise(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
  const double la = relative_luminance(a);
  const double lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

bool parse_hex_color(const char* text, Rgb& out) {
  if (text == nullptr || std::strlen(text) != 7 || text[0] != '#') return false;
  int v[6];
  for (int i = 0; i < 6; ++i) {
    v[i] = hex_digit(text[i + 1]);
    if (v[i] < 0) return false;
  }
  out =
      Rgb{static_cast<std::uint8_t>(v[0] * 16 + v[1]), static_cast<std::uint8_t>(v[2] * 16 + v[3]),
          static_cast<std::uint8_t>(v[4] * 16 + v[5])};
  return true;
}

}  // namespace ui
