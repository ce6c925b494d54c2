#include "ui/screenshot.hpp"

#include <png.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

namespace ui {

SurfacePtr read_frame(SDL_Renderer* renderer, std::string& error) {
  int w = 0;
  int h = 0;
  if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0) {
    error = SDL_GetError();
    return nullptr;
  }
  SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, w, h, 24, SDL_PIXELFORMAT_RGB24));
  if (!surface) {
    error = SDL_GetError();
    return nullptr;
  }
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGB24, surface->pixels,
                           surface->pitch) != 0) {
    error = SDL_GetError();
    return nullptr;
  }
  return surface;
}

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// Rows of 24-bit RGB, `rows` at a time into `buffer` (pitch w*3); false when they cannot be had.
using RowSource = bool (*)(void* context, int y, int rows, unsigned char* buffer);

// libpng reports errors through longjmp; nothing with a destructor lives between setjmp and
// the calls that may jump (the strip buffer belongs to the caller).
bool encode(png_structp png, png_infop info, std::FILE* out, int w, int h, RowSource source,
            void* context, unsigned char* strip, int strip_rows) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_init_io(png, out);
  png_set_IHDR(png, info, static_cast<png_uint_32>(w), static_cast<png_uint_32>(h), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < h; y += strip_rows) {
    const int rows = std::min(strip_rows, h - y);
    if (!source(context, y, rows, strip)) return false;
    for (int r = 0; r < rows; ++r) {
      png_write_row(png, strip + static_cast<std::ptrdiff_t>(r) * w * 3);
    }
  }
  png_write_end(png, nullptr);
  return true;
}

// A kiosk frame is large flat areas and text: the "sub" filter and zlib's fastest level
// encode a 1920x1080 frame in a few milliseconds (SDL_image's defaults took 60–150 ms, all of
// it after the frame was on screen) for a file only slightly larger.
bool write_rows(const std::string& path, int w, int h, RowSource source, void* context,
                std::string& error) {
  const std::unique_ptr<std::FILE, FileCloser> out(std::fopen(path.c_str(), "wb"));
  if (!out) {
    error = "cannot write " + path;
    return false;
  }
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (info == nullptr) {
    png_destroy_write_struct(&png, nullptr);
    error = "cannot write " + path + ": out of memory";
    return false;
  }
  // No filter: a kiosk frame's flat colours repeat every 3 bytes, which deflate finds as they
  // are; the sub filter cost 4 ms a 1080p frame and made the file larger (199 vs 174 KB).
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
  png_set_compression_level(png, 1);
  // Strips of 32 rows: a 1080p frame never exists twice in memory (a full copy was 6 MB more
  // at every screenshot, the peak of a headless run that saves each frame).
  constexpr int kStripRows = 32;
  std::vector<unsigned char> strip(static_cast<std::size_t>(w) * 3 * kStripRows);
  const bool ok = encode(png, info, out.get(), w, h, source, context, strip.data(), kStripRows);
  png_destroy_write_struct(&png, &info);
  if (!ok && error.empty()) error = "cannot write " + path + ": PNG encoding failed";
  return ok;
}

}  // namespace

bool write_png(const SDL_Surface& rgb24, const std::string& path, std::string& error) {
  if (rgb24.format == nullptr || rgb24.format->format != SDL_PIXELFORMAT_RGB24) {
    error = "cannot write " + path + ": the frame is not 24-bit RGB";
    return false;
  }
  const RowSource from_surface = [](void* context, int y, int rows, unsigned char* buffer) {
    const auto* s = static_cast<const SDL_Surface*>(context);
    for (int r = 0; r < rows; ++r) {
      std::memcpy(buffer + static_cast<std::ptrdiff_t>(r) * s->w * 3,
                  static_cast<const unsigned char*>(s->pixels) +
                      static_cast<std::ptrdiff_t>(y + r) * s->pitch,
                  static_cast<std::size_t>(s->w) * 3);
    }
    return true;
  };
  return write_rows(path, rgb24.w, rgb24.h, from_surface,
                    const_cast<SDL_Surface*>(&rgb24),  // NOLINT: read only, through void*
                    error);
}

bool save_png(SDL_Renderer* renderer, const std::string& path, std::string& error) {
  int w = 0;
  int h = 0;
  if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0) {
    error = SDL_GetError();
    return false;
  }
  const RowSource from_renderer = [](void* context, int y, int rows, unsigned char* buffer) {
    auto* r = static_cast<SDL_Renderer*>(context);
    int width = 0;
    int height = 0;
    SDL_GetRendererOutputSize(r, &width, &height);
    const SDL_Rect area{0, y, width, rows};
    return SDL_RenderReadPixels(r, &area, SDL_PIXELFORMAT_RGB24, buffer, width * 3) == 0;
  };
  return write_rows(path, w, h, from_renderer, renderer, error);
}

}  // namespace ui
