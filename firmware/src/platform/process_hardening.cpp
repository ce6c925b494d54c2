#include "process_hardening.hpp"

#include <sys/auxv.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
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

std::string restart_without_malloc_cache(char** argv) {
  constexpr const char* kNoCache = "glibc.malloc.tcache_count=0";
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (tunables != nullptr && std::strstr(tunables, kNoCache) != nullptr) return "";
  if (getauxval(AT_SECURE) != 0) return "";  // glibc would drop the tunable: no exec loop
  const std::string wanted =
      tunables != nullptr && *tunables != '\0' ? std::string(tunables) + ":" + kNoCache : kNoCache;
  if (setenv("GLIBC_TUNABLES", wanted.c_str(), 1) != 0)
    return std::string("setenv(GLIBC_TUNABLES): ") + std::strerror(errno);
  execv("/proc/self/exe", argv);
  const std::string error = std::string("re-exec with ") + kNoCache + ": " + std::strerror(errno);
  // Running on as we are: leave the environment as it was.
  if (tunables != nullptr) {
    setenv("GLIBC_TUNABLES", tunables, 1);
  } else {
    unsetenv("GLIBC_TUNABLES");
  }
  return error;
}

}  // namespace kiosk
