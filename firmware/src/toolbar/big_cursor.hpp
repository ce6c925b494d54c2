// 大鼠标: a large high-contrast mouse pointer for low-vision mouse users — an arrow 96 px tall
// (three times the usual) in the scheme's caption colours, with a 4 px outline of the other
// colour so it shows on any background. An SDL colour cursor; SDL_SetCursor shows it.
#pragma once

#include <SDL.h>

#include <memory>

#include "ui/scheme.hpp"

namespace kiosk {

struct CursorDeleter {
  void operator()(SDL_Cursor* c) const { SDL_FreeCursor(c); }
};
using CursorPtr = std::unique_ptr<SDL_Cursor, CursorDeleter>;

// Null when the video driver has no cursors (offscreen, KMS without a pointer plane).
CursorPtr make_big_cursor(const ui::ColorScheme& scheme, int height_px = 96);

// The arrow's pixels, ARGB8888, `height_px` square (tests look at it without a video driver).
std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> big_cursor_image(
    const ui::ColorScheme& scheme, int height_px);

}  // namespace kiosk
