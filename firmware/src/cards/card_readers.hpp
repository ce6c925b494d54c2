// kioskd's card readers: a watcher thread over the board's allowlisted USB readers and, on
// boards that ask for them, emulated readers whose virtual cards the keyboard places and
// removes. Events are queued for the UI thread, which is woken with an SDL user event.
#pragma once

#include <SDL.h>

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "board/profile.hpp"
#include "drivers/card_watcher.hpp"
#include "kiosk/result.hpp"
#include "pin_verifier.hpp"
#include "reader_setup.hpp"

namespace kiosk {

class CardReaders final : public PinVerifier {
 public:
  // `wake_event` is an SDL user event type (SDL_RegisterEvents), 0 for none.
  // Fails when the profile names a reader kind the drivers do not know.
  static Result<std::unique_ptr<CardReaders>> start(const board::BoardProfile& profile,
                                                    Uint32 wake_event);
  ~CardReaders();
  CardReaders(const CardReaders&) = delete;
  CardReaders& operator=(const CardReaders&) = delete;

  std::vector<drivers::CardEvent> take_events();
  // Blocks up to `timeout` for at least one event (scripted runs and tests).
  std::vector<drivers::CardEvent> wait_events(std::chrono::milliseconds timeout);
  bool emulated() const { return emulated_; }
  // Readers that stopped answering within the drivers' bounds (the health report says so).
  std::vector<std::string> stalled() const;
  std::string usb_status() const { return usb_status_; }

  void place_id_card();      // emulated SAM reader: a synthetic resident ID card
  void insert_smart_card();  // emulated CCID reader: a synthetic social-security card
  void remove_cards();

  // VERIFY goes to the inserted smart card on the watcher's thread.
  void verify(drivers::SecureString pin) override;
  std::optional<Result<drivers::iso7816::SwText>> take_pin_result() override;

 private:
  CardReaders() = default;
  void run();
  Result<drivers::iso7816::SwText> verify_here(const drivers::SecureString& pin);

  EmulatedReaders emulated_readers_;  // before the watcher, so they outlive it
  std::unique_ptr<drivers::CardWatcher> watcher_;
  bool emulated_ = false;
  std::string usb_status_;
  Uint32 wake_event_ = 0;
  mutable std::mutex mutex_;
  std::vector<drivers::CardEvent> events_;
  std::vector<std::string> stalled_;
  std::optional<drivers::SecureString> pin_;  // waiting for the watcher's thread
  std::optional<Result<drivers::iso7816::SwText>> pin_result_;
  std::atomic<bool> stop_{false};
  std::condition_variable wake_;  // a PIN to verify, or stop: the thread's pause ends at once
  std::thread thread_;
};

}  // namespace kiosk
