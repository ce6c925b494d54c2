#include "status_command.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <utility>

#include "arguments.hpp"
#include "board/profile.hpp"
#include "cards/reader_setup.hpp"
#include "drivers/usb/libusb_device.hpp"
#include "json_lines.hpp"
#include "kioskd_runtime.hpp"
#include "process.hpp"
#include "update_command.hpp"

namespace kioskctl {
namespace {

using nlohmann::json;

const char* kHelp = R"(usage: kioskctl status [--board NAME|FILE] [--run-dir DIR] [--rauc-conf FILE]

Prints JSON lines: the board profile in use, kioskd (running, pid, and its health: display,
speech, readers, each beside its display_ok, speech_ok, readers_ok flag), the allowlisted card
readers plugged in now, the A/B update slots (when RAUC is installed and configured) and the
system (uptime, OS version).

exit codes: 0 kioskd runs and reports itself healthy, 1 usage error, 2 it does not (the
lines say which part), 3 the board profile is bad
)";

double uptime_seconds() {
  std::ifstream in("/proc/uptime");
  double s = 0;
  in >> s;
  return s;
}

std::string os_version() {
  std::ifstream in("/etc/os-release");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("PRETTY_NAME=", 0) == 0) {
      std::string v = line.substr(12);
      if (v.size() >= 2 && v.front() == '"') v = v.substr(1, v.size() - 2);
      return v;
    }
  }
  return "unknown";
}

}  // namespace

int status_command(std::span<const std::string> args) {
  std::string board = board::default_board();
  std::string run_dir = kiosk::kDefaultRuntimeDir;
  std::optional<std::string> rauc_conf;
  if (const char* env = std::getenv("KIOSK_RAUC_CONF")) rauc_conf = env;
  for (Arguments a(args, "kioskctl status", kHelp); a.next();) {
    if (a.help()) return 0;
    if (!a.value("--board", board) && !a.value("--run-dir", run_dir) &&
        !a.value("--rauc-conf", rauc_conf)) {
      return a.unexpected();
    }
  }
  const std::string path = board::resolve_profile_path(board);
  const auto loaded = board::load_profile_file(path);
  if (!loaded.profile) {
    emit({{"event", "board"}, {"file", path}, {"error", loaded.error}});
    return 3;
  }
  const board::BoardProfile& p = *loaded.profile;
  emit({{"event", "board"}, {"name", p.name}, {"compatible", p.compatible}, {"file", path}});

  const KioskdRuntime runtime(run_dir);
  const auto pid = runtime.running_pid();
  const auto health = runtime.health();
  const bool healthy = pid && health && health->healthy();
  json kioskd{{"event", "kioskd"}, {"running", pid.has_value()}, {"healthy", healthy}};
  if (pid) kioskd["pid"] = *pid;
  if (health) {
    // A stale report from a kioskd that is gone is still shown: it says how it last was.
    const std::pair<const char*, const kiosk::HealthPart*> parts[] = {
        {"display", &health->display},
        {"speech", &health->speech},
        {"readers", &health->readers},
        {"profile", &health->profile}};
    for (const auto& [name, part] : parts) {
      kioskd[name] = part->detail;
      kioskd[std::string(name) + "_ok"] = part->ok;
    }
    kioskd["staff_called"] = health->staff_called;
    kioskd["staff_ack_s"] = health->staff_ack_s;
    kioskd["sessions_today"] = health->sessions_today;
    kioskd["network"] = health->network.detail;
    kioskd["network_ok"] = health->network.ok;
    kioskd["version"] = health->version;
    kioskd["slot"] = health->slot;
    // The report is written when something changes: the uptime is counted from the start.
    kioskd["uptime_s"] = health->started_at > 0
                             ? static_cast<long>(std::time(nullptr)) - health->started_at
                             : health->uptime_s;
    kioskd["last_errors"] = health->last_errors;
  } else {
    // Running: read_health's reason ("no health report at …", "… is not a health report").
    kioskd["reason"] = pid ? health.error().technician
                           : "kioskd is not running: systemctl status kioskd, kioskctl logs";
  }
  emit(kioskd);

  std::string usb_error;
  const auto allow = kiosk::reader_allowlist(p, usb_error);
  if (!allow) {
    emit({{"event", "readers"}, {"error", usb_error}});
  } else if (auto usb = drivers::usb::UsbContext::create(usb_error)) {
    json present = json::array();
    for (const auto& d : usb->list(*allow))
      present.push_back(d.reader.label() + " at " + d.where());
    emit({{"event", "readers"}, {"allowlisted", p.readers.allow.size()}, {"present", present}});
  } else {
    emit({{"event", "readers"}, {"error", usb_error}});
  }

  if (!program_exists("rauc")) {
    emit({{"event", "update-status"}, {"reason", "RAUC is not installed: no A/B updates here"}});
  } else if (!rauc_conf && !std::filesystem::exists("/etc/rauc/system.conf")) {
    emit({{"event", "update-status"},
          {"reason", "RAUC has no /etc/rauc/system.conf: not an A/B image"}});
  } else {
    std::string error;
    if (auto lines = rauc_status(rauc_conf, error)) {
      for (const auto& line : *lines) emit(line);
    } else {
      emit({{"event", "update-status-error"}, {"reason", error}});
    }
  }
  emit({{"event", "system"}, {"uptime_s", uptime_seconds()}, {"os", os_version()}});
  return healthy ? 0 : 2;
}

}  // namespace kioskctl
