// The health report: what kioskd says about itself once its first frame is up, and what
// `kioskctl status`, the update confirmation (`kioskctl update mark-good --wait-healthy`) and a
// fleet agent read back. One struct and one JSON schema, written in one place, read in one place.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "kiosk/result.hpp"

namespace kiosk {

struct HealthPart {
  bool ok = false;
  std::string detail;  // "kmsdrm", "speaking", "libusb: 1 reader" — for a technician
};

// A page the browser had to repair (issue 14): where (scheme, host and path, never the query,
// which may hold what a citizen typed) and what its author left out ("label", "alt", "button").
struct RepairedPage {
  std::string page;
  std::vector<std::string> missing;
  int times = 0;  // opened today with these repairs
};

struct HealthReport {
  HealthPart display;
  HealthPart speech;
  HealthPart readers;
  // The board profile kioskd runs with (its file), or why it could not use it: then kioskd shows
  // the 暂停服务 maintenance screen instead of the kiosk. Reports without it: it was usable.
  HealthPart profile{true, {}};
  // A citizen pressed 呼叫工作人员 and no member of staff has answered yet (the alert).
  bool staff_called = false;
  // Cheap facts for the staff menu and kioskctl (none decides `healthy`).
  HealthPart network{};    // a non-loopback interface up and running
  std::string version{};   // the firmware's version
  std::string slot{};      // the A/B slot booted (rauc.slot=), empty off the image
  long uptime_s = 0;       // since kioskd started, when the report was made
  long started_at = 0;     // Unix time kioskd started (readers of the file: uptime now)
  int sessions_today = 0;  // citizen sessions started since local midnight
  long staff_ack_s = -1;   // how long the last answered call waited (-1: none yet)
  std::vector<std::string> last_errors{};  // the journal's last few errors (technician English)
  // For the fleet (issue 16): a citizen is being served now (fleet installs wait for none), and
  // today's sessions by how the citizen used the kiosk (one session may count in several).
  bool citizen_served = false;
  int audio_sessions_today = 0;                // headphones plugged in or speech mode chosen
  int large_type_sessions_today = 0;           // zoomed above 100 % or a large-type scheme
  int touch_sessions_today = 0;                // touched at least once
  std::vector<RepairedPage> repaired_pages{};  // bounded: the most recent few pages
  bool healthy() const { return display.ok && speech.ok && readers.ok && profile.ok; }
};

// {"healthy": …, "display": …, "display_ok": …, "speech": …, …} written beside and renamed, so
// a reader never sees half a file.
Result<void> write_health(const std::string& path, const HealthReport& report);
// Missing, unreadable or not the schema: an error a technician can act on.
Result<HealthReport> read_health(const std::string& path);

// The two halves of the above without the file. The JSON is one line; a detail that is not
// valid UTF-8 (a USB product string) has its broken bytes written as U+FFFD. Parsing never
// throws: any text is either a report or an error naming `source`.
std::string health_json(const HealthReport& report);
Result<HealthReport> parse_health(std::string_view text, const std::string& source);

}  // namespace kiosk
