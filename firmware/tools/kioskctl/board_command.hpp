// kioskctl board: show or check a board profile, and print the system files derived from it
// (udev rules for the readers, RAUC's system.conf).
#pragma once

#include <span>
#include <string>

namespace kioskctl {
int board_command(std::span<const std::string> args);
}
