// The hand-over between the USB-stick installer (root: `kioskctl update install --from-usb
// --ask-staff`, started by udev) and kioskd (the kiosk user), through three files in kioskd's
// runtime directory. Nothing is installed while a citizen is served or without a member of
// staff on site saying so, and the hall is told on screen and aloud while it runs:
//   1. the installer verifies the bundle (signature, format, version) and offers it;
//   2. staff choose 安装U盘更新 in staff mode when no session runs: kioskd shows and says that an
//      update is running and not to switch off, and consents to that version;
//   3. the installer installs and writes the outcome: kioskd says it; on success the installer
//      reboots into the new slot.
// One struct per file, written whole (beside, then renamed) and read in one place each.
#pragma once

#include <string>
#include <string_view>

#include "kiosk/result.hpp"

namespace kiosk {

struct UpdateOffer {
  std::string version;  // the bundle's, already verified newer than the running system
  std::string bundle;   // its file name on the stick, for staff and the journal
};

struct UpdateConsent {
  std::string version;  // the offer staff confirmed; another offer is not covered by it
};

struct UpdateOutcome {
  bool installed = false;
  std::string version;
  std::string reason;  // technician English when not installed
};

std::string to_json(const UpdateOffer& offer);
std::string to_json(const UpdateConsent& consent);
std::string to_json(const UpdateOutcome& outcome);
// Parsing never throws: any text is the struct or an error naming `source`.
Result<UpdateOffer> parse_update_offer(std::string_view text, const std::string& source);
Result<UpdateConsent> parse_update_consent(std::string_view text, const std::string& source);
Result<UpdateOutcome> parse_update_outcome(std::string_view text, const std::string& source);

// The file's text (at most 4 KiB: these files are a line each) or an error.
Result<std::string> read_small_file(const std::string& path);
// Written beside and renamed, mode 0644 (kioskd reads what root writes and the other way).
Result<void> write_file_atomically(const std::string& path, const std::string& text);

}  // namespace kiosk
