// The test plays systemd for a kioskd it starts: a notify socket (NOTIFY_SOCKET) on which
// kioskd says READY=1 and WATCHDOG=1, and the gaps between the pings measured. Only what the
// watchdog would judge is kept: when READY came and when each ping arrived.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kiosk_test {

class NotifySocket {
 public:
  using Clock = std::chrono::steady_clock;

  // Binds a datagram socket at `path` (removed first if it exists). Check ok().
  explicit NotifySocket(std::string path);
  ~NotifySocket();
  NotifySocket(const NotifySocket&) = delete;
  NotifySocket& operator=(const NotifySocket&) = delete;

  bool ok() const { return fd_ >= 0; }
  // NOTIFY_SOCKET=... and WATCHDOG_USEC=... for the child's environment.
  std::vector<std::string> environment(std::chrono::microseconds watchdog) const;

  // Receives for up to `limit` (less if a message came); returns true if one did.
  bool receive(std::chrono::milliseconds limit);

  bool ready() const { return ready_at_.has_value(); }
  std::optional<Clock::time_point> ready_at() const { return ready_at_; }
  const std::vector<Clock::time_point>& pings() const { return pings_; }
  // The longest wait between READY=1 or a ping and the next ping, or until `now` when
  // nothing came since (a watchdog that stopped counts up to the moment it is asked).
  std::chrono::milliseconds longest_gap(Clock::time_point now) const;

 private:
  std::string path_;
  int fd_ = -1;
  std::optional<Clock::time_point> ready_at_;
  std::vector<Clock::time_point> pings_;
};

}  // namespace kiosk_test
