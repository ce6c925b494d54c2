#include "fleet/agent.hpp"

#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <vector>

#include "kiosk/stick_update.hpp"  // write_file_atomically

namespace fleet {
namespace {

long wall_now() {
  return static_cast<long>(std::time(nullptr));
}

// No report to read (kioskd not started yet, or stopped): the hall sees the kiosk out of order
// and why, rather than the last report as if nothing happened.
kiosk::HealthReport no_report(const std::string& why) {
  kiosk::HealthReport r;
  r.display = {false, why};  // read_health's words: "no health report at … (kioskd not up yet?)"
  r.speech = {false, "unknown"};
  r.readers = {false, "unknown"};
  return r;
}

}  // namespace

// What libmosquitto's thread hands to step(): kept short there, handled on the agent's thread.
struct Agent::Inbox {
  std::mutex mutex;
  std::condition_variable arrived;
  bool connected_again = false;
  std::vector<AlertAck> acks;
};

kiosk::Result<std::unique_ptr<Agent>> Agent::start(const AgentConfig& config, Log log) {
  auto inbox = std::make_shared<Inbox>();
  std::unique_ptr<Agent> agent(new Agent(config, std::move(log), inbox));
  MqttOptions options = config.mqtt;
  options.will = MqttWill{topics::online(config.id), kOffline, 1, true};
  const std::string ack_topic = topics::alert_ack(config.id);
  const KioskId me = config.id;
  auto link = MqttLink::open(
      options,
      [inbox] {
        {
          const std::lock_guard lock(inbox->mutex);
          inbox->connected_again = true;
        }
        inbox->arrived.notify_all();
      },
      [inbox, ack_topic, me](const MqttMessage& m) {
        if (m.topic != ack_topic) return;
        auto ack = parse_ack(m.payload);
        // Another kiosk's acknowledgement (a broker without ACLs) is not ours to act on.
        if (!ack || !(ack->kiosk == me)) return;
        {
          const std::lock_guard lock(inbox->mutex);
          inbox->acks.push_back(std::move(*ack));
        }
        inbox->arrived.notify_all();
      });
  if (!link) return link.error();
  agent->link_ = std::move(*link);
  return agent;
}

Agent::Agent(AgentConfig config, Log log, std::shared_ptr<Inbox> inbox)
    : config_(std::move(config)),
      runtime_{config_.runtime_dir},
      log_(std::move(log)),
      inbox_(std::move(inbox)) {}

Agent::~Agent() {
  if (!link_) return;
  if (link_->connected()) {
    if (auto mid = link_->publish(topics::online(config_.id), kOffline, 1, true)) {
      (void)link_->wait_delivered(*mid, std::chrono::seconds(2));
    }
  }
  link_.reset();
}

void Agent::wait(Clock::time_point until) {
  std::unique_lock lock(inbox_->mutex);
  inbox_->arrived.wait_until(lock, until,
                             [&] { return inbox_->connected_again || !inbox_->acks.empty(); });
}

void Agent::step(Clock::time_point now) {
  bool connected_again = false;
  std::vector<AlertAck> acks;
  {
    const std::lock_guard lock(inbox_->mutex);
    connected_again = std::exchange(inbox_->connected_again, false);
    acks.swap(inbox_->acks);
  }
  if (now >= next_look_) {
    next_look_ = now + kLookEvery;
    look_at_health();
    if (runtime_dir_stale_) return;  // acknowledgements wait for the agent's next start
  }
  if (connected_again) on_connected();
  for (const auto& ack : acks) acknowledged(ack);
  const bool due = !published_at_ || now - *published_at_ >= config_.status_every;
  if (connected_again || due || health_text_ != published_health_) publish_status(now);
}

void Agent::on_connected() {
  log_("connected to " + config_.mqtt.host + ":" + std::to_string(config_.mqtt.port) + " as " +
       config_.id.hall + "/" + config_.id.kiosk);
  if (auto s = link_->subscribe(topics::alert_ack(config_.id), 1); !s) log_(s.error().technician);
  publish(topics::online(config_.id), kOnline);
  // The broker may have lost its retained messages, or hold an alert of an agent that died:
  // the alert topic says again what is true now.
  publish_alert();
}

void Agent::look_at_health() {
  const std::string path = runtime_.health();
  if (::access(runtime_.dir.c_str(), W_OK) != 0 && errno == EROFS) runtime_dir_stale_ = true;
  std::error_code ec;
  const auto mtime = std::filesystem::last_write_time(path, ec);
  const auto size = ec ? 0 : std::filesystem::file_size(path, ec);
  if (!ec && seen_mtime_ && *seen_mtime_ == mtime && seen_size_ == size) return;
  if (ec) {
    if (!seen_mtime_ && !health_text_.empty()) return;  // still missing
    seen_mtime_.reset();
  } else {
    seen_mtime_ = mtime;
    seen_size_ = size;
  }
  auto report = kiosk::read_health(path);
  if (!report) {
    seen_mtime_.reset();  // read again next time (written while we read, or gone)
    health_ = no_report(report.error().technician);
  } else {
    health_ = std::move(*report);
  }
  health_text_ = kiosk::health_json(health_);
  follow_staff_call(health_.staff_called);
}

void Agent::follow_staff_call(bool called) {
  if (called == staff_called_) return;
  staff_called_ = called;
  if (called) {
    open_alert_ = ++last_alert_id_;
    open_alert_raised_at_ = wall_now();
    log_("call for staff: alert " + std::to_string(*open_alert_) + " raised");
  } else {
    if (!open_alert_) return;  // acknowledged already
    log_("call for staff cleared at the kiosk: alert " + std::to_string(*open_alert_) + " closed");
    open_alert_.reset();
  }
  publish_alert();
}

void Agent::acknowledged(const AlertAck& ack) {
  if (!open_alert_ || ack.id != *open_alert_) {
    log_("acknowledgement of alert " + std::to_string(ack.id) + " ignored: not the open one");
    return;
  }
  // kioskd tells the citizen that someone is on the way (it only needs the file to appear).
  if (runtime_.enabled()) {
    if (auto w = kiosk::write_file_atomically(runtime_.staff_ack(), std::to_string(ack.id) + "\n");
        !w) {
      log_("staff-ack hand-over: " + w.error().technician);
    }
  }
  log_("alert " + std::to_string(ack.id) + " acknowledged by " + ack.by);
  open_alert_.reset();
  publish_alert();
}

void Agent::publish_status(Clock::time_point now) {
  KioskStatus status{config_.id, health_, wall_now()};
  // The report's uptime is as of when kioskd wrote it; the hall wants it as of now.
  if (health_.started_at > 0) status.health.uptime_s = status.published_at - health_.started_at;
  publish(topics::status(config_.id), status_json(status));
  published_health_ = health_text_;
  published_at_ = now;
}

void Agent::publish_alert() {
  if (open_alert_) {
    publish(topics::alert(config_.id),
            alert_json(StaffAlert{config_.id, *open_alert_, open_alert_raised_at_}));
  } else {
    publish(topics::alert(config_.id), "");  // an empty retained message clears it
  }
}

void Agent::publish(const std::string& topic, const std::string& payload) {
  // QoS 1 is queued while the link is down and sent after reconnecting.
  if (auto r = link_->publish(topic, payload, 1, true); !r) log_(r.error().technician);
}

}  // namespace fleet
