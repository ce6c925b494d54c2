// Debian's chromium, headless, driven through the DevTools protocol over a pipe
// (--remote-debugging-pipe: JSON messages ending in NUL on fds 3 and 4, so no websocket client
// is needed): open a page at 1920x1080, press keys as a keyboard does, evaluate expressions and
// save screenshots. The dashboard tests use it to try the page as staff would.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "kiosk/result.hpp"

namespace kiosk_test {

class HeadlessChromium {
 public:
  // An error (to skip with) when chromium is not installed or does not answer.
  static kiosk::Result<std::unique_ptr<HeadlessChromium>> start(const std::string& profile_dir);
  ~HeadlessChromium();
  HeadlessChromium(const HeadlessChromium&) = delete;
  HeadlessChromium& operator=(const HeadlessChromium&) = delete;

  // A new tab at 1920x1080 showing `url`, loaded (document.readyState "complete").
  kiosk::Result<void> open(const std::string& url);
  // The expression's value (returned by value), or the exception's text as an error.
  kiosk::Result<nlohmann::json> eval(const std::string& expression);
  // "Tab", "Shift+Tab" or "Enter", as a keyboard sends them (keyDown, keyUp).
  kiosk::Result<void> press(const std::string& key);
  kiosk::Result<void> screenshot(const std::string& png_path);
  // The viewport in CSS pixels at `scale` device pixels each (960x540 at 2: a 1920x1080 screen
  // zoomed to 200 %, as a member of staff who sees poorly would set it).
  kiosk::Result<void> viewport(int width, int height, double scale);

 private:
  HeadlessChromium() = default;
  kiosk::Result<nlohmann::json> call(const std::string& method, nlohmann::json params,
                                     bool in_page = true);
  pid_t pid_ = -1;
  int to_browser_ = -1;
  int from_browser_ = -1;
  std::string pending_;  // read but not yet a whole message
  std::string session_;
  int next_id_ = 1;
};

// Base64 as the protocol sends screenshots.
std::string decode_base64(const std::string& text);

}  // namespace kiosk_test
