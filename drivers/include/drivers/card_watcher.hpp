// Watches every reader the kiosk may use and turns what happens into events: readers arriving
// and leaving (USB hot-plug or rescans), smart cards inserted (ATR, protocol) and removed
// (NotifySlotChange or slot polling), ID cards read (fields in wiped buffers) or refused with a
// CardFault (the firmware words it for the citizen). Real USB readers come from the allowlist;
// emulated readers can be attached for `make run` and tests. One thread calls poll(); nothing here
// talks to the UI.
//
// Stalls: every CCID command is bounded (ccid::ReaderOptions: reply timeout, time extensions
// per command, at most a minute per command) and every T=1 command too (iso7816::T1Config). A
// reader that hit those bounds is reported once with ReaderError / ReaderNotResponding, listed by
// stalled_readers(), and from then on only probed every 15 s with a short bound (no time
// extensions honoured past its reply timeout) until it answers again, so one stuck reader cannot
// hold the watcher. A card whose command the firmware abandoned at a T=1 liveness bound is
// reported with CardError / ProtocolError and not used again until it is taken out.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/ccid/ccid_card.hpp"
#include "drivers/id_card_reader.hpp"
#include "drivers/usb/reader_registry.hpp"

namespace drivers {

struct CardEvent {
  enum class Kind {
    ReaderAdded,
    ReaderRemoved,
    ReaderError,
    CardInserted,  // smart card powered, ATR read: `card()` gives the channel
    CardRemoved,
    CardError,  // inserted but unusable (mute, bad ATR ...)
    IdCardRead,
    IdCardFailed,
  };
  Kind kind = Kind::ReaderAdded;
  std::string reader;  // label, e.g. "08e6:4433 ccid (bus 1 device 2)"
  std::string detail;  // technician text (never personal data in clear)
  // Why, on ReaderError, CardError and IdCardFailed (IdCardExpired on IdCardRead for a card past
  // its validity); None otherwise. The firmware turns it into words (kiosk::card_wording).
  CardFault fault = CardFault::None;
  std::vector<std::uint8_t> atr;
  int protocol = -1;
  std::optional<IdCard> id_card;
  SecureBytes photo;
};

const char* event_name(CardEvent::Kind kind);

class ReaderSession;

class CardWatcher {
 public:
  explicit CardWatcher(std::vector<usb::AllowedReader> allowlist, bool use_usb = true);
  ~CardWatcher();
  CardWatcher(const CardWatcher&) = delete;
  CardWatcher& operator=(const CardWatcher&) = delete;

  // Emulated readers (owned by the caller, who must keep them alive).
  // `options` replaces the watcher's own reader bounds (tests inject a clock this way).
  void attach_ccid(Transport& bulk, Transport* interrupt, ccid::ClassDescriptor descriptor,
                   std::string label, std::optional<ccid::ReaderOptions> options = std::nullopt);
  void attach_sam(Transport& transport, std::string label);

  // Waits up to `timeout` and returns what happened. `today` decides ID-card expiry.
  std::vector<CardEvent> poll(std::chrono::milliseconds timeout, CivilDate today);

  // The smart card currently inserted in the first CCID reader that has one (for APDUs); never
  // a card whose command stalled (CcidCard::stall()).
  ccid::CcidCard* smart_card();
  // Labels of the readers that are stalled now: a command hit its time bounds and none has
  // completed since. Empty when every reader answers. For the kiosk's health report.
  std::vector<std::string> stalled_readers() const;
  // The reader bounds the watcher uses for the readers it opens itself.
  static ccid::ReaderOptions reader_options();
  // Not allowlisted devices seen at the last scan ("vid:pid"), for the diagnostic.
  const std::vector<std::string>& ignored_devices() const { return ignored_; }
  std::string usb_status() const { return usb_status_; }

 private:
  void rescan(std::vector<CardEvent>& events);

  struct UsbState;
  std::unique_ptr<UsbState> usb_;
  std::vector<usb::AllowedReader> allowlist_;
  std::vector<std::unique_ptr<ReaderSession>> sessions_;
  std::vector<std::string> ignored_;
  std::string usb_status_;
  std::chrono::steady_clock::time_point next_scan_{};
};

}  // namespace drivers
