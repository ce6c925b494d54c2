#include "headphone_jack.hpp"

#include <fcntl.h>
#include <libevdev/libevdev.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {

std::optional<bool> jack_state_from_event(unsigned type, unsigned code, int value) {
  if (type != EV_SW || code != SW_HEADPHONE_INSERT) return std::nullopt;
  return value != 0;
}

Result<std::unique_ptr<HeadphoneJack>> HeadphoneJack::open(const std::string& path) {
  std::unique_ptr<HeadphoneJack> jack(new HeadphoneJack());
  jack->fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (jack->fd_ < 0) {
    return technician_error("headphone jack " + path + ": " + std::strerror(errno) +
                            " (check [audio] headphone_jack and the kiosk user's input group)");
  }
  if (const int rc = libevdev_new_from_fd(jack->fd_, &jack->dev_); rc < 0) {
    return technician_error("headphone jack " + path + ": not an input device (" +
                            std::strerror(-rc) + ")");
  }
  if (!libevdev_has_event_code(jack->dev_, EV_SW, SW_HEADPHONE_INSERT)) {
    return technician_error("headphone jack " + path + ": \"" +
                            std::string(libevdev_get_name(jack->dev_)) +
                            "\" reports no SW_HEADPHONE_INSERT switch");
  }
  jack->inserted_ = libevdev_get_event_value(jack->dev_, EV_SW, SW_HEADPHONE_INSERT) != 0;
  return jack;
}

HeadphoneJack::~HeadphoneJack() {
  if (dev_ != nullptr) libevdev_free(dev_);
  if (fd_ >= 0) ::close(fd_);
}

std::optional<bool> HeadphoneJack::poll() {
  const bool before = inserted_;
  input_event ev{};
  for (;;) {
    int rc = libevdev_next_event(dev_, LIBEVDEV_READ_FLAG_NORMAL, &ev);
    if (rc == LIBEVDEV_READ_STATUS_SYNC) {
      // Events were dropped: catch up with the device's real state.
      while (rc == LIBEVDEV_READ_STATUS_SYNC) {
        rc = libevdev_next_event(dev_, LIBEVDEV_READ_FLAG_SYNC, &ev);
      }
      inserted_ = libevdev_get_event_value(dev_, EV_SW, SW_HEADPHONE_INSERT) != 0;
      continue;
    }
    if (rc != LIBEVDEV_READ_STATUS_SUCCESS) break;  // -EAGAIN: nothing more for now
    if (const auto state = jack_state_from_event(ev.type, ev.code, ev.value)) inserted_ = *state;
  }
  if (inserted_ == before) return std::nullopt;
  return inserted_;
}

}  // namespace kiosk
