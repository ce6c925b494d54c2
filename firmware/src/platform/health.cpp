#include "kiosk/health.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "kiosk/runtime_paths.hpp"

namespace kiosk {

std::string health_json(const HealthReport& r) {
  const nlohmann::json j{{"healthy", r.healthy()},     {"display", r.display.detail},
                         {"display_ok", r.display.ok}, {"speech", r.speech.detail},
                         {"speech_ok", r.speech.ok},   {"readers", r.readers.detail},
                         {"readers_ok", r.readers.ok}, {"staff_called", r.staff_called}};
  // Replace, not throw: a reader's product string may be any bytes.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Result<void> write_health(const std::string& path, const HealthReport& r) {
  std::error_code ec;
  const std::filesystem::path p(path);
  if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path(), ec);
  const std::string tmp = path + ".new";
  {
    std::ofstream out(tmp);
    if (!out) return technician_error("cannot write " + tmp);
    out << health_json(r) << "\n";
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return technician_error("cannot write " + path + ": " + ec.message());
  return {};
}

Result<HealthReport> read_health(const std::string& path) {
  std::ifstream in(path);
  if (!in) return technician_error("no health report at " + path + " (kioskd not up yet?)");
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_health(text, path);
}

Result<HealthReport> parse_health(std::string_view text, const std::string& source) {
  const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return technician_error(source + " is not a health report (not a JSON object)");
  }
  // json::value() throws when a key holds another type: each field is checked first.
  std::string wrong;
  auto text_of = [&](const std::string& name) {
    const auto it = j.find(name);
    if (it == j.end()) return std::string();
    if (!it->is_string()) {
      wrong = name;
      return std::string();
    }
    return it->get<std::string>();
  };
  auto flag = [&](const std::string& name, bool fallback) {
    const auto it = j.find(name);
    if (it == j.end()) return fallback;
    if (!it->is_boolean()) {
      wrong = name;
      return fallback;
    }
    return it->get<bool>();
  };
  const bool healthy = flag("healthy", false);
  auto part = [&](const std::string& name) {
    HealthPart p;
    p.detail = text_of(name);
    // Reports from before the per-part flags: the overall flag stands for every part.
    p.ok = flag(name + "_ok", healthy);
    return p;
  };
  HealthReport report{part("display"), part("speech"), part("readers")};
  report.staff_called = flag("staff_called", false);
  if (!wrong.empty()) {
    return technician_error(source + " is not a health report (\"" + wrong +
                            "\" has the wrong type)");
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
