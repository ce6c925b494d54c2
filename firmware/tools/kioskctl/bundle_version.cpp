#include "bundle_version.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace kioskctl {
namespace {

using nlohmann::json;

// The numeric parts before the first character that is neither a digit nor a dot; nullopt
// when the version does not start with a digit or a part is absurdly long.
std::optional<std::vector<unsigned long>> numeric_parts(const std::string& v) {
  if (v.empty() || !std::isdigit(static_cast<unsigned char>(v[0]))) return std::nullopt;
  std::vector<unsigned long> parts{0};
  std::size_t digits = 0;
  for (const char c : v) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      if (++digits > 9) return std::nullopt;
      parts.back() = parts.back() * 10 + static_cast<unsigned long>(c - '0');
    } else if (c == '.') {
      if (digits == 0) return std::nullopt;
      parts.push_back(0);
      digits = 0;
    } else {
      break;
    }
  }
  if (digits == 0) return std::nullopt;  // "1." or "1.x"
  return parts;
}

const json& member(const json& j, const char* key) {
  static const json kNull;
  if (!j.is_object()) return kNull;
  const auto it = j.find(key);
  return it != j.end() ? *it : kNull;
}

std::string text(const json& j, const char* key) {
  const json& m = member(j, key);
  return m.is_string() ? m.get<std::string>() : std::string{};
}

}  // namespace

std::optional<int> compare_versions(const std::string& a, const std::string& b) {
  auto pa = numeric_parts(a);
  auto pb = numeric_parts(b);
  if (!pa || !pb) return std::nullopt;
  const std::size_t n = std::max(pa->size(), pb->size());
  pa->resize(n, 0);
  pb->resize(n, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if ((*pa)[i] != (*pb)[i]) return (*pa)[i] < (*pb)[i] ? -1 : 1;
  }
  return 0;
}

std::string waiting_version(const json& status) {
  const std::string primary = text(status, "boot_primary");
  const std::string booted = text(status, "booted");
  const json& slots = member(status, "slots");
  if (!slots.is_array() || primary.empty()) return {};
  for (const auto& slot : slots) {
    const json& s = member(slot, primary.c_str());
    if (!s.is_object() || text(s, "bootname") == booted) continue;
    return text(member(member(s, "slot_status"), "bundle"), "version");
  }
  return {};
}

std::string version_refusal(const std::string& bundle, const std::string& running,
                            const std::string& waiting) {
  const auto to_running = compare_versions(bundle, running);
  if (!to_running) {
    return "the bundle's version '" + bundle + "' is not a version number (MAJOR.MINOR.PATCH)";
  }
  if (*to_running <= 0) {
    return "the bundle holds version " + bundle + ", not newer than the running " + running +
           ": an older or the same system is never installed over a newer one (a technician "
           "who means it adds --allow-downgrade)";
  }
  if (waiting.empty()) return {};
  const auto to_waiting = compare_versions(bundle, waiting);
  if (to_waiting && *to_waiting <= 0) {
    return "version " + waiting + " is already installed and waits for the next boot; " + bundle +
           " is not newer (reboot to use it, or add --allow-downgrade)";
  }
  return {};
}

}  // namespace kioskctl
