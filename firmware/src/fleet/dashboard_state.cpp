#include "fleet/dashboard_state.hpp"

#include <algorithm>
#include <tuple>

namespace fleet {

void HallBoard::set_alert_observer(AlertObserver observer) {
  const std::lock_guard lock(mutex_);
  alert_observer_ = std::move(observer);
}

KioskView& HallBoard::view(const KioskId& id) {
  const auto less = [](const KioskView& v, const KioskId& k) {
    return std::tie(v.id.hall, v.id.kiosk) < std::tie(k.hall, k.kiosk);
  };
  auto it = std::lower_bound(kiosks_.begin(), kiosks_.end(), id, less);
  if (it == kiosks_.end() || !(it->id == id))
    it = kiosks_.insert(it, KioskView{id, {}, {}, {}, {}});
  return *it;
}

void HallBoard::changed() {
  ++version_;
  cv_.notify_all();
}

bool HallBoard::take_ack(const AlertAck& ack) {
  KioskView& v = view(ack.kiosk);
  if (!v.open_alert || v.open_alert->id != ack.id) return false;
  v.answered = AnsweredAlert{*v.open_alert, ack};
  v.open_alert.reset();
  return true;
}

void HallBoard::apply(const MqttMessage& message) {
  const auto topic = topics::parse(message.topic);
  if (!topic) return;
  std::optional<StaffAlert> raised;
  AlertObserver observer;
  {
    const std::lock_guard lock(mutex_);
    switch (topic->kind) {
      case topics::Kind::Online:
        if (message.payload != kOnline && message.payload != kOffline) {
          ++bad_messages_;
          return;
        }
        view(topic->id).online = message.payload == kOnline;
        break;
      case topics::Kind::Status: {
        auto status = parse_status(message.payload);
        // A payload naming another kiosk than its topic is refused: the topic is what the
        // broker's ACL checked.
        if (!status || !(status->id == topic->id)) {
          ++bad_messages_;
          return;
        }
        view(topic->id).status = std::move(*status);
        break;
      }
      case topics::Kind::Alert: {
        KioskView& v = view(topic->id);
        if (message.payload.empty()) {  // the kiosk cleared its call
          if (!v.open_alert) return;
          v.open_alert.reset();
          break;
        }
        auto alert = parse_alert(message.payload);
        if (!alert || !(alert->kiosk == topic->id)) {
          ++bad_messages_;
          return;
        }
        // The retained copy of a call already answered here (after a reconnection) stays answered.
        if (v.answered && v.answered->alert.id == alert->id) return;
        if (v.open_alert && v.open_alert->id == alert->id) return;
        v.open_alert = *alert;
        raised = *alert;
        observer = alert_observer_;
        break;
      }
      case topics::Kind::AlertAck: {
        auto ack = parse_ack(message.payload);
        if (!ack || !(ack->kiosk == topic->id)) {
          ++bad_messages_;
          return;
        }
        if (!take_ack(*ack)) return;
        break;
      }
    }
    changed();
  }
  if (raised && observer) observer(*raised);
}

bool HallBoard::acknowledge(const AlertAck& ack) {
  const std::lock_guard lock(mutex_);
  if (!take_ack(ack)) return false;
  changed();
  return true;
}

BoardSnapshot HallBoard::snapshot() const {
  const std::lock_guard lock(mutex_);
  return BoardSnapshot{version_, kiosks_, bad_messages_};
}

std::optional<StaffAlert> HallBoard::open_alert(const KioskId& id) const {
  const std::lock_guard lock(mutex_);
  for (const auto& v : kiosks_) {
    if (v.id == id) return v.open_alert;
  }
  return std::nullopt;
}

bool HallBoard::wait_changed(long after, std::chrono::milliseconds limit) const {
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, limit, [&] { return version_ > after; });
}

}  // namespace fleet
