#include "rauc_json.hpp"

namespace kioskctl {
namespace {

using nlohmann::json;

// j[key] when j is an object holding a string there, else `fallback` (json::value throws
// on a wrong type, and RAUC's reply is not ours).
std::string text(const json& j, const char* key, const std::string& fallback = {}) {
  if (!j.is_object()) return fallback;
  const auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// j[key] when j is an object, else null.
const json& member(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  const auto it = j.find(key);
  return it != j.end() ? *it : kNull;
}

// The slot objects of `status`: "slots" is an array of {"name": {...}} objects.
template <typename F>
void each_slot(const json& status, F&& f) {
  const json& slots = member(status, "slots");
  if (!slots.is_array()) return;
  for (const auto& slot : slots) {
    if (!slot.is_object()) continue;
    for (const auto& [name, s] : slot.items()) f(name, s);
  }
}

}  // namespace

std::optional<json> parse_rauc_json(std::string_view output) {
  const auto start = output.find('{');
  if (start == std::string_view::npos) return std::nullopt;
  json j = json::parse(output.substr(start), nullptr, false);
  if (j.is_discarded()) return std::nullopt;
  return j;
}

std::vector<json> rauc_status_lines(const json& j) {
  std::vector<json> lines;
  lines.push_back({{"event", "update-status"},
                   {"compatible", text(j, "compatible")},
                   {"booted", text(j, "booted")},
                   {"boot_primary", text(j, "boot_primary")}});
  each_slot(j, [&](const std::string& name, const json& s) {
    json line{{"event", "slot"},
              {"slot", name},
              {"bootname", text(s, "bootname")},
              {"state", text(s, "state")},
              {"boot_status", text(s, "boot_status")}};
    const json& bundle = member(member(s, "slot_status"), "bundle");
    if (!bundle.is_null()) line["version"] = text(bundle, "version");
    lines.push_back(line);
  });
  return lines;
}

std::string bundle_checksum(const json& info) {
  std::string digest;
  const json& images = member(info, "images");
  if (!images.is_array()) return digest;
  for (const auto& image : images) {
    if (!image.is_object()) continue;
    for (const auto& [slot_class, i] : image.items()) digest = text(i, "checksum");
  }
  return digest;
}

std::string bundle_version(const json& info) {
  return text(info, "version");
}

std::string already_installed_reason(const json& status, const std::string& digest) {
  if (digest.empty()) return {};
  const std::string primary = text(status, "boot_primary");
  std::string why;
  each_slot(status, [&](const std::string& name, const json& s) {
    if (!why.empty()) return;
    const json& checksum = member(member(s, "slot_status"), "checksum");
    if (checksum.is_null() || text(checksum, "sha256") != digest) return;
    if (name == primary) {
      why = "slot " + text(s, "bootname", name) +
            " already holds this update and is the one booted next: nothing to do (take "
            "the stick away)";
    } else if (text(s, "boot_status") == "bad") {
      why = "this update already failed on this kiosk (slot " + text(s, "bootname", name) +
            " never became healthy and the kiosk gave up on it); report it, do not retry";
    }
  });
  return why;
}

}  // namespace kioskctl
