// One MQTT connection (libmosquitto from Debian) for the fleet's processes: the kiosk agent, the
// hall dashboard and the load simulator. It connects in the background and reconnects with
// back-off by itself, so a broker that is down never blocks the caller; `on_connected` runs
// after every (re)connection, which is where subscriptions and retained state are (re)sent.
// Callbacks run on libmosquitto's network thread: keep them short and hand work over.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kiosk/result.hpp"

namespace fleet {

struct MqttTls {
  std::string ca_file;    // the broker's CA
  std::string cert_file;  // this client's certificate (its CN is its MQTT identity)
  std::string key_file;
};

struct MqttWill {
  std::string topic;
  std::string payload;
  int qos = 1;
  bool retain = true;
};

struct MqttOptions {
  std::string client_id;  // unique per broker; empty: the broker picks one
  std::string host = "127.0.0.1";
  int port = 1883;
  int keepalive_s = 30;  // the broker publishes the will after 1.5x this without a word
  std::optional<MqttTls> tls;
  std::string username;  // optional (brokers that map certificates to users ignore it)
  std::string password;
  std::optional<MqttWill> will;
  // Subscribed by the link itself on every (re)connection, before `on_connected` runs: the
  // callback may come before open() has returned, when the caller has no link to call yet.
  std::vector<std::pair<std::string, int>> subscriptions;  // pattern, QoS
};

struct MqttMessage {
  std::string topic;
  std::string payload;
  bool retained = false;
};

class MqttLink {
 public:
  using OnConnected = std::function<void()>;
  using OnMessage = std::function<void(const MqttMessage&)>;

  // Starts the network thread and the first connection attempt; an error only for options
  // libmosquitto refuses (a TLS file missing, a bad will), never for a broker that is down.
  static kiosk::Result<std::unique_ptr<MqttLink>> open(const MqttOptions& options,
                                                       OnConnected on_connected,
                                                       OnMessage on_message);
  ~MqttLink();  // disconnects cleanly (no will) and joins the network thread
  MqttLink(const MqttLink&) = delete;
  MqttLink& operator=(const MqttLink&) = delete;

  // Queued even while disconnected at QoS >= 1 (sent after reconnection); returns the message id.
  kiosk::Result<int> publish(const std::string& topic, const std::string& payload, int qos,
                             bool retain);
  kiosk::Result<void> subscribe(const std::string& pattern, int qos);

  bool connected() const;
  bool wait_connected(std::chrono::milliseconds limit) const;
  // True once the broker acknowledged message `mid` (QoS 1: PUBACK; QoS 0: sent).
  bool wait_delivered(int mid, std::chrono::milliseconds limit) const;
  // Why the last connection attempt failed ("" while connected or before the first attempt).
  std::string last_error() const;

 private:
  struct State;
  explicit MqttLink(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace fleet
