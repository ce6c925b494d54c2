// Glyph cache: (face, glyph id, pixel size) -> rectangle on an atlas page. Pages are SDL
// textures filled shelf by shelf; when all pages are full the least recently used page is
// emptied and refilled, so memory stays bounded whatever text and zoom the citizen picks.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "ui/fonts.hpp"
#include "ui/sdl_handles.hpp"

namespace ui {

struct AtlasSlot {
  int page = -1;        // -1: the glyph has no ink (a space)
  SDL_Rect rect{};      // where on the page
  int bearing_x = 0;    // from the pen position to the bitmap's left edge
  int bearing_y = 0;    // from the baseline up to the bitmap's top edge
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

  // Call once per frame: pages used in the current frame are the last to be evicted.
  void begin_frame() { ++frame_; }
  // Rasterises on a miss. Null only when the glyph cannot be rasterised at all.
  const AtlasSlot* lookup(FaceId face, std::uint32_t glyph_id, int pixel_size);
  SDL_Texture* page_texture(int page) const { return pages_[page].texture.get(); }
  const AtlasStats& stats() const { return stats_; }
  void clear();

 private:
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
    std::vector<std::uint64_t> keys;
  };
  bool allocate(int w, int h, int& page, SDL_Rect& rect);
  bool allocate_on(int page, int w, int h, SDL_Rect& rect);
  void evict_page(int page);

  SDL_Renderer* renderer_;
  const FontCollection& fonts_;
  int page_size_;
  int max_pages_;
  std::uint64_t frame_ = 1;
  std::vector<Page> pages_;
  std::unordered_map<std::uint64_t, AtlasSlot> slots_;
  std::vector<std::uint32_t> scratch_;
  AtlasStats stats_;
};

}  // namespace ui
