// kioskctl logs: kioskd's journal (or an exported log file), redacted line by line: no ID or
// card numbers, no names, no PIN bytes ever reach the technician's screen or a fault report.
#pragma once

#include <span>
#include <string>

namespace kioskctl {
int logs_command(std::span<const std::string> args);
}
