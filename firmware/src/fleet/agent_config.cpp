#include "fleet/agent_config.hpp"

#include "fleet/rollout.hpp"

#include <toml++/toml.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fleet {
namespace {

using kiosk::technician_error;

std::string at(const std::string& source, const toml::node& n) {
  return source + ":" + std::to_string(n.source().begin.line);
}

// The keys the file may hold, per section; anything else is a typo worth an error.
struct Key {
  std::string_view section;
  std::string_view key;
  bool text;  // a string; otherwise an integer
};
constexpr Key kKeys[] = {
    {"kiosk", "hall", true},
    {"kiosk", "name", true},
    {"broker", "host", true},
    {"broker", "port", false},
    {"broker", "ca", true},
    {"broker", "cert", true},
    {"broker", "key", true},
    {"broker", "keepalive_s", false},
    {"runtime", "dir", true},
    {"runtime", "status_every_s", false},
    {"rollout", "server_url", true},
    {"rollout", "tenant", true},
    {"rollout", "controller_id", true},
    {"rollout", "token_file", true},
    {"rollout", "local_window", true},
    {"rollout", "work_dir", true},
    {"rollout", "ca", true},
};

struct Limits {
  long low;
  long high;
};
Limits limits_of(std::string_view key) {
  if (key == "port") return {1, 65535};
  if (key == "keepalive_s") return {5, 600};
  return {1, 3600};  // status_every_s
}

// One [rollout] string; the reason it is wrong, or "".
std::string take_rollout_key(const std::string& key, const std::string& v, RolloutConfig& r) {
  const bool path = key == "token_file" || key == "work_dir" || key == "ca";
  if (path && v.front() != '/') return "must be an absolute path";
  if (key == "server_url") {
    if (v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0) {
      return "must start with https:// (or http:// on a test bench)";
    }
    r.server_url = v;
  }
  if (key == "tenant") r.tenant = v;
  if (key == "controller_id") r.controller_id = v;
  if (key == "token_file") r.token_file = v;
  if (key == "work_dir") r.work_dir = v;
  if (key == "ca") r.ca_file = v;
  if (key == "local_window") {
    if (!parse_local_window(v)) return "must be \"HH:MM-HH:MM\" (e.g. \"22:00-05:00\")";
    r.local_window = v;
  }
  return {};
}

}  // namespace

kiosk::Result<AgentConfig> parse_agent_config(std::string_view text, const std::string& source) {
  toml::table doc;
  try {
    doc = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    return technician_error(source + ":" + std::to_string(e.source().begin.line) + ": " +
                            std::string(e.description()));
  }
  std::string hall;
  std::string name;
  std::string ca;
  std::string cert;
  std::string key_file;
  long port = 0;
  AgentConfig c;
  RolloutConfig rollout;
  for (const auto& [section_key, section_node] : doc) {
    const std::string section(section_key.str());
    const toml::table* table = section_node.as_table();
    bool known = false;
    for (const auto& k : kKeys) known = known || k.section == section;
    if (!known || table == nullptr) {
      return technician_error(at(source, section_node) + ": unknown section [" + section +
                              "] (expected [kiosk], [broker], [runtime] or [rollout])");
    }
    for (const auto& [name_key, node] : *table) {
      const std::string key(name_key.str());
      const Key* found = nullptr;
      for (const auto& k : kKeys) {
        if (k.section == section && k.key == key) found = &k;
      }
      const std::string where = at(source, node) + ": [" + section + "] " + key + ": ";
      if (found == nullptr) return technician_error(where + "unknown key");
      if (found->text) {
        const auto v = node.value_exact<std::string>();
        if (!v || v->empty()) return technician_error(where + "must be a non-empty string");
        if (section == "rollout") {
          if (auto bad = take_rollout_key(key, *v, rollout); !bad.empty()) {
            return technician_error(where + bad);
          }
          continue;
        }
        if (key == "hall") hall = *v;
        if (key == "name") name = *v;
        if (key == "host") c.mqtt.host = *v;
        if (key == "ca") ca = *v;
        if (key == "cert") cert = *v;
        if (key == "key") key_file = *v;
        if (key == "dir") c.runtime_dir = *v;
        if ((key == "ca" || key == "cert" || key == "key" || key == "dir") && v->front() != '/') {
          return technician_error(where + "must be an absolute path");
        }
        if ((key == "hall" || key == "name") && !make_kiosk_id(*v, *v)) {
          return technician_error(where + "must be 1..32 of [A-Za-z0-9_-]");
        }
        continue;
      }
      const auto v = node.value_exact<int64_t>();
      const Limits l = limits_of(key);
      if (!v || *v < l.low || *v > l.high) {
        return technician_error(where + "must be a whole number from " + std::to_string(l.low) +
                                " to " + std::to_string(l.high));
      }
      if (key == "port") port = static_cast<long>(*v);
      if (key == "keepalive_s") c.mqtt.keepalive_s = static_cast<int>(*v);
      if (key == "status_every_s") c.status_every = std::chrono::seconds(*v);
    }
  }
  if (hall.empty()) return technician_error(source + ": [kiosk] hall: missing (required)");
  if (name.empty()) return technician_error(source + ": [kiosk] name: missing (required)");
  if (doc["broker"]["host"].node() == nullptr) {
    return technician_error(source + ": [broker] host: missing (required)");
  }
  const int tls_files = !ca.empty() + !cert.empty() + !key_file.empty();
  if (tls_files != 0 && tls_files != 3) {
    return technician_error(at(source, *doc["broker"].node()) +
                            ": [broker] ca, cert, key: give all three (TLS) or none");
  }
  auto id = make_kiosk_id(hall, name);
  if (!id) return id.error();
  c.id = std::move(*id);
  if (tls_files == 3) c.mqtt.tls = MqttTls{ca, cert, key_file};
  c.mqtt.port = port != 0 ? static_cast<int>(port) : (c.mqtt.tls ? 8883 : 1883);
  c.mqtt.client_id = "kiosk-" + c.id.hall + "-" + c.id.kiosk;
  if (const toml::node* r = doc["rollout"].node(); r != nullptr) {
    const std::string where = at(source, *r) + ": [rollout] ";
    if (rollout.server_url.empty()) return technician_error(where + "server_url: missing");
    if (rollout.token_file.empty()) return technician_error(where + "token_file: missing");
    if (rollout.controller_id.empty()) rollout.controller_id = c.id.kiosk;
    c.rollout = std::move(rollout);
  }
  return c;
}

std::string default_agent_config() {
  std::error_code ec;
  if (std::filesystem::exists(kProvisionedAgentConfig, ec)) return kProvisionedAgentConfig;
  return kImageAgentConfig;
}

kiosk::Result<AgentConfig> load_agent_config(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return technician_error(path + ": cannot open (" + std::strerror(errno) + ")");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_agent_config(buffer.str(), path);
}

}  // namespace fleet
