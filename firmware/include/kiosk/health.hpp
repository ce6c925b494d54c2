// The health report: what kioskd says about itself once its first frame is up, and what
// `kioskctl status`, the update confirmation (`kioskctl update mark-good --wait-healthy`) and a
// fleet agent read back. One struct and one JSON schema, written in one place, read in one place.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/result.hpp"

namespace kiosk {

struct HealthPart {
  bool ok = false;
  std::string detail;  // "kmsdrm", "speaking", "libusb: 1 reader" — for a technician
};

struct HealthReport {
  HealthPart display;
  HealthPart speech;
  HealthPart readers;
  // A citizen pressed 呼叫工作人员 and no member of staff has answered yet (the alert).
  bool staff_called = false;
  bool healthy() const { return display.ok && speech.ok && readers.ok; }
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
