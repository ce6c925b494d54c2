// A kiosk as the broker and the hall dashboard see it, without kioskd: it says "online"
// (retained, with "offline" as its last will), publishes status and staff calls, and hears
// acknowledgements, all through fleet_messages and one MqttLink like the real kiosk agent.
// The dashboard tests and the fleet load bench (500 of them, one link and one libmosquitto
// thread each) publish with it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include "fleet/fleet_messages.hpp"
#include "fleet/mqtt_link.hpp"

namespace fleet_sim {

class SimulatedKiosk {
 public:
  // `broker` gives host, port and TLS; the client id, will and keepalive are the kiosk's.
  // With `clear_on_ack` the kiosk clears its retained call when the dashboard answers it, as
  // the agent does.
  static kiosk::Result<std::unique_ptr<SimulatedKiosk>> start(const fleet::KioskId& id,
                                                              const fleet::MqttOptions& broker,
                                                              bool clear_on_ack = true);
  ~SimulatedKiosk();  // the link (and its thread) goes first: its callbacks use the rest
  SimulatedKiosk(const SimulatedKiosk&) = delete;
  SimulatedKiosk& operator=(const SimulatedKiosk&) = delete;

  const fleet::KioskId& id() const { return id_; }
  fleet::MqttLink& link() { return *link_; }
  bool wait_connected(std::chrono::milliseconds limit) const {
    return link_->wait_connected(limit);
  }

  // Each returns the message id (for MqttLink::wait_delivered) or the publish error.
  kiosk::Result<int> publish_status(const kiosk::HealthReport& health, long published_at);
  // A citizen pressed 呼叫工作人员: the next call id, retained until cleared.
  kiosk::Result<int> raise_alert(long raised_at, fleet::StaffAlert* raised = nullptr);
  kiosk::Result<int> clear_alert();
  long next_alert_id() const;  // the id the next raise_alert gives its call
  // What the broker says for a kiosk that vanished (its will), said on purpose.
  kiosk::Result<int> say_offline();

  // Acknowledgements heard so far; waits until one for call `alert_id` came (false after limit).
  std::vector<fleet::AlertAck> acks() const;
  bool wait_ack(long alert_id, std::chrono::milliseconds limit) const;

 private:
  SimulatedKiosk(fleet::KioskId id, bool clear_on_ack)
      : id_(std::move(id)), clear_on_ack_(clear_on_ack) {}
  void heard(const fleet::MqttMessage& message);

  fleet::KioskId id_;
  bool clear_on_ack_;
  std::mutex link_mutex_;  // held while the link opens, so on_connected finds it
  std::unique_ptr<fleet::MqttLink> link_;
  mutable std::mutex mutex_;
  mutable std::condition_variable heard_;
  std::vector<fleet::AlertAck> acks_;
  long next_alert_ = 1;
};

}  // namespace fleet_sim
