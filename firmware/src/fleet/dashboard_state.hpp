// The hall dashboard's picture of its kiosks (issue 16): for each kiosk the latest online word,
// status and open staff call, and the last call answered. Fed with the raw MQTT messages of
// kiosk/<hall>/# (read through fleet_messages, never by string matching) on MqttLink's network
// thread, read by the web server's threads: every method locks, readers get copies.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fleet/fleet_messages.hpp"
#include "fleet/mqtt_link.hpp"

namespace fleet {

// A call that staff took: the call and the acknowledgement (time taken = acked_at - raised_at).
struct AnsweredAlert {
  StaffAlert alert;
  AlertAck ack;
  long waited_s() const { return ack.acked_at - alert.raised_at; }
};

struct KioskView {
  KioskId id;
  std::optional<bool> online;             // nothing heard yet: unknown
  std::optional<KioskStatus> status;      // the latest status
  std::optional<StaffAlert> open_alert;   // a call nobody has answered yet
  std::optional<AnsweredAlert> answered;  // the last call answered
};

struct BoardSnapshot {
  long version = 0;               // counts every change, so a reader can wait for the next one
  std::vector<KioskView> kiosks;  // sorted by hall, then kiosk
  long bad_messages = 0;          // payloads that did not parse (a kiosk on another contract)
};

class HallBoard {
 public:
  // Runs after each alert is taken into the state (on the caller's thread, outside the lock):
  // the load bench stamps its alert -> dashboard latency here.
  using AlertObserver = std::function<void(const StaffAlert&)>;
  void set_alert_observer(AlertObserver observer);

  // One message from kiosk/<hall>/#. Topics about something else are ignored.
  void apply(const MqttMessage& message);
  // The dashboard's own acknowledgement, taken in at once (the broker echoes it back later; the
  // second copy changes nothing). False when `alert_id` is not the kiosk's open call.
  bool acknowledge(const AlertAck& ack);

  BoardSnapshot snapshot() const;
  std::optional<StaffAlert> open_alert(const KioskId& id) const;
  // Waits until the version is above `after` (true) or `limit` passes (false).
  bool wait_changed(long after, std::chrono::milliseconds limit) const;

 private:
  KioskView& view(const KioskId& id);  // under mutex_
  bool take_ack(const AlertAck& ack);  // under mutex_
  void changed();                      // under mutex_

  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::vector<KioskView> kiosks_;  // sorted; a hall has tens of kiosks, a load test 500
  long version_ = 0;
  long bad_messages_ = 0;
  AlertObserver alert_observer_;
};

}  // namespace fleet
