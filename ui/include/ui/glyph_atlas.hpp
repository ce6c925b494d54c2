// Glyph cache: (face, glyph id, pixel size) -> rectangle on an atlas page. Pages are SDL
// textures filled shelf by shelf; when all pages are full the least recently used page is
// emptied and refilled, so memory stays bounded whatever text and zoom the citizen picks.
//
// On a GPU renderer glyphs are stored as white coverage and tinted by colour modulation,
// which costs nothing there. SDL's software renderer has no fast path for modulated blits,
// so for it the colour is baked into the glyph (the colour joins the key); a plain
// per-pixel-alpha blit then skips transparent pixels and copies opaque ones.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "ui/color.hpp"
#include "ui/fonts.hpp"
#include "ui/sdl_handles.hpp"

namespace ui {

struct AtlasSlot {
  int page = -1;        // -1: the glyph has no ink (a space)
  SDL_Rect rect{};      // where on the page
  int bearing_x = 0;    // from the pen position to the bitmap's left edge
  int bearing_y = 0;    // from the baseline up to the bitmap's top edge
  bool colour = false;  // a colour glyph (emoji): drawn as it is, never tinted
};

struct AtlasStats {
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t page_evictions = 0;
  int pages = 0;
};

class GlyphAtlas {
 public:
  GlyphAtlas(SDL_Renderer* renderer, const FontCollection& fonts, int page_size = 1024,
             int max_pages = 4);

  // True when glyphs carry their colour (software renderer): draw them without colour mod.
  bool bakes_colour() const { return bake_colour_; }

  // Call once per frame: pages used in the current frame are the last to be evicted.
  void begin_frame() { ++frame_; }
  // Rasterises on a miss. Null only when the glyph cannot be rasterised at all.
  // `colour` only matters when bakes_colour(); otherwise the glyph is white coverage.
  const AtlasSlot* lookup(FaceId face, std::uint32_t glyph_id, int pixel_size,
                          Rgb colour = {255, 255, 255});
  SDL_Texture* page_texture(int page) const { return pages_[page].texture.get(); }
  const AtlasStats& stats() const { return stats_; }
  void clear();

 private:
  struct Key {
    std::uint32_t glyph;
    std::uint16_t face;
    std::uint16_t pixel_size;
    std::uint32_t colour;
    friend bool operator==(const Key&, const Key&) = default;
  };
  struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept {
      const std::uint64_t a = (static_cast<std::uint64_t>(k.face) << 48) ^
                              (static_cast<std::uint64_t>(k.pixel_size) << 32) ^ k.glyph;
      return std::hash<std::uint64_t>{}(
          a ^ (static_cast<std::uint64_t>(k.colour) * 0x9E3779B97F4A7C15ull));
    }
  };
  struct Shelf {
    int y = 0;
    int height = 0;
    int x = 0;
  };
  struct Page {
    TexturePtr texture;
    std::vector<Shelf> shelves;
    int used_height = 0;
    std::uint64_t last_used_frame = 0;
    std::vector<Key> keys;
  };
  // A colour bitmap font (Noto Color Emoji: fixed-size BGRA strikes), scaled to pixel_size.
  bool rasterise_colour(FaceId face, std::uint32_t glyph_id, int pixel_size, AtlasSlot& slot);
  bool allocate(int w, int h, int& page, SDL_Rect& rect);
  bool allocate_on(int page, int w, int h, SDL_Rect& rect);
  void evict_page(int page);

  SDL_Renderer* renderer_;
  const FontCollection& fonts_;
  int page_size_;
  int max_pages_;
  std::uint64_t frame_ = 1;
  std::vector<Page> pages_;
  std::unordered_map<Key, AtlasSlot, KeyHash> slots_;
  bool bake_colour_ = false;
  std::vector<std::uint32_t> scratch_;
  AtlasStats stats_;
};

}  // namespace ui
