// Shared helpers for the test suite: fonts loaded once, UTF-8 decoding for assertions, and
// an offscreen software renderer that needs no display.
#pragma once

#include <SDL.h>

#include <string>
#include <vector>

#include "ui/color.hpp"
#include "ui/fonts.hpp"
#include "ui/sdl_handles.hpp"

// Under a sanitizer, memory belongs to the sanitizer's allocator: freed blocks sit in its
// quarantine (the product's wipe-on-free is compiled out) and the shadow memory multiplies the
// resident size. Scans of freed memory and memory ceilings only mean something in the normal
// build, which `make test` runs.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KIOSK_TEST_UNDER_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define KIOSK_TEST_UNDER_SANITIZER 1
#endif
#endif

namespace kiosk_test {

#ifdef KIOSK_TEST_UNDER_SANITIZER
inline constexpr bool kUnderSanitizer = true;
#else
inline constexpr bool kUnderSanitizer = false;
#endif

// The default chain (Noto Sans CJK SC, Noto Sans). Fails the test run if fonts are missing.
const ui::FontCollection& default_fonts();

// The smallest valid board profile (board, display, fonts; 13 lines, ends with a newline), for
// tests that add a section to it.
const std::string& minimal_board_toml();

std::u32string decode_utf8(const std::string& s);
std::string encode_utf8(const std::u32string& s);

struct OffscreenCanvas {
  ui::SurfacePtr surface;
  ui::RendererPtr renderer;
  OffscreenCanvas(int w, int h);
  ui::Rgb pixel(int x, int y) const;
};

// Names parameterised tests after the colour scheme: "black_yellow".
struct SchemeTestName {
  template <typename Info>
  std::string operator()(const Info& info) const {
    std::string id(info.param.id);
    for (char& c : id) c = c == '-' ? '_' : c;
    return id;
  }
};

// Where the source tree keeps test data (golden images, board profiles).
std::string source_dir();

// board/profiles/desktop.toml with its allowed origins set to `origin` and its home page to
// `home`, for tests that run the real kioskd against a loopback server.
std::string desktop_board_toml(const std::string& origin, const std::string& home);

}  // namespace kiosk_test
