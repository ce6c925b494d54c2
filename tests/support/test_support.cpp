#include "test_support.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>

#include "tts/utf8.hpp"

namespace kiosk_test {

const ui::FontCollection& default_fonts() {
  static std::unique_ptr<ui::FontCollection> fonts = [] {
    auto loaded = ui::FontCollection::load(ui::default_font_request());
    if (!loaded.fonts) {
      std::fprintf(stderr, "test fonts: %s\n", loaded.error.c_str());
      std::abort();
    }
    return std::move(loaded.fonts);
  }();
  return *fonts;
}

std::u32string decode_utf8(const std::string& s) {
  return tts::decode_utf8(s);
}

std::string encode_utf8(const std::u32string& s) {
  return tts::encode_utf8(s);
}

OffscreenCanvas::OffscreenCanvas(int w, int h)
    : surface(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_XRGB8888)),
      renderer(SDL_CreateSoftwareRenderer(surface.get())) {}

ui::Rgb OffscreenCanvas::pixel(int x, int y) const {
  const auto* row = static_cast<const std::uint8_t*>(surface->pixels) + y * surface->pitch;
  Uint32 value = 0;
  std::memcpy(&value, row + x * 4, 4);
  Uint8 r = 0, g = 0, b = 0;
  SDL_GetRGB(value, surface->format, &r, &g, &b);
  return {r, g, b};
}

const std::string& minimal_board_toml() {
  static const std::string kText = R"([board]
name = "t"
compatible = "cn.gov.kiosk.test"

[display]
width_px = 1920
height_px = 1080
width_mm = 476.06
height_mm = 267.79

[fonts]
families = ["Noto Sans CJK SC"]
)";
  return kText;
}

std::string source_dir() {
  return KIOSK_SOURCE_DIR;
}

std::string desktop_board_toml(const std::string& origin, const std::string& home) {
  std::ifstream in(source_dir() + "/board/profiles/desktop.toml");
  std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  toml =
      std::regex_replace(toml, std::regex("origins = \\[.*\\]"), "origins = [\"" + origin + "\"]");
  return std::regex_replace(toml, std::regex("\nhome = .*"), "\nhome = \"" + home + "\"");
}

}  // namespace kiosk_test
