#include "display.hpp"

#include <SDL.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

namespace kiosk {

const char* to_string(VideoBackend backend) {
  switch (backend) {
    case VideoBackend::Window:
      return "window";
    case VideoBackend::KmsDrm:
      return "kmsdrm";
    case VideoBackend::Offscreen:
      return "offscreen";
  }
  return "?";
}

std::vector<VideoBackend> video_backends_to_try(const std::string& video, bool has_desktop,
                                                bool has_drm_device) {
  if (video == "window") return {VideoBackend::Window, VideoBackend::Offscreen};
  if (video == "kmsdrm") return {VideoBackend::KmsDrm, VideoBackend::Offscreen};
  if (video == "offscreen") return {VideoBackend::Offscreen};
  std::vector<VideoBackend> order;
  if (has_desktop) order.push_back(VideoBackend::Window);
  if (has_drm_device) order.push_back(VideoBackend::KmsDrm);
  order.push_back(VideoBackend::Offscreen);
  return order;
}

namespace {

bool has_drm_device() {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/dev/dri", ec)) {
    if (entry.path().filename().string().rfind("card", 0) == 0) return true;
  }
  return false;
}

std::optional<Display> try_backend(VideoBackend backend, const board::DisplayProfile& profile,
                                   std::string& why) {
  const char* driver = backend == VideoBackend::KmsDrm      ? "kmsdrm"
                       : backend == VideoBackend::Offscreen ? "offscreen"
                                                            : nullptr;
  SDL_SetHint(SDL_HINT_VIDEODRIVER, driver ? driver : "");
  if (backend == VideoBackend::KmsDrm && !profile.gl_driver.empty()) {
    // Mesa reads this when SDL creates the GBM device: the board knows its display's driver.
    setenv("MESA_LOADER_DRIVER_OVERRIDE", profile.gl_driver.c_str(), 1);
  }
  if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
    why = SDL_GetError();
    return std::nullopt;
  }
  Display d;
  d.backend = backend;
  int w = profile.width_px;
  int h = profile.height_px;
  if (profile.rotation == 90 || profile.rotation == 270) std::swap(w, h);
  if (backend == VideoBackend::Offscreen) {
    // A plain surface and the software renderer: no window, so SDL does not load a GL
    // stack (llvmpipe alone costs ~80 MB) to back a framebuffer nobody sees.
    d.surface.reset(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_XRGB8888));
    if (d.surface) d.renderer.reset(SDL_CreateSoftwareRenderer(d.surface.get()));
    if (!d.renderer) {
      why = SDL_GetError();
      d.surface.reset();
      SDL_QuitSubSystem(SDL_INIT_VIDEO);
      return std::nullopt;
    }
    d.renderer_name = "software (offscreen surface)";
    return d;
  }
  Uint32 flags = SDL_WINDOW_SHOWN;
  if (backend == VideoBackend::KmsDrm) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  if (backend == VideoBackend::Window) {
    flags |= SDL_WINDOW_RESIZABLE;
    SDL_Rect usable{};
    if (SDL_GetDisplayUsableBounds(0, &usable) == 0 && (w > usable.w || h > usable.h)) {
      const double scale =
          std::min(static_cast<double>(usable.w) / w, static_cast<double>(usable.h) / h) * 0.95;
      w = static_cast<int>(w * scale);
      h = static_cast<int>(h * scale);
    }
  }
  d.window.reset(SDL_CreateWindow("政务服务自助终端", SDL_WINDOWPOS_CENTERED,
                                  SDL_WINDOWPOS_CENTERED, w, h, flags));
  if (!d.window) {
    why = SDL_GetError();
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return std::nullopt;
  }
  if (!profile.render_driver.empty()) {
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, profile.render_driver.c_str());
  }
  d.renderer.reset(
      SDL_CreateRenderer(d.window.get(), -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC));
  if (!d.renderer) d.renderer.reset(SDL_CreateRenderer(d.window.get(), -1, SDL_RENDERER_SOFTWARE));
  if (!d.renderer) {
    why = std::string("no renderer: ") + SDL_GetError();
    d.window.reset();
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return std::nullopt;
  }
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(d.renderer.get(), &info);
  d.renderer_name = info.name ? info.name : "?";
  return d;
}

}  // namespace

Result<Display> open_display(const board::DisplayProfile& profile, const std::string& video,
                             std::vector<std::string>* log) {
  std::string failures;
  auto note = [&](std::string line) {
    if (log != nullptr) log->push_back(std::move(line));
  };
  const bool desktop =
      std::getenv("DISPLAY") != nullptr || std::getenv("WAYLAND_DISPLAY") != nullptr;
  std::vector<VideoBackend> order;
  if (const char* forced = std::getenv("SDL_VIDEODRIVER"); forced && *forced) {
    // The technician's explicit choice wins over the profile.
    const std::string f = forced;
    order = {f == "offscreen" ? VideoBackend::Offscreen
             : f == "kmsdrm"  ? VideoBackend::KmsDrm
                              : VideoBackend::Window};
  } else {
    order = video_backends_to_try(video, desktop, has_drm_device());
  }
  for (VideoBackend backend : order) {
    std::string why;
    if (auto d = try_backend(backend, profile, why)) {
      note(std::string("video: ") + to_string(backend) + " (renderer " + d->renderer_name + ")");
      return std::move(*d);
    }
    note(std::string("video: ") + to_string(backend) + " failed: " + why);
    failures += std::string(failures.empty() ? "" : "; ") + to_string(backend) + ": " + why;
  }
  return Error{"no usable screen (" + failures + ")", "屏幕暂时无法显示，请工作人员检查。"};
}

}  // namespace kiosk
