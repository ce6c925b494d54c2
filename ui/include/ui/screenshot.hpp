// Saving what the renderer shows, for tests, technicians and headless `make run`.
#pragma once

#include <SDL.h>

#include <string>

#include "ui/sdl_handles.hpp"

namespace ui {

// The current frame as a 24-bit RGB surface; null (with SDL's reason in `error`) on failure.
SurfacePtr read_frame(SDL_Renderer* renderer, std::string& error);

// Writes a 24-bit RGB surface (read_frame's) to a PNG file, encoded for speed (see why in
// screenshot.cpp). Returns false with a reason in `error`.
bool write_png(const SDL_Surface& rgb24, const std::string& path, std::string& error);

// Writes the current frame to a PNG file. Returns false with a reason in `error`.
bool save_png(SDL_Renderer* renderer, const std::string& path, std::string& error);

}  // namespace ui
