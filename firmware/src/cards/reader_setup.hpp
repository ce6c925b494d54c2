// What kioskd and kioskctl both need to watch card readers: the board's allowlist in the
// drivers' terms, today's date for expiry checks, and the emulated readers with their
// synthetic cards.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "board/profile.hpp"
#include "drivers/card_watcher.hpp"
#include "drivers/emulated/ccid_emulator.hpp"
#include "drivers/sam_emulator.hpp"
#include "drivers/usb/reader_registry.hpp"

namespace kiosk {

// The profile's [readers] allow entries; nullopt with "FILE: [readers] allow: ..." if one
// names a reader kind the drivers do not know.
std::optional<std::vector<drivers::usb::AllowedReader>> reader_allowlist(
    const board::BoardProfile& profile, std::string& error);

// Today on this kiosk's clock, for card expiry checks.
drivers::CivilDate local_today();

// A CCID reader and a SAM ID reader in software, with the synthetic cards (a social-security
// card, a resident ID card). Declare it before the CardWatcher it is attached to: the watcher
// powers the cards off when it goes, so the readers must outlive it.
class EmulatedReaders {
 public:
  void attach(drivers::CardWatcher& watcher);
  void place_id_card();      // the synthetic resident ID card on the SAM reader
  void insert_smart_card();  // the synthetic social-security card in the CCID reader
  void remove_cards();

 private:
  drivers::emulated::CcidEmulator ccid_{drivers::emulated::CcidEmulator::tpdu_reader()};
  drivers::SamEmulator sam_;
};

}  // namespace kiosk
