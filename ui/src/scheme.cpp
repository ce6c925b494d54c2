#include "ui/scheme.hpp"

#include <array>

namespace ui {
namespace {

constexpr Rgb hex(unsigned v) {
  return Rgb{static_cast<std::uint8_t>(v >> 16), static_cast<std::uint8_t>(v >> 8),
             static_cast<std::uint8_t>(v)};
}

// Fields: id, name, background, text, link, focus, guide, caption background, caption text.
constexpr std::array kSchemes{
    ColorScheme{"default", "默认", hex(0xFFFFFF), hex(0x1B1B1B), hex(0x0A3A8C), hex(0xC2410C),
                hex(0x7A00B8), hex(0x1B1B1B), hex(0xFFFFFF)},
    ColorScheme{"black-yellow", "黑底黄字", hex(0x000000), hex(0xFFFF00), hex(0x00FFFF),
                hex(0xFFFFFF), hex(0xFF66FF), hex(0xFFFF00), hex(0x000000)},
    ColorScheme{"yellow-black", "黄底黑字", hex(0xFFFF00), hex(0x000000), hex(0x00008B),
                hex(0xC00000), hex(0x0000FF), hex(0x000000), hex(0xFFFF00)},
    ColorScheme{"blue-white", "蓝底白字", hex(0x002B80), hex(0xFFFFFF), hex(0xFFFF66),
                hex(0xFFB000), hex(0x66FFFF), hex(0xFFFFFF), hex(0x002B80)},
    ColorScheme{"white-black", "白底黑字", hex(0xFFFFFF), hex(0x000000), hex(0x0000B3),
                hex(0xD00000), hex(0x006400), hex(0x000000), hex(0xFFFFFF)},
};

}  // namespace

std::span<const ColorScheme> color_schemes() {
  return kSchemes;
}

const ColorScheme* find_color_scheme(std::string_view id) {
  for (const auto& s : kSchemes) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const ColorScheme& next_color_scheme(const ColorScheme& current) {
  for (std::size_t i = 0; i < kSchemes.size(); ++i) {
    if (kSchemes[i].id == current.id) return kSchemes[(i + 1) % kSchemes.size()];
  }
  return kSchemes.front();
}

}  // namespace ui
