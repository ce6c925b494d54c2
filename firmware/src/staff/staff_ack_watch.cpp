#include "staff_ack_watch.hpp"

#include <cstdio>
#include <filesystem>

namespace kiosk {

bool StaffAckWatch::poll(Clock::time_point now) {
  if (!paths_.enabled() || (polled_ && now - *polled_ < kPollEvery)) return false;
  polled_ = now;
  std::error_code ec;
  if (!std::filesystem::exists(paths_.staff_ack(), ec)) {
    stuck_ = false;
    return false;
  }
  if (stuck_) return false;  // seen already, and could not be removed
  if (!std::filesystem::remove(paths_.staff_ack(), ec) && ec) {
    // Left behind, it would be heard again every second: say so, and hear it once.
    std::fprintf(stderr, "kioskd: cannot remove %s: %s\n", paths_.staff_ack().c_str(),
                 ec.message().c_str());
    stuck_ = true;
  }
  return true;
}

std::optional<StaffAckWatch::Clock::time_point> StaffAckWatch::next_poll() const {
  if (!paths_.enabled()) return std::nullopt;
  return polled_ ? *polled_ + kPollEvery : Clock::now();
}

}  // namespace kiosk
