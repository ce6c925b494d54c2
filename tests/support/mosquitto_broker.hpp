// A real mosquitto broker for the fleet tests: started on a free loopback port with a config
// of the test's choosing in a fresh directory, waited for until it accepts connections, and
// stopped (SIGTERM, then SIGKILL) when the object goes. No broker installed: `start` says why
// and the test skips with that message.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/result.hpp"

namespace kiosk_test {

class MosquittoBroker {
 public:
  // `extra_config` is appended after "listener <port> 127.0.0.1" (so it applies to it):
  // "allow_anonymous true" when empty. The broker's log is kept in dir()/broker.log.
  static kiosk::Result<std::unique_ptr<MosquittoBroker>> start(
      const std::string& extra_config = {});
  ~MosquittoBroker();
  MosquittoBroker(const MosquittoBroker&) = delete;
  MosquittoBroker& operator=(const MosquittoBroker&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  const std::filesystem::path& dir() const { return dir_; }
  std::string log() const;  // what the broker wrote so far

 private:
  MosquittoBroker() = default;
  std::filesystem::path dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

// A free TCP port on 127.0.0.1 at the moment of asking.
int free_loopback_port();
// True once something accepts TCP connections on 127.0.0.1:port (false after `seconds`).
bool wait_for_port(int port, int seconds);

}  // namespace kiosk_test
