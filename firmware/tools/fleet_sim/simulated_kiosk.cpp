#include "simulated_kiosk.hpp"

namespace fleet_sim {

kiosk::Result<std::unique_ptr<SimulatedKiosk>> SimulatedKiosk::start(
    const fleet::KioskId& id, const fleet::MqttOptions& broker, bool clear_on_ack) {
  std::unique_ptr<SimulatedKiosk> kiosk(new SimulatedKiosk(id, clear_on_ack));
  fleet::MqttOptions o = broker;
  o.client_id = "kiosk-" + id.hall + "-" + id.kiosk;
  o.will = fleet::MqttWill{fleet::topics::online(id), fleet::kOffline, 1, true};
  SimulatedKiosk* self = kiosk.get();
  const std::lock_guard lock(self->link_mutex_);
  auto link = fleet::MqttLink::open(
      o,
      [self] {
        const std::lock_guard held(self->link_mutex_);
        if (!self->link_) return;
        (void)self->link_->publish(fleet::topics::online(self->id_), fleet::kOnline, 1, true);
        (void)self->link_->subscribe(fleet::topics::alert_ack(self->id_), 1);
      },
      [self](const fleet::MqttMessage& m) { self->heard(m); });
  if (!link) return link.error();
  self->link_ = std::move(*link);
  return kiosk;
}

SimulatedKiosk::~SimulatedKiosk() {
  std::unique_ptr<fleet::MqttLink> gone;
  {
    const std::lock_guard lock(link_mutex_);
    gone = std::move(link_);
  }
}

void SimulatedKiosk::heard(const fleet::MqttMessage& message) {
  const auto topic = fleet::topics::parse(message.topic);
  if (!topic || topic->kind != fleet::topics::Kind::AlertAck || !(topic->id == id_)) return;
  auto ack = fleet::parse_ack(message.payload);
  if (!ack) return;
  if (clear_on_ack_) {
    const std::lock_guard held(link_mutex_);  // the destructor may have taken the link
    if (link_) (void)link_->publish(fleet::topics::alert(id_), "", 1, true);
  }
  {
    const std::lock_guard lock(mutex_);
    acks_.push_back(std::move(*ack));
  }
  heard_.notify_all();
}

kiosk::Result<int> SimulatedKiosk::publish_status(const kiosk::HealthReport& health,
                                                  long published_at) {
  return link_->publish(fleet::topics::status(id_),
                        fleet::status_json(fleet::KioskStatus{id_, health, published_at}), 1, true);
}

kiosk::Result<int> SimulatedKiosk::raise_alert(long raised_at, fleet::StaffAlert* raised) {
  fleet::StaffAlert alert{id_, 0, raised_at};
  {
    const std::lock_guard lock(mutex_);
    alert.id = next_alert_++;
  }
  if (raised != nullptr) *raised = alert;
  return link_->publish(fleet::topics::alert(id_), fleet::alert_json(alert), 1, true);
}

long SimulatedKiosk::next_alert_id() const {
  const std::lock_guard lock(mutex_);
  return next_alert_;
}

kiosk::Result<int> SimulatedKiosk::clear_alert() {
  return link_->publish(fleet::topics::alert(id_), "", 1, true);
}

kiosk::Result<int> SimulatedKiosk::say_offline() {
  return link_->publish(fleet::topics::online(id_), fleet::kOffline, 1, true);
}

std::vector<fleet::AlertAck> SimulatedKiosk::acks() const {
  const std::lock_guard lock(mutex_);
  return acks_;
}

bool SimulatedKiosk::wait_ack(long alert_id, std::chrono::milliseconds limit) const {
  std::unique_lock lock(mutex_);
  return heard_.wait_for(lock, limit, [&] {
    for (const auto& a : acks_) {
      if (a.id == alert_id) return true;
    }
    return false;
  });
}

}  // namespace fleet_sim
