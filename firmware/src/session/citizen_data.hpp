// Everything personal a citizen leaves in the kiosk has one owner per session, and one wipe.
// The ID card read (its fields in SecureStrings) lives here; the rooms that hold what the
// citizen typed or saw — the browser's pages, forms and history, the loader's cookies, the
// layout's shaping cache, the speaker's buffers, screenshots on disk — register how to forget
// it, and wipe() forgets all of it at once: at 结束, at the idle timeout, and before the next
// card is read.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "drivers/resident_id.hpp"

namespace kiosk {

class CitizenData {
 public:
  // `what` names the room for the journal ("browser", "shaping cache").
  void on_wipe(std::string what, std::function<void()> forget);

  void set_id_card(drivers::IdCard card) { id_card_ = std::move(card); }
  const drivers::IdCard* id_card() const { return id_card_ ? &*id_card_ : nullptr; }
  void forget_id_card() { id_card_.reset(); }  // SecureString destructors wipe the fields

  // The card first, then every registered room, in the order they registered.
  void wipe();
  int wipes() const { return wipes_; }

 private:
  std::optional<drivers::IdCard> id_card_;
  std::vector<std::pair<std::string, std::function<void()>>> forgetters_;
  int wipes_ = 0;
};

}  // namespace kiosk
