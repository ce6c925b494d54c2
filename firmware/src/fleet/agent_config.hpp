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
//   [rollout]                        # optional: staged roll-outs from hawkBit (kiosk-rollout)
//   server_url = "https://hawkbit.hall.example"
//   tenant = "DEFAULT"
//   controller_id = "k01"            # default: [kiosk] name
//   token_file = "/data/kiosk/fleet/ddi-token"   # the target token, a 0600 file
//   local_window = "22:00-05:00"     # installs only inside it (and outside citizen sessions)
//   work_dir = "/data/kiosk-rollout"          # the downloaded bundle (one at a time)
//   ca = "/etc/kiosk/fleet/ca.crt"   # optional CA for an https server
#pragma once

#include <chrono>
#include <optional>
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

// What kiosk-rollout needs of the file (the [rollout] section); see fleet/rollout.hpp.
struct RolloutConfig {
  std::string server_url;
  std::string tenant = "DEFAULT";
  std::string controller_id;
  std::string token_file;
  std::string local_window;  // "HH:MM-HH:MM", checked; empty: the server's window alone
  std::string work_dir = "/data/kiosk-rollout";
  std::string ca_file;
};

struct AgentConfig {
  KioskId id;
  MqttOptions mqtt;  // client_id "kiosk-<hall>-<name>"; the will is the agent's to set
  std::string runtime_dir = "/run/kiosk";
  std::chrono::seconds status_every{60};
  std::optional<RolloutConfig> rollout;  // none: this kiosk is updated by USB stick only
};

// `source` names the text in errors ("/etc/kiosk/agent.toml:3: [broker] port: ...").
kiosk::Result<AgentConfig> parse_agent_config(std::string_view text, const std::string& source);
kiosk::Result<AgentConfig> load_agent_config(const std::string& path);

}  // namespace fleet
