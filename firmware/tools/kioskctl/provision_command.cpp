#include "provision_command.hpp"

#include <grp.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>

#include "arguments.hpp"
#include "board/profile.hpp"
#include "board/staff_pin.hpp"
#include "json_lines.hpp"

namespace kioskctl {
namespace {

namespace fs = std::filesystem;

const char* kHelp =
    R"(usage: kioskctl provision --board NAME|FILE [--gateway URL] [--staff-pin-stdin]
                         [--out FILE]

Writes this kiosk's board profile: the shipped profile NAME with the service gateway's home
page URL (its origin becomes the only one the kiosk may open) and the staff PIN, kept only as
a yescrypt hash. The PIN is read from standard input (never from the command line, where
`ps` would show it): 6 to 12 digits. The result is validated before it replaces FILE
(default /data/kiosk/board.toml, which kioskd and kioskctl then use).

exit codes: 0 written, 1 usage error, 2 refused (bad profile, URL or PIN; the reason is
printed), 3 the file could not be written
)";

// "https://zwdt.sh.gov.cn/a/b?c" -> "https://zwdt.sh.gov.cn"; empty if not http(s).
std::string origin_of(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return {};
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return {};
  const auto host_end = url.find_first_of("/?#", scheme_end + 3);
  const std::string origin = url.substr(0, host_end);
  if (origin.size() <= scheme_end + 3) return {};
  return origin;
}

}  // namespace

int provision_command(std::span<const std::string> args) {
  std::optional<std::string> board;
  std::optional<std::string> gateway;
  bool pin_from_stdin = false;
  std::string out = board::kProvisionedProfile;
  for (Arguments a(args, "kioskctl provision", kHelp); a.next();) {
    if (a.help()) return 0;
    if (a.flag("--staff-pin-stdin")) {
      pin_from_stdin = true;
    } else if (a.flag("--staff-pin")) {
      std::cerr << "kioskctl provision: give the PIN on standard input with --staff-pin-stdin "
                   "(a PIN on the command line is visible to every user)\n";
      return 1;
    } else if (!a.value("--board", board) && !a.value("--gateway", gateway) &&
               !a.value("--out", out)) {
      return a.unexpected();
    }
  }
  if (!board) {
    std::cerr << kHelp;
    return 1;
  }
  const std::string source = board::resolve_profile_path(*board);
  const auto loaded = board::load_profile_file(source);
  if (!loaded.profile) {
    emit({{"event", "provision-refused"}, {"reason", "bad board profile: " + loaded.error}});
    return 2;
  }
  toml::table doc;
  try {
    doc = toml::parse_file(source);
  } catch (const toml::parse_error& e) {
    emit({{"event", "provision-refused"}, {"reason", std::string(e.description())}});
    return 2;
  }
  if (gateway) {
    const std::string origin = origin_of(*gateway);
    if (origin.empty()) {
      emit({{"event", "provision-refused"},
            {"reason",
             "the gateway must be an http:// or https:// URL (got \"" + *gateway + "\")"}});
      return 2;
    }
    if (!doc.contains("content")) doc.insert("content", toml::table{});
    toml::table& content = *doc["content"].as_table();
    content.insert_or_assign("home", *gateway);
    content.insert_or_assign("origins", toml::array{origin});
  }
  bool pin_set = false;
  if (pin_from_stdin) {
    std::string pin;
    std::getline(std::cin, pin);
    while (!pin.empty() && (pin.back() == '\r' || pin.back() == ' ')) pin.pop_back();
    board::PinHashResult hashed = board::hash_staff_pin(pin);
    std::fill(pin.begin(), pin.end(), '\0');
    if (hashed.hash.empty()) {
      emit({{"event", "provision-refused"}, {"reason", hashed.error}});
      return 2;
    }
    if (!doc.contains("staff")) doc.insert("staff", toml::table{});
    doc["staff"].as_table()->insert_or_assign("pin_hash", hashed.hash);
    pin_set = true;
  }
  std::ostringstream text;
  text << "# Provisioned by `kioskctl provision` from " << source << "\n" << doc << "\n";
  // Validate what will be written, exactly as kioskd will read it.
  const auto check = board::load_profile_text(text.str(), out);
  if (!check.profile) {
    emit({{"event", "provision-refused"}, {"reason", check.error}});
    return 2;
  }
  std::error_code ec;
  const fs::path out_path(out);
  if (out_path.has_parent_path()) fs::create_directories(out_path.parent_path(), ec);
  const std::string tmp = out + ".new";
  {
    std::ofstream file(tmp, std::ios::trunc);
    file << text.str();
    if (!file.flush()) {
      emit({{"event", "provision-failed"}, {"reason", "cannot write " + tmp}});
      return 3;
    }
  }
  // kioskd runs as the unprivileged `kiosk` user and must be able to read the profile: a
  // profile it cannot read shows only 暂停服务. Where the kiosk group exists (the image) the file
  // is 0640 root:kiosk, so the staff PIN's hash is not readable by other users. Without that
  // group (a development machine, where kioskd runs as whoever starts it) or when the group
  // cannot be given (not run as root), it is 0644: the hash is salted yescrypt, and a profile
  // kioskd cannot read would take the kiosk out of service.
  const auto group_only = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read;
  std::string readable_by = "group kiosk (0640)";
  const group* kiosk = getgrnam("kiosk");
  if (kiosk == nullptr) {
    readable_by = "everyone (0644): no kiosk group on this machine (a development machine?)";
  } else if (chown(tmp.c_str(), geteuid(), kiosk->gr_gid) != 0) {
    readable_by =
        std::string("everyone (0644): could not give it to group kiosk: ") + std::strerror(errno);
    kiosk = nullptr;
  }
  fs::permissions(tmp, kiosk != nullptr ? group_only : group_only | fs::perms::others_read, ec);
  if (ec) {
    emit({{"event", "provision-failed"},
          {"reason", "cannot set the mode of " + tmp + ": " + ec.message()}});
    return 3;
  }
  fs::rename(tmp, out, ec);
  if (ec) {
    emit({{"event", "provision-failed"}, {"reason", "cannot write " + out + ": " + ec.message()}});
    return 3;
  }
  emit({{"event", "provisioned"},
        {"file", out},
        {"readable_by", readable_by},
        {"board", check.profile->name},
        {"home", check.profile->content.home},
        {"origins", check.profile->content.origins},
        {"staff_pin",
         pin_set ? "set" : (check.profile->staff.pin_hash.empty() ? "not set" : "kept")},
        {"next", "restart kioskd (systemctl restart kioskd) to use it"}});
  return 0;
}

}  // namespace kioskctl
