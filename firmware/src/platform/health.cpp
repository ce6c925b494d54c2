#include "kiosk/health.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "kiosk/runtime_paths.hpp"

namespace kiosk {

Result<void> write_health(const std::string& path, const HealthReport& r) {
  const nlohmann::json j{{"healthy", r.healthy()},     {"display", r.display.detail},
                         {"display_ok", r.display.ok}, {"speech", r.speech.detail},
                         {"speech_ok", r.speech.ok},   {"readers", r.readers.detail},
                         {"readers_ok", r.readers.ok}, {"staff_called", r.staff_called}};
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
  HealthReport report{part("display"), part("speech"), part("readers")};
  report.staff_called = j.value("staff_called", false);
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
