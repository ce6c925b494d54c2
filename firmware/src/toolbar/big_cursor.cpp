#include "big_cursor.hpp"

#include <algorithm>

namespace kiosk {

std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> big_cursor_image(
    const ui::ColorScheme& scheme, int h) {
  std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)> s(
      SDL_CreateRGBSurfaceWithFormat(0, h, h, 32, SDL_PIXELFORMAT_ARGB8888), &SDL_FreeSurface);
  if (!s) return s;
  SDL_FillRect(s.get(), nullptr, 0);  // transparent
  const ui::Rgb fill = scheme.caption_text;
  const ui::Rgb edge = scheme.caption_background;
  const Uint32 fill_px = SDL_MapRGBA(s->format, fill.r, fill.g, fill.b, 255);
  const Uint32 edge_px = SDL_MapRGBA(s->format, edge.r, edge.g, edge.b, 255);
  const int outline = std::max(2, h / 24);
  // The classic arrow: a triangle from the hot spot (0, 0) down the left edge, its right side
  // at about 45 degrees, and a stem; points inside the shape but near its edge are outline.
  auto inside = [&](int x, int y, int inset) {
    const int head = h * 3 / 4;
    if (y < head) return x >= inset && x <= y * 2 / 3 - inset && y >= inset;
    const int stem_left = h / 6;
    const int stem_right = h / 3;
    return x >= stem_left + inset && x <= stem_right - inset && y <= h - 1 - inset;
  };
  auto* pixels = static_cast<Uint32*>(s->pixels);
  const int pitch = s->pitch / 4;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < h; ++x) {
      if (!inside(x, y, 0)) continue;
      pixels[y * pitch + x] = inside(x, y, outline) ? fill_px : edge_px;
    }
  }
  return s;
}

CursorPtr make_big_cursor(const ui::ColorScheme& scheme, int height_px) {
  auto image = big_cursor_image(scheme, height_px);
  if (!image) return nullptr;
  return CursorPtr(SDL_CreateColorCursor(image.get(), 0, 0));
}

}  // namespace kiosk
