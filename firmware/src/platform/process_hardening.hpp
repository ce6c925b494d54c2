// The kiosk process keeps personal data in memory: it must never end up in a core file.
#pragma once

#include <string>

namespace kiosk {

// Core size limit 0 and the process marked non-dumpable (which also keeps other users'
// debuggers out). Returns "" or what could not be done.
std::string disable_core_dumps();

}  // namespace kiosk
