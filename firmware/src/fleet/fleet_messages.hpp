// What kiosks, the hall dashboard and the fleet tools say to each other over MQTT (issue 16):
// the topic names and the payloads, in one place. Typed on both sides: a payload is built from
// a struct and parsed back into one, never read by string matching.
//
// Topics, per hall and kiosk (names are [A-Za-z0-9_-], 1..32 characters, so they can never
// carry a wildcard or a level separator):
//   kiosk/<hall>/<kiosk>/online     retained, QoS 1: "online", or the last will "offline"
//   kiosk/<hall>/<kiosk>/status     retained, QoS 1: KioskStatus (the health report and when)
//   kiosk/<hall>/<kiosk>/alert      retained, QoS 1: StaffAlert while a call is open; an empty
//                                   retained message clears it
//   kiosk/<hall>/<kiosk>/alert/ack  QoS 1, from the hall's dashboard: AlertAck
// Broker ACLs scope each kiosk to its own kiosk/<hall>/<kiosk>/# and each hall's dashboard to
// kiosk/<hall>/#. Nothing personal is ever in a payload: the health report holds none.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "kiosk/health.hpp"
#include "kiosk/result.hpp"

namespace fleet {

struct KioskId {
  std::string hall;
  std::string kiosk;
  bool operator==(const KioskId&) const = default;
};

// Checks both names (see above): an error names the bad one for the technician.
kiosk::Result<KioskId> make_kiosk_id(std::string_view hall, std::string_view kiosk);

namespace topics {
std::string online(const KioskId& id);
std::string status(const KioskId& id);
std::string alert(const KioskId& id);
std::string alert_ack(const KioskId& id);
std::string hall(std::string_view hall);  // kiosk/<hall>/# (a dashboard subscribes to this)
inline constexpr const char* kAllHalls = "kiosk/#";

enum class Kind { Online, Status, Alert, AlertAck };
struct Parsed {
  KioskId id;
  Kind kind;
};
// Which kiosk and which message a topic is about; nothing for anything else.
std::optional<Parsed> parse(std::string_view topic);
}  // namespace topics

inline constexpr const char* kOnline = "online";
inline constexpr const char* kOffline = "offline";  // the last will

struct KioskStatus {
  KioskId id;
  kiosk::HealthReport health;
  long published_at = 0;  // Unix time
};
std::string status_json(const KioskStatus& status);
kiosk::Result<KioskStatus> parse_status(std::string_view json);

// A citizen pressed 呼叫工作人员. `id` counts up per kiosk so an acknowledgement names one call.
struct StaffAlert {
  KioskId kiosk;
  long id = 0;
  long raised_at = 0;  // Unix time
};
std::string alert_json(const StaffAlert& alert);
kiosk::Result<StaffAlert> parse_alert(std::string_view json);

// Staff at the dashboard took the call: someone is on the way.
struct AlertAck {
  KioskId kiosk;
  long id = 0;        // the StaffAlert's id
  std::string by;     // the dashboard's name (never a person's name)
  long acked_at = 0;  // Unix time
};
std::string ack_json(const AlertAck& ack);
kiosk::Result<AlertAck> parse_ack(std::string_view json);

}  // namespace fleet
