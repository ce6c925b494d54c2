// See systemd_notify.hpp.
#include "systemd_notify.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>

namespace kiosk_test {

NotifySocket::NotifySocket(std::string path) : path_(std::move(path)) {
  sockaddr_un addr{};
  if (path_.size() >= sizeof addr.sun_path) return;
  unlink(path_.c_str());
  fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return;
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path_.c_str());
  if (bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd_);
    fd_ = -1;
  }
}

NotifySocket::~NotifySocket() {
  if (fd_ < 0) return;
  close(fd_);
  unlink(path_.c_str());
}

std::vector<std::string> NotifySocket::environment(std::chrono::microseconds watchdog) const {
  return {"NOTIFY_SOCKET=" + path_, "WATCHDOG_USEC=" + std::to_string(watchdog.count())};
}

bool NotifySocket::receive(std::chrono::milliseconds limit) {
  if (fd_ < 0) return false;
  pollfd p{fd_, POLLIN, 0};
  if (poll(&p, 1, static_cast<int>(limit.count())) <= 0) return false;
  char buf[1024];
  const ssize_t n = recv(fd_, buf, sizeof buf, MSG_DONTWAIT);
  if (n <= 0) return false;
  const auto now = Clock::now();
  const std::string msg(buf, static_cast<std::size_t>(n));
  if (msg.find("READY=1") != std::string::npos && !ready_at_) ready_at_ = now;
  if (msg.find("WATCHDOG=1") != std::string::npos) pings_.push_back(now);
  return true;
}

std::chrono::milliseconds NotifySocket::longest_gap(Clock::time_point now) const {
  using std::chrono::duration_cast;
  using std::chrono::milliseconds;
  if (!ready_at_) return milliseconds(0);
  auto worst = milliseconds(0);
  Clock::time_point last = *ready_at_;
  for (const auto& ping : pings_) {
    if (ping < last) continue;
    worst = std::max(worst, duration_cast<milliseconds>(ping - last));
    last = ping;
  }
  return std::max(worst, duration_cast<milliseconds>(now - last));
}

}  // namespace kiosk_test
