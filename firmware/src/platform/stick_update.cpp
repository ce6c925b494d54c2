#include "kiosk/stick_update.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

namespace kiosk {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxFile = 4096;

// j[key] as a string when it is one (json::value throws on another type).
bool string_field(const json& j, const char* key, std::string& into) {
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return false;
  into = it->get<std::string>();
  return true;
}

Result<json> parse_object(std::string_view text, const std::string& source) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) {
    return technician_error(source + ": not a JSON object");
  }
  return j;
}

std::string dump(const json& j) {
  return j.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string to_json(const UpdateOffer& offer) {
  return dump(json{{"version", offer.version}, {"bundle", offer.bundle}});
}

std::string to_json(const UpdateConsent& consent) {
  return dump(json{{"version", consent.version}});
}

std::string to_json(const UpdateOutcome& outcome) {
  return dump(json{
      {"installed", outcome.installed}, {"version", outcome.version}, {"reason", outcome.reason}});
}

Result<UpdateOffer> parse_update_offer(std::string_view text, const std::string& source) {
  auto j = parse_object(text, source);
  if (!j) return j.error();
  UpdateOffer offer;
  if (!string_field(*j, "version", offer.version) || offer.version.empty() ||
      !string_field(*j, "bundle", offer.bundle)) {
    return technician_error(source + ": an update offer needs \"version\" and \"bundle\"");
  }
  return offer;
}

Result<UpdateConsent> parse_update_consent(std::string_view text, const std::string& source) {
  auto j = parse_object(text, source);
  if (!j) return j.error();
  UpdateConsent consent;
  if (!string_field(*j, "version", consent.version) || consent.version.empty()) {
    return technician_error(source + ": a consent needs the \"version\" it covers");
  }
  return consent;
}

Result<UpdateOutcome> parse_update_outcome(std::string_view text, const std::string& source) {
  auto j = parse_object(text, source);
  if (!j) return j.error();
  UpdateOutcome outcome;
  const auto installed = j->find("installed");
  if (installed == j->end() || !installed->is_boolean() ||
      !string_field(*j, "version", outcome.version)) {
    return technician_error(source + ": an update outcome needs \"installed\" and \"version\"");
  }
  outcome.installed = installed->get<bool>();
  string_field(*j, "reason", outcome.reason);
  return outcome;
}

Result<std::string> read_small_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return technician_error(path + ": " + std::strerror(errno));
  std::string text(kMaxFile + 1, '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (got > kMaxFile) return technician_error(path + ": longer than 4 KiB, not ours");
  text.resize(got);
  return text;
}

Result<void> write_file_atomically(const std::string& path, const std::string& text) {
  const std::string temp = path + ".new";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return technician_error("cannot write " + temp + ": " + std::strerror(errno));
  ::fchmod(fd, 0644);  // whatever the umask: the other side (another user) reads it
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  ::close(fd);
  if (!written || std::rename(temp.c_str(), path.c_str()) != 0) {
    ::unlink(temp.c_str());
    return technician_error("cannot write " + path + ": " + std::strerror(errno));
  }
  return {};
}

}  // namespace kiosk
