// What the fleet's end-to-end tests share: a subscriber that records every message it is sent,
// the kiosk-agent as a child process (KIOSK_AGENT_PATH, set by CMake), and agent.toml files.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "fleet/mqtt_link.hpp"

namespace fleet_test {

// Subscribes to `pattern` after every connection and keeps every message, in order.
class Recorder {
 public:
  // Fails the calling test (ASSERT) through its result: null when the link cannot be opened.
  static std::unique_ptr<Recorder> open(fleet::MqttOptions options, const std::string& pattern);
  ~Recorder();

  std::vector<fleet::MqttMessage> messages() const;
  // True once `done` holds for the messages so far (false after `limit`).
  bool wait(const std::function<bool(const std::vector<fleet::MqttMessage>&)>& done,
            std::chrono::milliseconds limit) const;
  // The last message on `topic`, once one came (and `accept` took it).
  std::optional<fleet::MqttMessage> wait_last(
      const std::string& topic, std::chrono::milliseconds limit,
      const std::function<bool(const fleet::MqttMessage&)>& accept = {}) const;
  fleet::MqttLink& link() { return *link_; }

 private:
  Recorder() = default;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<fleet::MqttMessage> messages_;
  std::unique_ptr<fleet::MqttLink> link_;
};

// kiosk-agent --config FILE, its stderr kept in FILE.log; SIGTERM (then SIGKILL) when it goes.
// `program` another fleet process taking --config the same way (kiosk-rollout), with `extra`
// arguments after it.
class AgentProcess {
 public:
  explicit AgentProcess(const std::filesystem::path& config, std::string program = {},
                        std::vector<std::string> extra = {});
  ~AgentProcess();
  AgentProcess(const AgentProcess&) = delete;
  AgentProcess& operator=(const AgentProcess&) = delete;
  pid_t pid() const { return pid_; }
  void kill_hard();  // SIGKILL: no goodbye, the broker's will speaks for it
  std::string log() const;

 private:
  pid_t pid_ = -1;
  std::filesystem::path log_;
};

struct AgentToml {
  std::string hall = "h1";
  std::string kiosk = "k01";
  int port = 0;
  std::string runtime_dir;
  std::string ca, cert, key;  // all or none
  int keepalive_s = 5;
};
std::string agent_toml(const AgentToml& t);

// A fresh directory under /tmp, removed with the object.
class TempDir {
 public:
  explicit TempDir(const std::string& prefix);
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Polls (every 20 ms) until `done` or `limit` has passed.
bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit);

}  // namespace fleet_test
