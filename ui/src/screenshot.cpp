#include "ui/screenshot.hpp"

#include <SDL_image.h>

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

bool save_png(SDL_Renderer* renderer, const std::string& path, std::string& error) {
  SurfacePtr frame = read_frame(renderer, error);
  if (!frame) return false;
  if (IMG_SavePNG(frame.get(), path.c_str()) != 0) {
    error = "cannot write " + path + ": " + IMG_GetError();
    return false;
  }
  return true;
}

}  // namespace ui
