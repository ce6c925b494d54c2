#include "fleet/fleet_messages.hpp"

#include <nlohmann/json.hpp>
#include <vector>

namespace fleet {
namespace {

using kiosk::technician_error;

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  for (const char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string prefix(const KioskId& id) {
  return "kiosk/" + id.hall + "/" + id.kiosk;
}

// json::value() and get<>() throw on another type: every field is checked first, and a
// payload from the wire is either the struct or an error naming the field.
struct Reader {
  const nlohmann::json& j;
  std::string wrong;
  std::string text(const char* name) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_string()) {
      if (wrong.empty()) wrong = name;
      return {};
    }
    return it->get<std::string>();
  }
  long number(const char* name) {
    const auto it = j.find(name);
    if (it == j.end() || !it->is_number_integer()) {
      if (wrong.empty()) wrong = name;
      return 0;
    }
    return it->get<long>();
  }
  KioskId id() {
    KioskId k{text("hall"), text("kiosk")};
    if (wrong.empty() && !valid_name(k.hall)) wrong = "hall";
    if (wrong.empty() && !valid_name(k.kiosk)) wrong = "kiosk";
    return k;
  }
};

nlohmann::json parse_object(std::string_view text) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return nlohmann::json();
  return j;
}

std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

kiosk::Result<KioskId> make_kiosk_id(std::string_view hall, std::string_view kiosk) {
  if (!valid_name(hall)) {
    return technician_error("hall name \"" + std::string(hall) +
                            "\" is not 1..32 of [A-Za-z0-9_-]");
  }
  if (!valid_name(kiosk)) {
    return technician_error("kiosk name \"" + std::string(kiosk) +
                            "\" is not 1..32 of [A-Za-z0-9_-]");
  }
  return KioskId{std::string(hall), std::string(kiosk)};
}

namespace topics {
std::string online(const KioskId& id) {
  return prefix(id) + "/online";
}
std::string status(const KioskId& id) {
  return prefix(id) + "/status";
}
std::string alert(const KioskId& id) {
  return prefix(id) + "/alert";
}
std::string alert_ack(const KioskId& id) {
  return prefix(id) + "/alert/ack";
}
std::string hall(std::string_view hall) {
  return "kiosk/" + std::string(hall) + "/#";
}

std::optional<Parsed> parse(std::string_view topic) {
  std::vector<std::string_view> levels;
  while (true) {
    const auto slash = topic.find('/');
    levels.push_back(topic.substr(0, slash));
    if (slash == std::string_view::npos) break;
    topic.remove_prefix(slash + 1);
  }
  if (levels.size() < 4 || levels.size() > 5 || levels[0] != "kiosk") return std::nullopt;
  if (!valid_name(levels[1]) || !valid_name(levels[2])) return std::nullopt;
  const KioskId id{std::string(levels[1]), std::string(levels[2])};
  if (levels.size() == 5) {
    if (levels[3] == "alert" && levels[4] == "ack") return Parsed{id, Kind::AlertAck};
    return std::nullopt;
  }
  if (levels[3] == "online") return Parsed{id, Kind::Online};
  if (levels[3] == "status") return Parsed{id, Kind::Status};
  if (levels[3] == "alert") return Parsed{id, Kind::Alert};
  return std::nullopt;
}
}  // namespace topics

std::string status_json(const KioskStatus& s) {
  const nlohmann::json j{{"hall", s.id.hall},
                         {"kiosk", s.id.kiosk},
                         {"published_at", s.published_at},
                         {"health", nlohmann::json::parse(kiosk::health_json(s.health))}};
  return dump(j);
}

kiosk::Result<KioskStatus> parse_status(std::string_view json) {
  const nlohmann::json j = parse_object(json);
  if (j.is_null()) return technician_error("status is not a JSON object");
  Reader r{j, {}};
  KioskStatus s;
  s.id = r.id();
  s.published_at = r.number("published_at");
  if (!r.wrong.empty()) return technician_error("status: \"" + r.wrong + "\" missing or wrong");
  const auto health = j.find("health");
  if (health == j.end() || !health->is_object()) {
    return technician_error("status: \"health\" missing or wrong");
  }
  auto report = kiosk::parse_health(dump(*health), "status of " + prefix(s.id));
  if (!report) return report.error();
  s.health = std::move(*report);
  return s;
}

std::string alert_json(const StaffAlert& a) {
  return dump(
      {{"hall", a.kiosk.hall}, {"kiosk", a.kiosk.kiosk}, {"id", a.id}, {"raised_at", a.raised_at}});
}

kiosk::Result<StaffAlert> parse_alert(std::string_view json) {
  const nlohmann::json j = parse_object(json);
  if (j.is_null()) return technician_error("alert is not a JSON object");
  Reader r{j, {}};
  StaffAlert a{r.id(), r.number("id"), r.number("raised_at")};
  if (!r.wrong.empty()) return technician_error("alert: \"" + r.wrong + "\" missing or wrong");
  return a;
}

std::string ack_json(const AlertAck& a) {
  return dump({{"hall", a.kiosk.hall},
               {"kiosk", a.kiosk.kiosk},
               {"id", a.id},
               {"by", a.by},
               {"acked_at", a.acked_at}});
}

kiosk::Result<AlertAck> parse_ack(std::string_view json) {
  const nlohmann::json j = parse_object(json);
  if (j.is_null()) return technician_error("ack is not a JSON object");
  Reader r{j, {}};
  AlertAck a{r.id(), r.number("id"), r.text("by"), r.number("acked_at")};
  if (!r.wrong.empty()) return technician_error("ack: \"" + r.wrong + "\" missing or wrong");
  return a;
}

}  // namespace fleet
