// The kiosk agent (issue 16): kioskd's voice on the hall's MQTT broker, in a process of its own
// so kioskd stays off the network except for its gateway. It reads kioskd's health report from
// the runtime directory and publishes, per fleet_messages.hpp:
//   online  "online" once connected (retained); the broker publishes the will "offline"
//   status  KioskStatus on every change of the report and at least every status_every
//   alert   StaffAlert on the rising edge of staff_called (id counting up), cleared (an empty
//           retained message) on the falling edge or when the hall's dashboard acknowledges it
// and, on an AlertAck for the open alert, writes the staff-ack hand-over file kioskd watches
// (RuntimePaths::staff_ack): the citizen hears that someone is on the way.
//
// The main loop is a composition of steps (`step(now)`, then `wait(next_step())`): another
// piece of the agent (the hawkBit roll-out client) runs its own step beside this one.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "fleet/agent_config.hpp"
#include "fleet/fleet_messages.hpp"
#include "fleet/mqtt_link.hpp"
#include "kiosk/health.hpp"
#include "kiosk/result.hpp"
#include "kiosk/runtime_paths.hpp"

namespace fleet {

class Agent {
 public:
  using Clock = std::chrono::steady_clock;
  using Log = std::function<void(const std::string&)>;
  static constexpr auto kLookEvery = std::chrono::seconds(1);  // at the health report

  // Opens the broker connection (in the background: a broker that is down never blocks);
  // an error only for settings libmosquitto refuses (a certificate file missing).
  static kiosk::Result<std::unique_ptr<Agent>> start(const AgentConfig& config, Log log);
  // A clean stop publishes "offline" itself (the broker sends the will only for a lost link).
  ~Agent();
  Agent(const Agent&) = delete;
  Agent& operator=(const Agent&) = delete;

  // One turn: what the broker sent (acknowledgements, a reconnection), the health report if it
  // changed, then what has to be published.
  void step(Clock::time_point now);
  Clock::time_point next_step() const { return next_look_; }
  // Sleeps until `until`, or less when the broker sent something step() must handle.
  void wait(Clock::time_point until);

  // kioskd's runtime directory was made anew (kioskd restarted) and this process's sandbox
  // only sees it read-only (systemd bound the old one writable): the main loop ends and the
  // unit starts the agent again, in a sandbox that binds the new directory.
  bool runtime_dir_stale() const { return runtime_dir_stale_; }

  std::optional<long> open_alert() const { return open_alert_; }
  bool connected() const { return link_->connected(); }

 private:
  struct Inbox;
  Agent(AgentConfig config, Log log, std::shared_ptr<Inbox> inbox);
  void on_connected();
  void look_at_health();
  void follow_staff_call(bool called);
  void acknowledged(const AlertAck& ack);
  void publish_status(Clock::time_point now);
  void publish_alert();
  void publish(const std::string& topic, const std::string& payload);

  AgentConfig config_;
  kiosk::RuntimePaths runtime_;
  Log log_;
  std::shared_ptr<Inbox> inbox_;
  std::unique_ptr<MqttLink> link_;
  Clock::time_point next_look_{};
  // The health file as last read: its change time and size tell when to read it again.
  std::optional<std::filesystem::file_time_type> seen_mtime_;
  std::uintmax_t seen_size_ = 0;
  kiosk::HealthReport health_;
  std::string health_text_;       // health_json(health_): what "changed" means
  std::string published_health_;  // as last published
  std::optional<Clock::time_point> published_at_;
  bool staff_called_ = false;  // as last read
  long last_alert_id_ = 0;
  std::optional<long> open_alert_;
  long open_alert_raised_at_ = 0;
  bool runtime_dir_stale_ = false;
};

}  // namespace fleet
