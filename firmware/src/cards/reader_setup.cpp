#include "reader_setup.hpp"

#include <ctime>

#include "drivers/emulated/synthetic_cards.hpp"

namespace kiosk {

std::optional<std::vector<drivers::usb::AllowedReader>> reader_allowlist(
    const board::BoardProfile& profile, std::string& error) {
  std::vector<drivers::usb::AllowedReader> allow;
  for (const auto& entry : profile.readers.allow) {
    auto parsed = drivers::usb::parse_allow_entry(entry);
    if (!parsed.reader) {
      error = profile.source + ": [readers] allow: " + parsed.error;
      return std::nullopt;
    }
    allow.push_back(*parsed.reader);
  }
  return allow;
}

drivers::CivilDate local_today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

void EmulatedReaders::attach(drivers::CardWatcher& watcher) {
  watcher.attach_ccid(ccid_, &ccid_.interrupt_pipe(), ccid_.descriptor(), "emulated CCID reader");
  watcher.attach_sam(sam_, "emulated ID-card reader");
}

void EmulatedReaders::place_id_card() {
  sam_.place_card(drivers::emulated::synthetic_resident().bytes,
                  drivers::emulated::synthetic_photo());
}

void EmulatedReaders::insert_smart_card() {
  if (!ccid_.has_card()) ccid_.insert(drivers::emulated::EmulatedCard::sample_social_card());
}

void EmulatedReaders::remove_cards() {
  sam_.remove_card();
  if (ccid_.has_card()) ccid_.remove();
}

}  // namespace kiosk
