// Opens the screen the kiosk draws on: a window when a desktop session exists, otherwise the
// KMS/DRM console, otherwise an offscreen surface whose frames are written out as PNG.
#pragma once

#include <string>
#include <vector>

#include "board/profile.hpp"
#include "kiosk/result.hpp"
#include "ui/sdl_handles.hpp"

namespace kiosk {

enum class VideoBackend { Window, KmsDrm, Offscreen };

const char* to_string(VideoBackend backend);

// Backends to try, in order, for a profile's `video` setting and this machine's environment.
std::vector<VideoBackend> video_backends_to_try(const std::string& video_setting, bool has_desktop,
                                                bool has_drm_device);

struct Display {
  VideoBackend backend = VideoBackend::Offscreen;
  ui::WindowPtr window;    // none for offscreen
  ui::SurfacePtr surface;  // offscreen only: the frame the software renderer draws into
  ui::RendererPtr renderer;
  std::string renderer_name;
};

// Initialises SDL video and opens the first backend that works; the error names every
// backend tried and why it failed. Each attempt is also added to `log`. The caller calls
// SDL_Quit.
Result<Display> open_display(const board::DisplayProfile& profile, const std::string& video_setting,
                             std::vector<std::string>* log = nullptr);

}  // namespace kiosk
