// The kiosk agent's settings (/data/kiosk/agent.toml or /etc/kiosk/agent.toml): which hall and
// kiosk it speaks for, the hall's broker and this kiosk's TLS client certificate, and kioskd's
// runtime directory. Every key is checked; an error names the file and line, like a board
// profile's.
//
//   [kiosk]
//   hall = "h1"                      # [A-Za-z0-9_-], 1..32 (the topics' level)
//   name = "k01"                     # the same; the certificate's CN on a TLS broker
//   [broker]
//   host = "broker.hall.example"
//   port = 8883                      # 1..65535 (default 8883 with TLS, 1883 without)
//   ca = "/etc/kiosk/fleet/ca.crt"   # ca, cert and key: all three (TLS) or none (plain MQTT,
//   cert = "/etc/kiosk/fleet/k01.crt" #   only for a test bench: the broker then cannot tell
//   key = "/etc/kiosk/fleet/k01.key"  #   kiosks apart)
//   keepalive_s = 30                 # the last will goes out after 1.5x this of silence
//   [runtime]
//   dir = "/run/kiosk"               # kioskd's health report and the staff-ack hand-over
//   status_every_s = 60              # the status is re-sent at least this often
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "fleet/fleet_messages.hpp"
#include "fleet/mqtt_link.hpp"
#include "kiosk/result.hpp"

namespace fleet {

// Like the board profile: provisioned on the data partition, else shipped in the image.
inline constexpr const char* kProvisionedAgentConfig = "/data/kiosk/agent.toml";
inline constexpr const char* kImageAgentConfig = "/etc/kiosk/agent.toml";
// The first of the two that exists (the image's path when neither does: its error names it).
std::string default_agent_config();

struct AgentConfig {
  KioskId id;
  MqttOptions mqtt;  // client_id "kiosk-<hall>-<name>"; the will is the agent's to set
  std::string runtime_dir = "/run/kiosk";
  std::chrono::seconds status_every{60};
};

// `source` names the text in errors ("/etc/kiosk/agent.toml:3: [broker] port: ...").
kiosk::Result<AgentConfig> parse_agent_config(std::string_view text, const std::string& source);
kiosk::Result<AgentConfig> load_agent_config(const std::string& path);

}  // namespace fleet
