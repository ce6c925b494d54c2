#include "kiosk/health.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "kiosk/runtime_paths.hpp"

namespace kiosk {

std::string health_json(const HealthReport& r) {
  nlohmann::json repaired = nlohmann::json::array();
  for (const RepairedPage& page : r.repaired_pages) {
    repaired.push_back({{"page", page.page}, {"missing", page.missing}, {"times", page.times}});
  }
  const nlohmann::json j{{"healthy", r.healthy()},
                         {"display", r.display.detail},
                         {"display_ok", r.display.ok},
                         {"speech", r.speech.detail},
                         {"speech_ok", r.speech.ok},
                         {"readers", r.readers.detail},
                         {"readers_ok", r.readers.ok},
                         {"profile", r.profile.detail},
                         {"profile_ok", r.profile.ok},
                         {"staff_called", r.staff_called},
                         {"network", r.network.detail},
                         {"network_ok", r.network.ok},
                         {"version", r.version},
                         {"slot", r.slot},
                         {"uptime_s", r.uptime_s},
                         {"started_at", r.started_at},
                         {"sessions_today", r.sessions_today},
                         {"staff_ack_s", r.staff_ack_s},
                         {"last_errors", r.last_errors},
                         {"citizen_served", r.citizen_served},
                         {"audio_sessions_today", r.audio_sessions_today},
                         {"large_type_sessions_today", r.large_type_sessions_today},
                         {"touch_sessions_today", r.touch_sessions_today},
                         {"repaired_pages", repaired}};
  // Replace, not throw: a reader's product string or a log line may be any bytes.
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
  HealthReport report;
  report.display = part("display");
  report.speech = part("speech");
  report.readers = part("readers");
  // Added later: a report without it comes from a kioskd that only ran with a usable profile.
  report.profile = {flag("profile_ok", true), text_of("profile")};
  report.staff_called = flag("staff_called", false);
  auto number = [&](const std::string& name, long fallback) {
    const auto it = j.find(name);
    if (it == j.end()) return fallback;
    if (!it->is_number_integer()) {
      wrong = name;
      return fallback;
    }
    return it->get<long>();
  };
  report.network = {flag("network_ok", false), text_of("network")};
  report.version = text_of("version");
  report.slot = text_of("slot");
  report.uptime_s = number("uptime_s", 0);
  report.started_at = number("started_at", 0);
  report.sessions_today = static_cast<int>(number("sessions_today", 0));
  report.staff_ack_s = number("staff_ack_s", -1);
  if (const auto e = j.find("last_errors"); e != j.end() && e->is_array()) {
    for (const auto& line : *e) {
      if (line.is_string()) report.last_errors.push_back(line.get<std::string>());
    }
  }
  report.citizen_served = flag("citizen_served", false);
  report.audio_sessions_today = static_cast<int>(number("audio_sessions_today", 0));
  report.large_type_sessions_today = static_cast<int>(number("large_type_sessions_today", 0));
  report.touch_sessions_today = static_cast<int>(number("touch_sessions_today", 0));
  if (const auto pages = j.find("repaired_pages"); pages != j.end() && pages->is_array()) {
    for (const auto& page : *pages) {
      if (!page.is_object()) continue;
      RepairedPage r;
      if (const auto p = page.find("page"); p != page.end() && p->is_string()) r.page = *p;
      if (const auto t = page.find("times"); t != page.end() && t->is_number_integer()) {
        r.times = t->get<int>();
      }
      if (const auto m = page.find("missing"); m != page.end() && m->is_array()) {
        for (const auto& what : *m) {
          if (what.is_string()) r.missing.push_back(what.get<std::string>());
        }
      }
      report.repaired_pages.push_back(std::move(r));
    }
  }
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
