// kioskctl status: one look at the kiosk's health for staff and technicians: the board,
// whether kioskd runs and is healthy, the readers present, the A/B slots.
#pragma once

#include <span>
#include <string>

namespace kioskctl {
int status_command(std::span<const std::string> args);
}
