#include "card_readers.hpp"

#include <ctime>
#include <utility>

#include "drivers/emulated/synthetic_cards.hpp"

namespace kiosk {
namespace {

drivers::CivilDate today() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace

std::unique_ptr<CardReaders> CardReaders::start(const board::BoardProfile& profile,
                                                Uint32 wake_event, std::string& error) {
  std::vector<drivers::usb::AllowedReader> allow;
  for (const auto& entry : profile.readers.allow) {
    auto parsed = drivers::usb::parse_allow_entry(entry);
    if (!parsed.reader) {
      error = profile.source + ": [readers] allow: " + parsed.error;
      return nullptr;
    }
    allow.push_back(*parsed.reader);
  }
  std::unique_ptr<CardReaders> r(new CardReaders());
  r->wake_event_ = wake_event;
  r->emulated_ = profile.readers.emulated;
  r->watcher_ = std::make_unique<drivers::CardWatcher>(allow, !allow.empty());
  r->usb_status_ = r->watcher_->usb_status();
  if (r->emulated_) {
    r->watcher_->attach_ccid(r->ccid_, &r->ccid_.interrupt_pipe(), r->ccid_.descriptor(),
                             "emulated CCID reader");
    r->watcher_->attach_sam(r->sam_, "emulated ID-card reader");
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
    auto events = watcher_->poll(std::chrono::milliseconds(200), today());
    if (events.empty()) continue;
    {
      std::lock_guard lock(mutex_);
      for (auto& e : events) events_.push_back(std::move(e));
    }
    if (wake_event_ != 0) {
      SDL_Event e{};
      e.type = wake_event_;
      SDL_PushEvent(&e);
    }
  }
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
  if (emulated_)
    sam_.place_card(drivers::emulated::synthetic_resident().bytes,
                    drivers::emulated::synthetic_photo());
}

void CardReaders::insert_smart_card() {
  if (emulated_ && !ccid_.has_card())
    ccid_.insert(drivers::emulated::EmulatedCard::sample_social_card());
}

void CardReaders::remove_cards() {
  if (!emulated_) return;
  sam_.remove_card();
  if (ccid_.has_card()) ccid_.remove();
}

}  // namespace kiosk
