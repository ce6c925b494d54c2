#include "screenshot_command.hpp"

#include <signal.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

#include "arguments.hpp"
#include "json_lines.hpp"
#include "kioskd_runtime.hpp"

namespace kioskctl {
namespace {

namespace fs = std::filesystem;

const char* kHelp = R"(usage: kioskctl screenshot [OUT.png] [--run-dir DIR] [--timeout SECONDS]

Asks the running kioskd (SIGUSR1) for a picture of its screen and copies it to OUT.png
(default ./kiosk-screenshot.png). The screen shows what a citizen sees: it may hold personal
data, so keep the file only as long as the fault report needs it.
--run-dir: kioskd's runtime directory (default /run/kiosk); --timeout: default 5 s.

exit codes: 0 saved, 1 usage error, 2 kioskd is not running or did not answer in time,
3 OUT.png could not be written
)";

}  // namespace

int screenshot_command(std::span<const std::string> args) {
  std::string run_dir = kiosk::kDefaultRuntimeDir;
  std::optional<std::string> out_arg;
  double timeout = 5;
  for (Arguments a(args, "kioskctl screenshot", kHelp); a.next();) {
    if (a.help()) return 0;
    if (!a.value("--run-dir", run_dir) && !a.value("--timeout", timeout) &&
        !a.positional(out_arg)) {
      return a.unexpected();
    }
  }
  const std::string out = out_arg.value_or("kiosk-screenshot.png");
  const KioskdRuntime runtime(run_dir);
  const auto pid = runtime.running_pid();
  if (!pid) {
    emit({{"event", "screenshot-failed"},
          {"reason", "kioskd is not running (no live pid in " + runtime.paths().pid() +
                         "); start it with systemctl start kioskd"}});
    return 2;
  }
  std::error_code ec;
  const fs::path shot = runtime.paths().screenshot();
  const auto before = fs::exists(shot, ec) ? fs::last_write_time(shot, ec) : fs::file_time_type{};
  if (kill(*pid, SIGUSR1) != 0) {
    emit({{"event", "screenshot-failed"},
          {"reason", "cannot signal kioskd (pid " + std::to_string(*pid) +
                         "): run kioskctl as root or as the kiosk user"}});
    return 2;
  }
  const auto end = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
  bool fresh = false;
  while (!fresh && std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    fresh = fs::exists(shot, ec) && fs::last_write_time(shot, ec) != before &&
            fs::file_size(shot, ec) > 0;
  }
  if (!fresh) {
    emit({{"event", "screenshot-failed"},
          {"reason", "kioskd did not save a screenshot within " + std::to_string(timeout) +
                         " s; its main loop may be stuck (see kioskctl logs)"}});
    return 2;
  }
  fs::copy_file(shot, out, fs::copy_options::overwrite_existing, ec);
  if (ec) {
    emit({{"event", "screenshot-failed"}, {"reason", "cannot write " + out + ": " + ec.message()}});
    return 3;
  }
  emit({{"event", "screenshot"}, {"file", out}, {"bytes", fs::file_size(out, ec)}});
  return 0;
}

}  // namespace kioskctl
