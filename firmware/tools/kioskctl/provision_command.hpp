// kioskctl provision: turn a shipped board profile into this kiosk's own (service gateway,
// staff PIN hash), validated, written atomically to the data partition.
#pragma once

#include <span>
#include <string>

namespace kioskctl {
int provision_command(std::span<const std::string> args);
}
