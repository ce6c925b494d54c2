#include "card_readers.hpp"

#include <utility>

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
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void CardReaders::run() {
  while (!stop_) {
    auto events = watcher_->poll(std::chrono::milliseconds(200), local_today());
    auto stalled = watcher_->stalled_readers();
    {
      std::lock_guard lock(mutex_);
      stalled_.swap(stalled);
      if (events.empty()) continue;
      for (auto& e : events) events_.push_back(std::move(e));
    }
    if (wake_event_ != 0) {
      SDL_Event e{};
      e.type = wake_event_;
      SDL_PushEvent(&e);
    }
  }
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
