// Cheap facts about the device for the health report and the staff menu: is any network
// interface up, which A/B slot was booted, the firmware's version. Each is read when asked
// (a few system calls), none decides whether the kiosk is healthy.
#pragma once

#include <string>

#include "kiosk/health.hpp"

namespace kiosk {

// ok: a non-loopback interface is up and running; detail: their names ("eth0, wlan0").
HealthPart network_status();
// The rauc.slot= of the kernel command line ("A", "B"); empty off the A/B image.
std::string booted_slot(const std::string& cmdline_path = "/proc/cmdline");
std::string firmware_version();

}  // namespace kiosk
