#include "device_facts.hpp"

#include <ifaddrs.h>
#include <net/if.h>

#include <fstream>
#include <iterator>
#include <set>

namespace kiosk {

HealthPart network_status() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return {false, "getifaddrs failed"};
  std::set<std::string> up;
  for (const ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
    const unsigned flags = i->ifa_flags;
    if ((flags & IFF_UP) != 0 && (flags & IFF_RUNNING) != 0 && (flags & IFF_LOOPBACK) == 0) {
      up.insert(i->ifa_name);
    }
  }
  freeifaddrs(list);
  std::string names;
  for (const auto& n : up) names += (names.empty() ? "" : ", ") + n;
  return {!up.empty(), up.empty() ? "no interface up" : names};
}

std::string booted_slot(const std::string& cmdline_path) {
  std::ifstream in(cmdline_path);
  const std::string line((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string key = "rauc.slot=";
  const auto at = line.find(key);
  if (at == std::string::npos || (at > 0 && line[at - 1] != ' ')) return {};
  const auto start = at + key.size();
  return line.substr(start, line.find_first_of(" \n", start) - start);
}

std::string firmware_version() {
  return KIOSK_VERSION;
}

}  // namespace kiosk
