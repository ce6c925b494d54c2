#include "card_readers.hpp"

#include <utility>

#include "card_wording.hpp"
#include "drivers/iso7816/transmit.hpp"
#include "platform/wake_event.hpp"

namespace kiosk {
Result<std::unique_ptr<CardReaders>> CardReaders::start(const board::BoardProfile& profile,
                                                        Uint32 wake_event) {
  std::string error;
  const auto allow = reader_allowlist(profile, error);
  if (!allow) return technician_error(error);
  std::unique_ptr<CardReaders> r(new CardReaders());
  r->wake_event_ = wake_event;
  r->emulated_ = profile.readers.emulated;
  r->watcher_ = std::make_unique<drivers::CardWatcher>(*allow, !allow->empty());
  r->usb_status_ = r->watcher_->usb_status();
  if (r->emulated_) {
    r->emulated_readers_.attach(*r->watcher_);
  }
  r->thread_ = std::thread([p = r.get()] { p->run(); });
  return r;
}

CardReaders::~CardReaders() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void CardReaders::run() {
  while (!stop_) {
    std::optional<drivers::SecureString> pin;
    {
      std::lock_guard lock(mutex_);
      pin.swap(pin_);
    }
    if (pin) {
      auto result = verify_here(*pin);
      pin.reset();  // wiped
      {
        std::lock_guard lock(mutex_);
        pin_result_.emplace(std::move(result));
      }
      wake_ui(wake_event_);
    }
    // One pass of the readers, then (nothing happened) a 20 ms pause that a PIN to verify or
    // kioskd quitting ends at once (a 200 ms poll held both up before).
    auto events = watcher_->poll(std::chrono::milliseconds(0), local_today());
    auto stalled = watcher_->stalled_readers();
    {
      std::unique_lock lock(mutex_);
      stalled_.swap(stalled);
      if (events.empty()) {
        wake_.wait_for(lock, std::chrono::milliseconds(20), [&] { return stop_ || pin_; });
        continue;
      }
      for (auto& e : events) events_.push_back(std::move(e));
    }
    wake_ui(wake_event_);
  }
}

void CardReaders::verify(drivers::SecureString pin) {
  {
    std::lock_guard lock(mutex_);
    pin_.emplace(std::move(pin));
    pin_result_.reset();
  }
  wake_.notify_all();
}

std::optional<Result<drivers::iso7816::SwText>> CardReaders::take_pin_result() {
  std::lock_guard lock(mutex_);
  return std::exchange(pin_result_, std::nullopt);
}

Result<drivers::iso7816::SwText> CardReaders::verify_here(const drivers::SecureString& pin) {
  drivers::ccid::CcidCard* card = watcher_->smart_card();
  if (card == nullptr) {
    return Error{"VERIFY: no smart card", card_wording::failed(drivers::CardFault::NoCard)};
  }
  // The global PIN reference (0x81 is the application's; social-security cards use both).
  auto apdu = drivers::iso7816::verify_pin(0x81, pin);
  const auto t = drivers::iso7816::transmit(*card, apdu);
  drivers::secure_wipe(apdu.data.data(), apdu.data.size());
  if (!t.response) {
    return Error{"VERIFY: " + t.error, card_wording::failed(t.fault)};
  }
  return drivers::iso7816::describe_sw(t.response->sw);
}

std::vector<std::string> CardReaders::stalled() const {
  std::lock_guard lock(mutex_);
  return stalled_;
}

std::vector<drivers::CardEvent> CardReaders::take_events() {
  std::lock_guard lock(mutex_);
  return std::exchange(events_, {});
}

std::vector<drivers::CardEvent> CardReaders::wait_events(std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < end) {
    auto got = take_events();
    if (!got.empty()) return got;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return {};
}

void CardReaders::place_id_card() {
  if (emulated_) emulated_readers_.place_id_card();
}

void CardReaders::insert_smart_card() {
  if (emulated_) emulated_readers_.insert_smart_card();
}

void CardReaders::remove_cards() {
  if (emulated_) emulated_readers_.remove_cards();
}

}  // namespace kiosk
