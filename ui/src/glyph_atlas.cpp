#include "ui/glyph_atlas.hpp"

#include <algorithm>

#include "font_face.hpp"

namespace ui {
namespace {

constexpr int kPadding = 1;  // keeps linear filtering from bleeding neighbours in

}  // namespace

GlyphAtlas::GlyphAtlas(SDL_Renderer* renderer, const FontCollection& fonts, int page_size,
                       int max_pages)
    : renderer_(renderer), fonts_(fonts), page_size_(page_size), max_pages_(max_pages) {
  SDL_RendererInfo info{};
  bake_colour_ =
      SDL_GetRendererInfo(renderer, &info) == 0 && (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

void GlyphAtlas::clear() {
  pages_.clear();
  slots_.clear();
  stats_.pages = 0;
}

bool GlyphAtlas::allocate_on(int page_index, int w, int h, SDL_Rect& rect) {
  Page& page = pages_[page_index];
  // Shelves no more than a third taller than the glyph, so big glyphs do not waste rows.
  for (auto& shelf : page.shelves) {
    if (shelf.height >= h && shelf.height * 3 <= h * 4 + 8 && shelf.x + w <= page_size_) {
      rect = {shelf.x, shelf.y, w, h};
      shelf.x += w;
      return true;
    }
  }
  if (page.used_height + h > page_size_ || w > page_size_) return false;
  page.shelves.push_back({page.used_height, h, w});
  rect = {0, page.used_height, w, h};
  page.used_height += h;
  return true;
}

bool GlyphAtlas::allocate(int w, int h, int& page, SDL_Rect& rect) {
  for (int i = static_cast<int>(pages_.size()) - 1; i >= 0; --i) {
    if (allocate_on(i, w, h, rect)) {
      page = i;
      return true;
    }
  }
  if (static_cast<int>(pages_.size()) < max_pages_) {
    TexturePtr texture(SDL_CreateTexture(renderer_, SDL_PIXELFORMAT_ARGB8888,
                                         SDL_TEXTUREACCESS_STATIC, page_size_, page_size_));
    if (!texture) return false;
    SDL_SetTextureBlendMode(texture.get(), SDL_BLENDMODE_BLEND);
    pages_.push_back(Page{std::move(texture), {}, 0, frame_, {}});
    stats_.pages = static_cast<int>(pages_.size());
    page = static_cast<int>(pages_.size()) - 1;
    return allocate_on(page, w, h, rect);
  }
  // All pages full: empty the least recently used one and pack into it.
  const auto lru = std::min_element(pages_.begin(), pages_.end(), [](const Page& a, const Page& b) {
    return a.last_used_frame < b.last_used_frame;
  });
  page = static_cast<int>(lru - pages_.begin());
  evict_page(page);
  return allocate_on(page, w, h, rect);
}

void GlyphAtlas::evict_page(int page_index) {
  Page& page = pages_[page_index];
  for (const Key& key : page.keys) slots_.erase(key);
  page.keys.clear();
  page.shelves.clear();
  page.used_height = 0;
  ++stats_.page_evictions;
}

const AtlasSlot* GlyphAtlas::lookup(FaceId face_id, std::uint32_t glyph_id, int pixel_size,
                                    Rgb colour) {
  const std::uint32_t rgb = bake_colour_
                                ? (static_cast<std::uint32_t>(colour.r) << 16) |
                                      (static_cast<std::uint32_t>(colour.g) << 8) | colour.b
                                : 0x00FFFFFFu;
  const Key key{glyph_id, face_id, static_cast<std::uint16_t>(pixel_size), rgb};
  if (auto it = slots_.find(key); it != slots_.end()) {
    ++stats_.hits;
    if (it->second.page >= 0) pages_[it->second.page].last_used_frame = frame_;
    return &it->second;
  }
  ++stats_.misses;
  FT_Face ft = fonts_.face(face_id).ft();
  if (FT_HAS_COLOR(ft) && !FT_IS_SCALABLE(ft) && ft->num_fixed_sizes > 0) {
    AtlasSlot slot;
    if (!rasterise_colour(face_id, glyph_id, pixel_size, slot)) return nullptr;
    if (slot.page >= 0) pages_[slot.page].keys.push_back(key);
    return &slots_.emplace(key, slot).first->second;
  }
  if (FT_Set_Pixel_Sizes(ft, 0, static_cast<FT_UInt>(pixel_size)) != 0 ||
      FT_Load_Glyph(ft, glyph_id, FT_LOAD_TARGET_LIGHT) != 0 ||
      FT_Render_Glyph(ft->glyph, FT_RENDER_MODE_NORMAL) != 0) {
    return nullptr;
  }
  const FT_Bitmap& bitmap = ft->glyph->bitmap;
  AtlasSlot slot;
  slot.bearing_x = ft->glyph->bitmap_left;
  slot.bearing_y = ft->glyph->bitmap_top;
  const int w = static_cast<int>(bitmap.width);
  const int h = static_cast<int>(bitmap.rows);
  if (w > 0 && h > 0) {
    SDL_Rect cell{};
    if (!allocate(w + kPadding, h + kPadding, slot.page, cell)) return nullptr;
    slot.rect = {cell.x, cell.y, w, h};
    // Ink whose alpha is the coverage: white (tinted by colour modulation) or baked colour.
    scratch_.assign(static_cast<std::size_t>(w) * h, 0);
    for (int row = 0; row < h; ++row) {
      const unsigned char* src = bitmap.buffer + static_cast<std::ptrdiff_t>(row) * bitmap.pitch;
      for (int col = 0; col < w; ++col) {
        scratch_[static_cast<std::size_t>(row) * w + col] =
            (static_cast<std::uint32_t>(src[col]) << 24) | rgb;
      }
    }
    Page& page = pages_[slot.page];
    SDL_UpdateTexture(page.texture.get(), &slot.rect, scratch_.data(), w * 4);
    page.keys.push_back(key);
    page.last_used_frame = frame_;
  }
  return &slots_.emplace(key, slot).first->second;
}

bool GlyphAtlas::rasterise_colour(FaceId face_id, std::uint32_t glyph_id, int pixel_size,
                                  AtlasSlot& slot) {
  FT_Face ft = fonts_.face(face_id).ft();
  // The strike closest to the size asked for from above (downscaling keeps the detail).
  int best = 0;
  for (int i = 0; i < ft->num_fixed_sizes; ++i) {
    const auto ppem = ft->available_sizes[i].y_ppem;
    const auto best_ppem = ft->available_sizes[best].y_ppem;
    if ((ppem >= pixel_size * 64 && (best_ppem < pixel_size * 64 || ppem < best_ppem)) ||
        (best_ppem < pixel_size * 64 && ppem > best_ppem)) {
      best = i;
    }
  }
  if (FT_Select_Size(ft, best) != 0 || FT_Load_Glyph(ft, glyph_id, FT_LOAD_COLOR) != 0) {
    return false;
  }
  if (ft->glyph->format != FT_GLYPH_FORMAT_BITMAP &&
      FT_Render_Glyph(ft->glyph, FT_RENDER_MODE_NORMAL) != 0) {
    return false;
  }
  const FT_Bitmap& bitmap = ft->glyph->bitmap;
  if (bitmap.pixel_mode != FT_PIXEL_MODE_BGRA) return false;
  const double strike = static_cast<double>(ft->available_sizes[best].y_ppem) / 64.0;
  const double scale = strike > 0 ? pixel_size / strike : 1.0;
  const int sw = static_cast<int>(bitmap.width);
  const int sh = static_cast<int>(bitmap.rows);
  const int w = std::max(1, static_cast<int>(sw * scale + 0.5));
  const int h = std::max(1, static_cast<int>(sh * scale + 0.5));
  slot.colour = true;
  slot.bearing_x = static_cast<int>(ft->glyph->bitmap_left * scale);
  slot.bearing_y = static_cast<int>(ft->glyph->bitmap_top * scale + 0.5);
  if (sw == 0 || sh == 0) return true;
  SDL_Rect cell{};
  if (!allocate(w + kPadding, h + kPadding, slot.page, cell)) return false;
  slot.rect = {cell.x, cell.y, w, h};
  // Box filter: each target pixel averages the premultiplied source pixels it covers, then
  // leaves premultiplied form (SDL blends straight alpha).
  scratch_.assign(static_cast<std::size_t>(w) * h, 0);
  for (int y = 0; y < h; ++y) {
    const int y0 = y * sh / h;
    const int y1 = std::max(y0 + 1, (y + 1) * sh / h);
    for (int x = 0; x < w; ++x) {
      const int x0 = x * sw / w;
      const int x1 = std::max(x0 + 1, (x + 1) * sw / w);
      std::uint32_t b = 0, g = 0, r = 0, a = 0, n = 0;
      for (int sy = y0; sy < y1; ++sy) {
        const unsigned char* row = bitmap.buffer + static_cast<std::ptrdiff_t>(sy) * bitmap.pitch;
        for (int sx = x0; sx < x1; ++sx, ++n) {
          b += row[sx * 4];
          g += row[sx * 4 + 1];
          r += row[sx * 4 + 2];
          a += row[sx * 4 + 3];
        }
      }
      if (a == 0) continue;
      const auto straight = [&](std::uint32_t c) {
        return std::min<std::uint32_t>(255, c * 255 / a);
      };
      scratch_[static_cast<std::size_t>(y) * w + x] =
          ((a / n) << 24) | (straight(r) << 16) | (straight(g) << 8) | straight(b);
    }
  }
  Page& page = pages_[slot.page];
  SDL_UpdateTexture(page.texture.get(), &slot.rect, scratch_.data(), w * 4);
  page.last_used_frame = frame_;
  return true;
}

}  // namespace ui
