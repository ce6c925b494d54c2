#include "headless_chromium.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <thread>

namespace kiosk_test {
namespace {

using kiosk::technician_error;
using namespace std::chrono_literals;

// How long one answer may take before the browser is taken for stuck (a limit, not a timing).
constexpr int kAnswerLimitMs = 20000;

bool on_path(const char* program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return false;
  std::string dirs = path;
  std::size_t start = 0;
  while (start <= dirs.size()) {
    const std::size_t end = dirs.find(':', start);
    const std::string dir = dirs.substr(start, end == std::string::npos ? end : end - start);
    if (!dir.empty() && access((dir + "/" + program).c_str(), X_OK) == 0) return true;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return false;
}

}  // namespace

std::string decode_base64(const std::string& text) {
  std::string out;
  int bits = 0;
  unsigned value = 0;
  for (const char c : text) {
    int v = -1;
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
    if (c >= '0' && c <= '9') v = c - '0' + 52;
    if (c == '+') v = 62;
    if (c == '/') v = 63;
    if (v < 0) continue;  // '=' and line breaks
    value = (value << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xff);
    }
  }
  return out;
}

kiosk::Result<std::unique_ptr<HeadlessChromium>> HeadlessChromium::start(
    const std::string& profile_dir) {
  if (!on_path("chromium")) {
    return technician_error("chromium is not installed (apt-get install chromium)");
  }
  int to[2];
  int from[2];
  if (pipe2(to, O_CLOEXEC) != 0 || pipe2(from, O_CLOEXEC) != 0) {
    return technician_error("pipe for chromium failed");
  }
  const pid_t pid = fork();
  if (pid < 0) return technician_error("fork for chromium failed");
  if (pid == 0) {
    // The protocol's pipe: the browser reads fd 3 and writes fd 4 (dup2 clears CLOEXEC).
    dup2(to[0], 3);
    dup2(from[1], 4);
    const int null = ::open("/dev/null", O_RDWR);
    dup2(null, 1);
    dup2(null, 2);
    const std::string profile = "--user-data-dir=" + profile_dir;
    execlp("chromium", "chromium", "--headless", "--no-sandbox", "--disable-gpu",
           "--remote-debugging-pipe", "--no-first-run", "--hide-scrollbars",
           "--window-size=1920,1080", "--lang=zh-CN", profile.c_str(), "about:blank",
           static_cast<char*>(nullptr));
    _exit(127);
  }
  close(to[0]);
  close(from[1]);
  std::unique_ptr<HeadlessChromium> browser(new HeadlessChromium());
  browser->pid_ = pid;
  browser->to_browser_ = to[1];
  browser->from_browser_ = from[0];
  const auto version = browser->call("Browser.getVersion", nlohmann::json::object(), false);
  if (!version) return version.error();
  return browser;
}

HeadlessChromium::~HeadlessChromium() {
  if (to_browser_ >= 0) {
    (void)call("Browser.close", nlohmann::json::object(), false);
    close(to_browser_);
  }
  if (from_browser_ >= 0) close(from_browser_);
  if (pid_ > 0) {
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(100ms);
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

kiosk::Result<nlohmann::json> HeadlessChromium::call(const std::string& method,
                                                     nlohmann::json params, bool in_page) {
  const int id = next_id_++;
  nlohmann::json message{{"id", id}, {"method", method}, {"params", std::move(params)}};
  if (in_page && !session_.empty()) message["sessionId"] = session_;
  std::string text = message.dump();
  text += '\0';
  std::size_t sent = 0;
  while (sent < text.size()) {
    const ssize_t n = write(to_browser_, text.data() + sent, text.size() - sent);
    if (n <= 0) return technician_error("chromium stopped reading (" + method + ")");
    sent += static_cast<std::size_t>(n);
  }
  for (;;) {
    const std::size_t end = pending_.find('\0');
    if (end != std::string::npos) {
      const auto answer = nlohmann::json::parse(pending_.substr(0, end), nullptr, false);
      pending_.erase(0, end + 1);
      if (answer.is_discarded() || !answer.contains("id") || answer["id"] != id) continue;
      if (answer.contains("error")) {
        return technician_error(method + ": " + answer["error"].dump());
      }
      return answer.value("result", nlohmann::json::object());
    }
    pollfd p{from_browser_, POLLIN, 0};
    if (poll(&p, 1, kAnswerLimitMs) <= 0) {
      return technician_error("chromium did not answer " + method);
    }
    char buffer[65536];
    const ssize_t n = read(from_browser_, buffer, sizeof buffer);
    if (n <= 0) return technician_error("chromium closed its pipe (" + method + ")");
    pending_.append(buffer, static_cast<std::size_t>(n));
  }
}

kiosk::Result<void> HeadlessChromium::open(const std::string& url) {
  const auto target = call("Target.createTarget", {{"url", "about:blank"}}, false);
  if (!target) return target.error();
  const auto attached = call("Target.attachToTarget",
                             {{"targetId", (*target)["targetId"]}, {"flatten", true}}, false);
  if (!attached) return attached.error();
  session_ = (*attached)["sessionId"].get<std::string>();
  const auto metrics =
      call("Emulation.setDeviceMetricsOverride",
           {{"width", 1920}, {"height", 1080}, {"deviceScaleFactor", 1}, {"mobile", false}});
  if (!metrics) return metrics.error();
  const auto navigated = call("Page.navigate", {{"url", url}});
  if (!navigated) return navigated.error();
  for (int i = 0; i < 200; ++i) {
    const auto state = eval("document.readyState");
    if (state && *state == "complete") return {};
    std::this_thread::sleep_for(50ms);
  }
  return technician_error("chromium did not finish loading " + url);
}

kiosk::Result<nlohmann::json> HeadlessChromium::eval(const std::string& expression) {
  const auto result =
      call("Runtime.evaluate",
           {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}});
  if (!result) return result.error();
  if (result->contains("exceptionDetails")) {
    return technician_error(expression + ": " + (*result)["exceptionDetails"].dump());
  }
  return (*result)["result"].value("value", nlohmann::json());
}

kiosk::Result<void> HeadlessChromium::press(const std::string& key) {
  const bool shift = key.rfind("Shift+", 0) == 0;
  const std::string name = shift ? key.substr(6) : key;
  const int code = name == "Tab" ? 9 : name == "Enter" ? 13 : 0;
  if (code == 0) return technician_error("press: unknown key " + key);
  nlohmann::json down{{"type", "keyDown"},
                      {"key", name},
                      {"code", name},
                      {"windowsVirtualKeyCode", code},
                      {"nativeVirtualKeyCode", code},
                      {"modifiers", shift ? 8 : 0}};
  if (name == "Enter") down["text"] = "\r";
  const auto pressed = call("Input.dispatchKeyEvent", down);
  if (!pressed) return pressed.error();
  nlohmann::json up = down;
  up["type"] = "keyUp";
  up.erase("text");
  const auto released = call("Input.dispatchKeyEvent", up);
  if (!released) return released.error();
  return {};
}

kiosk::Result<void> HeadlessChromium::viewport(int width, int height, double scale) {
  const auto set =
      call("Emulation.setDeviceMetricsOverride",
           {{"width", width}, {"height", height}, {"deviceScaleFactor", scale}, {"mobile", false}});
  if (!set) return set.error();
  return {};
}

kiosk::Result<void> HeadlessChromium::screenshot(const std::string& png_path) {
  const auto shot = call("Page.captureScreenshot", {{"format", "png"}});
  if (!shot) return shot.error();
  std::ofstream(png_path, std::ios::binary) << decode_base64((*shot)["data"].get<std::string>());
  return {};
}

}  // namespace kiosk_test
