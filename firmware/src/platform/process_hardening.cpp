#include "process_hardening.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>

namespace kiosk {

std::string disable_core_dumps() {
  std::string error;
  const rlimit none{0, 0};
  if (setrlimit(RLIMIT_CORE, &none) != 0)
    error = std::string("setrlimit(RLIMIT_CORE): ") + std::strerror(errno);
  if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    if (!error.empty()) error += "; ";
    error += std::string("prctl(PR_SET_DUMPABLE): ") + std::strerror(errno);
  }
  return error;
}

}  // namespace kiosk
