#include "ui/screenshot.hpp"

#include <png.h>

#include <cstdio>
#include <memory>

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

// libpng reports errors through longjmp; nothing with a destructor lives between setjmp and
// the calls that may jump (the rows are pointers into the surface).
bool encode(png_structp png, png_infop info, std::FILE* out, const SDL_Surface& frame) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_init_io(png, out);
  png_set_IHDR(png, info, static_cast<png_uint_32>(frame.w), static_cast<png_uint_32>(frame.h), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < frame.h; ++y) {
    png_write_row(png, static_cast<png_const_bytep>(frame.pixels) +
                           static_cast<std::ptrdiff_t>(y) * frame.pitch);
  }
  png_write_end(png, nullptr);
  return true;
}

}  // namespace

bool write_png(const SDL_Surface& rgb24, const std::string& path, std::string& error) {
  if (rgb24.format == nullptr || rgb24.format->format != SDL_PIXELFORMAT_RGB24) {
    error = "cannot write " + path + ": the frame is not 24-bit RGB";
    return false;
  }
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
  // A kiosk frame is large flat areas and text: the "sub" filter and zlib's fastest level
  // encode a 1920x1080 frame in a few milliseconds (SDL_image's defaults took 60–150 ms, all of
  // it after the frame was on screen) for a file only slightly larger.
  png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_SUB);
  png_set_compression_level(png, 1);
  const bool ok = encode(png, info, out.get(), rgb24);
  png_destroy_write_struct(&png, &info);
  if (!ok) error = "cannot write " + path + ": PNG encoding failed";
  return ok;
}

bool save_png(SDL_Renderer* renderer, const std::string& path, std::string& error) {
  SurfacePtr frame = read_frame(renderer, error);
  if (!frame) return false;
  return write_png(*frame, path, error);
}

}  // namespace ui
