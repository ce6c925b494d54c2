#include "kiosk/health.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/runtime_paths.hpp"

namespace kiosk {

Result<void> write_health(const std::string& path, const HealthReport& r) {
  const nlohmann::json j{{"healthy", r.healthy()},
                         {"display", r.display.detail},
                         {"display_ok", r.display.ok},
                         {"speech", r.speech.detail},
                         {"speech_ok", r.speech.ok},
                         {"readers", r.readers.detail},
                         {"readers_ok", r.readers.ok},
                         {"staff_called", r.staff_called},
                         {"network", r.network.detail},
                         {"network_ok", r.network.ok},
                         {"version", r.version},
                         {"slot", r.slot},
                         {"uptime_s", r.uptime_s},
                         {"started_at", r.started_at},
                         {"sessions_today", r.sessions_today},
                         {"staff_ack_s", r.staff_ack_s},
                         {"last_errors", r.last_errors}};
  std::error_code ec;
  const std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  const std::string tmp = path + ".new";
  {
    std::ofstream out(tmp);
    if (!out) return technician_error("cannot write " + tmp);
    out << j.dump() << "\n";
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return technician_error("cannot write " + path + ": " + ec.message());
  return {};
}

Result<HealthReport> read_health(const std::string& path) {
  std::ifstream in(path);
  if (!in) return technician_error("no health report at " + path + " (kioskd not up yet?)");
  const nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return technician_error(path + " is not a health report (not a JSON object)");
  }
  auto part = [&](const char* name) {
    HealthPart p;
    p.detail = j.value(name, "");
    // Reports from before the per-part flags: the overall flag stands for every part.
    p.ok = j.value(std::string(name) + "_ok", j.value("healthy", false));
    return p;
  };
  HealthReport report;
  report.display = part("display");
  report.speech = part("speech");
  report.readers = part("readers");
  report.staff_called = j.value("staff_called", false);
  report.network = {j.value("network_ok", false), j.value("network", "")};
  report.version = j.value("version", "");
  report.slot = j.value("slot", "");
  report.uptime_s = j.value("uptime_s", 0L);
  report.started_at = j.value("started_at", 0L);
  report.sessions_today = j.value("sessions_today", 0);
  report.staff_ack_s = j.value("staff_ack_s", -1L);
  if (const auto e = j.find("last_errors"); e != j.end() && e->is_array()) {
    for (const auto& line : *e) {
      if (line.is_string()) report.last_errors.push_back(line.get<std::string>());
    }
  }
  return report;
}

RuntimePaths RuntimePaths::for_kioskd(const std::string& health_file_option) {
  if (!health_file_option.empty()) {
    return {std::filesystem::path(health_file_option).parent_path().string()};
  }
  if (const char* dir = std::getenv("RUNTIME_DIRECTORY")) return {dir};
  return {};
}

}  // namespace kiosk
