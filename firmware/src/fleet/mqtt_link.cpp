#include "fleet/mqtt_link.hpp"

#include <mosquitto.h>

#include <condition_variable>
#include <mutex>
#include <set>

namespace fleet {
namespace {

using kiosk::technician_error;

std::once_flag library_once;

std::string mosquitto_reason(int rc) {
  return mosquitto_strerror(rc);
}

}  // namespace

struct MqttLink::State {
  struct Closer {
    void operator()(mosquitto* m) const { mosquitto_destroy(m); }
  };
  std::unique_ptr<mosquitto, Closer> mosq;
  OnConnected on_connected;
  std::vector<std::pair<std::string, int>> subscriptions;
  OnMessage on_message;
  mutable std::mutex mutex;
  mutable std::condition_variable changed;
  bool connected = false;
  std::string last_error;
  std::set<int> delivered;  // message ids acknowledged by the broker
  bool loop_started = false;
};

kiosk::Result<std::unique_ptr<MqttLink>> MqttLink::open(const MqttOptions& o,
                                                        OnConnected on_connected,
                                                        OnMessage on_message) {
  std::call_once(library_once, [] { mosquitto_lib_init(); });
  auto state = std::make_unique<State>();
  state->on_connected = std::move(on_connected);
  state->subscriptions = o.subscriptions;
  state->on_message = std::move(on_message);
  state->mosq.reset(
      mosquitto_new(o.client_id.empty() ? nullptr : o.client_id.c_str(), true, state.get()));
  if (!state->mosq) return technician_error("mosquitto_new failed (out of memory?)");
  mosquitto* m = state->mosq.get();
  mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311);
  if (o.tls) {
    const int rc = mosquitto_tls_set(m, o.tls->ca_file.c_str(), nullptr, o.tls->cert_file.c_str(),
                                     o.tls->key_file.c_str(), nullptr);
    if (rc != MOSQ_ERR_SUCCESS) {
      return technician_error("MQTT TLS set-up (ca " + o.tls->ca_file + ", cert " +
                              o.tls->cert_file + "): " + mosquitto_reason(rc));
    }
  }
  if (!o.username.empty()) {
    mosquitto_username_pw_set(m, o.username.c_str(),
                              o.password.empty() ? nullptr : o.password.c_str());
  }
  if (o.will) {
    const int rc =
        mosquitto_will_set(m, o.will->topic.c_str(), static_cast<int>(o.will->payload.size()),
                           o.will->payload.data(), o.will->qos, o.will->retain);
    if (rc != MOSQ_ERR_SUCCESS) {
      return technician_error("MQTT will on " + o.will->topic + ": " + mosquitto_reason(rc));
    }
  }
  mosquitto_reconnect_delay_set(m, 1, 30, true);
  mosquitto_connect_callback_set(m, [](mosquitto* mosq, void* obj, int rc) {
    auto* s = static_cast<State*>(obj);
    if (rc == 0) {
      for (const auto& [pattern, qos] : s->subscriptions) {
        mosquitto_subscribe(mosq, nullptr, pattern.c_str(), qos);
      }
    }
    {
      const std::lock_guard lock(s->mutex);
      s->connected = rc == 0;
      s->last_error = rc == 0 ? "" : mosquitto_connack_string(rc);
    }
    s->changed.notify_all();
    if (rc == 0 && s->on_connected) s->on_connected();
  });
  mosquitto_disconnect_callback_set(m, [](mosquitto*, void* obj, int rc) {
    auto* s = static_cast<State*>(obj);
    {
      const std::lock_guard lock(s->mutex);
      s->connected = false;
      if (rc != 0) s->last_error = "connection lost: " + mosquitto_reason(rc);
    }
    s->changed.notify_all();
  });
  mosquitto_publish_callback_set(m, [](mosquitto*, void* obj, int mid) {
    auto* s = static_cast<State*>(obj);
    {
      const std::lock_guard lock(s->mutex);
      // Bounded: a publisher that never waits (the load simulator) must not grow it forever.
      if (s->delivered.size() >= 4096) s->delivered.erase(s->delivered.begin());
      s->delivered.insert(mid);
    }
    s->changed.notify_all();
  });
  mosquitto_message_callback_set(m, [](mosquitto*, void* obj, const mosquitto_message* msg) {
    auto* s = static_cast<State*>(obj);
    if (!s->on_message || msg == nullptr || msg->topic == nullptr) return;
    MqttMessage message{msg->topic, {}, msg->retain};
    if (msg->payloadlen > 0) {
      message.payload.assign(static_cast<const char*>(msg->payload),
                             static_cast<std::size_t>(msg->payloadlen));
    }
    s->on_message(message);
  });
  // connect_async returns at once; the network thread retries until the broker answers.
  const int rc = mosquitto_connect_async(m, o.host.c_str(), o.port, o.keepalive_s);
  if (rc != MOSQ_ERR_SUCCESS) {
    const std::lock_guard lock(state->mutex);
    state->last_error =
        "connect " + o.host + ":" + std::to_string(o.port) + ": " + mosquitto_reason(rc);
  }
  const int loop = mosquitto_loop_start(m);
  if (loop != MOSQ_ERR_SUCCESS) {
    return technician_error("MQTT network thread: " + mosquitto_reason(loop));
  }
  state->loop_started = true;
  return std::unique_ptr<MqttLink>(new MqttLink(std::move(state)));
}

MqttLink::MqttLink(std::unique_ptr<State> state) : state_(std::move(state)) {}

MqttLink::~MqttLink() {
  if (!state_ || !state_->mosq) return;
  mosquitto_disconnect(state_->mosq.get());
  if (state_->loop_started) mosquitto_loop_stop(state_->mosq.get(), true);
}

kiosk::Result<int> MqttLink::publish(const std::string& topic, const std::string& payload, int qos,
                                     bool retain) {
  int mid = 0;
  const int rc = mosquitto_publish(state_->mosq.get(), &mid, topic.c_str(),
                                   static_cast<int>(payload.size()), payload.data(), qos, retain);
  // Disconnected is not a failure at QoS >= 1: libmosquitto keeps the message for later.
  if (rc != MOSQ_ERR_SUCCESS && !(rc == MOSQ_ERR_NO_CONN && qos > 0)) {
    return technician_error("MQTT publish " + topic + ": " + mosquitto_reason(rc));
  }
  return mid;
}

kiosk::Result<void> MqttLink::subscribe(const std::string& pattern, int qos) {
  const int rc = mosquitto_subscribe(state_->mosq.get(), nullptr, pattern.c_str(), qos);
  if (rc != MOSQ_ERR_SUCCESS) {
    return technician_error("MQTT subscribe " + pattern + ": " + mosquitto_reason(rc));
  }
  return {};
}

bool MqttLink::connected() const {
  const std::lock_guard lock(state_->mutex);
  return state_->connected;
}

bool MqttLink::wait_connected(std::chrono::milliseconds limit) const {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, limit, [&] { return state_->connected; });
}

bool MqttLink::wait_delivered(int mid, std::chrono::milliseconds limit) const {
  std::unique_lock lock(state_->mutex);
  return state_->changed.wait_for(lock, limit, [&] { return state_->delivered.count(mid) > 0; });
}

std::string MqttLink::last_error() const {
  const std::lock_guard lock(state_->mutex);
  return state_->last_error;
}

}  // namespace fleet
