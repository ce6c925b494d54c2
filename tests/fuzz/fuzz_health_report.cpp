// libFuzzer target for the health report kioskd writes and kioskctl / the update confirmation
// read back (kiosk::health_json, kiosk::parse_health behind write_health / read_health in
// firmware/src/platform/health.cpp). The first byte picks:
//  - even: the rest as the file's text. Parsing never throws or crashes (any type in any
//    field), and a report that is refused says why;
//  - odd: a report made from the rest (four flags, four details of any bytes, the staff
//    call) is written and read back: one line, read back as a report with every flag as
//    written, every detail as written when it was UTF-8 and strict UTF-8 when it was not.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "kiosk/health.hpp"
#include "kiosk/stick_update.hpp"

namespace {

void same_part(const kiosk::HealthPart& written, const kiosk::HealthPart& read) {
  if (written.ok != read.ok) std::abort();
  if (fuzz::valid_utf8(written.detail) ? read.detail != written.detail
                                       : !fuzz::valid_utf8(read.detail))
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  if ((data[0] & 1) == 0) {
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto r = kiosk::parse_health(text, "fuzz");
    if (!r.ok() && r.error().technician.empty()) std::abort();
    // The USB-stick update hand-over files in the same runtime directory (stick_update.cpp).
    const auto offer = kiosk::parse_update_offer(text, "fuzz");
    if (offer && offer->version.empty()) std::abort();
    const auto consent = kiosk::parse_update_consent(text, "fuzz");
    if (consent && consent->version.empty()) std::abort();
    (void)kiosk::parse_update_outcome(text, "fuzz");
    return 0;
  }
  FuzzedDataProvider in(data + 1, size - 1);
  kiosk::HealthReport report;
  report.display.ok = in.ConsumeBool();
  report.speech.ok = in.ConsumeBool();
  report.readers.ok = in.ConsumeBool();
  report.profile.ok = in.ConsumeBool();
  report.staff_called = in.ConsumeBool();
  report.display.detail = in.ConsumeRandomLengthString(200);
  report.speech.detail = in.ConsumeRandomLengthString(200);
  report.profile.detail = in.ConsumeRandomLengthString(200);
  report.readers.detail = in.ConsumeRemainingBytesAsString();
  const std::string json = kiosk::health_json(report);
  if (json.find('\n') != std::string::npos) std::abort();
  const auto back = kiosk::parse_health(json, "fuzz");
  if (!back.ok()) std::abort();
  same_part(report.display, back->display);
  same_part(report.speech, back->speech);
  same_part(report.readers, back->readers);
  same_part(report.profile, back->profile);
  if (back->staff_called != report.staff_called || back->healthy() != report.healthy())
    std::abort();
  return 0;
}
