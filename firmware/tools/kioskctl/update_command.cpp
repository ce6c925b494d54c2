#include "update_command.hpp"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include "json_lines.hpp"
#include "kiosk/health.hpp"
#include "kiosk/runtime_paths.hpp"
#include "process.hpp"
#include "rauc_json.hpp"

namespace kioskctl {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::vector<std::string> rauc(const std::optional<std::string>& conf,
                              std::vector<std::string> rest) {
  std::vector<std::string> argv{"rauc"};
  if (conf) {
    argv.push_back("--conf=" + *conf);
  }
  argv.insert(argv.end(), rest.begin(), rest.end());
  return argv;
}

// Newest *.raucb on a mounted USB stick (by modification time).
std::optional<fs::path> bundle_on_usb() {
  std::optional<fs::path> best;
  fs::file_time_type best_time{};
  for (const char* root : {"/media", "/run/media", "/mnt"}) {
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it.depth() > 3) it.disable_recursion_pending();
      if (it->is_regular_file(ec) && it->path().extension() == ".raucb") {
        const auto t = it->last_write_time(ec);
        if (!best || t > best_time) {
          best = it->path();
          best_time = t;
        }
      }
    }
  }
  return best;
}

// Why kioskd is not healthy yet ("no health report at …", "display: offscreen"); nullopt once
// it reports every part up.
std::optional<std::string> not_healthy(const std::string& health_file) {
  const auto health = kiosk::read_health(health_file);
  if (!health) return health.error().technician;
  if (health->healthy()) return std::nullopt;
  std::string why;
  const std::pair<const char*, const kiosk::HealthPart*> parts[] = {{"display", &health->display},
                                                                    {"speech", &health->speech},
                                                                    {"readers", &health->readers},
                                                                    {"profile", &health->profile}};
  for (const auto& [name, part] : parts) {
    if (part->ok) continue;
    why += (why.empty() ? "" : ", ") + std::string(name) + ": " + part->detail;
  }
  return why;
}

// A RAUC command's JSON output (rauc prints log lines before it); nullopt if it failed or
// printed none, with what it printed in `output`.
std::optional<json> rauc_json(const std::optional<std::string>& conf, std::vector<std::string> args,
                              std::string& output) {
  args.push_back("--output-format=json");
  const auto r = run_process(rauc(conf, std::move(args)));
  output = r.output;
  if (r.exit_code != 0) return std::nullopt;
  return parse_rauc_json(r.output);
}

// Non-empty when the bundle's root image is already in a slot that matters: the one booted
// next (nothing to do) or one the boot counter marked bad (this update failed here before).
std::string already_installed(const std::optional<std::string>& conf, const std::string& bundle) {
  std::string output;
  const auto bundle_info = rauc_json(conf, {"info", bundle}, output);
  if (!bundle_info) return {};  // the install itself will explain what is wrong
  const std::string digest = bundle_checksum(*bundle_info);
  const auto status = rauc_json(conf, {"status", "--detailed"}, output);
  if (digest.empty() || !status) return {};
  return already_installed_reason(*status, digest);
}

}  // namespace

std::string explain_rauc_error(const std::string& out) {
  auto has = [&](const char* s) { return out.find(s) != std::string::npos; };
  if (has("Compatible mismatch") || has("compatible mismatch")) {
    return "the bundle is built for another kind of kiosk (its compatible string does not match "
           "this board's); use the bundle made for this board";
  }
  if (has("unable to get local issuer") || has("certificate verify") ||
      has("self-signed certificate") || has("self signed certificate")) {
    return "the bundle is signed by a certificate this kiosk does not trust (another CA); use a "
           "bundle from the official update service";
  }
  // Checked before the signature: a cut-off file also fails its signature check.
  if (has("too small") || has("Failed to read") || has("identifier") || has("truncated") ||
      has("unexpected end") || has("Invalid bundle") || has("Is this a RAUC bundle")) {
    return "the file is not a complete update bundle (truncated or not a bundle); copy it again";
  }
  if (has("ignature") || has("verif") || has("Digest mismatch") || has("hash")) {
    return "the bundle's signature does not match its contents: it was changed after signing or "
           "damaged on the way; fetch it again";
  }
  if (has("Failed to connect") || has("D-Bus") || has("dbus") || has("ServiceUnknown")) {
    return "the update service (rauc.service) is not running; check `systemctl status rauc`";
  }
  return "the update was refused; see the details";
}

std::optional<std::vector<json>> rauc_status(const std::optional<std::string>& conf,
                                             std::string& error) {
  std::string output;
  const auto status = rauc_json(conf, {"status", "--detailed"}, output);
  if (!status) {
    error = explain_rauc_error(output) + " (" + output.substr(0, 300) + ")";
    return std::nullopt;
  }
  return rauc_status_lines(*status);
}

const char* update_help() {
  return R"(usage: kioskctl update VERB [options]

  install FILE        verify FILE (a signed RAUC bundle) and write it to the inactive slot,
                      which becomes the one booted next; the running slot is not touched
  install --from-usb  the same with the newest *.raucb on a mounted USB stick
                      a bundle already in the slot booted next is skipped (exit 0), one that
                      failed here before is refused (exit 2); --force installs anyway
  status              slots, which one is booted and primary, and their states (JSON lines)
  mark-good [--wait-healthy SECONDS] [--health-file FILE]
                      confirm the booted slot; with --wait-healthy, only once kioskd reports
                      display, speech and readers up (default file /run/kiosk/health)
options:
  --rauc-conf FILE    RAUC system.conf to use (tests; default: RAUC's own)

exit codes: 0 done, 1 usage error, 2 refused or failed (the reason is printed),
            3 RAUC is not installed
)";
}

int update_command(std::span<const std::string> args) {
  std::optional<std::string> conf;
  if (const char* env = std::getenv("KIOSK_RAUC_CONF")) conf = env;
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--rauc-conf" && i + 1 < args.size()) {
      conf = args[++i];
    } else if (args[i] == "--help" || args[i] == "-h") {
      std::cout << update_help();
      return 0;
    } else {
      rest.push_back(args[i]);
    }
  }
  if (rest.empty()) {
    std::cerr << update_help();
    return 1;
  }
  if (!program_exists("rauc")) {
    std::cerr << "kioskctl update: rauc is not installed (Debian package rauc)\n";
    return 3;
  }
  const std::string verb = rest[0];
  if (verb == "install") {
    const bool force = std::find(rest.begin(), rest.end(), "--force") != rest.end();
    if (force) rest.erase(std::find(rest.begin(), rest.end(), "--force"));
    if (rest.size() != 2) {
      std::cerr << "kioskctl update install: give a bundle file or --from-usb\n";
      return 1;
    }
    std::string bundle = rest[1];
    if (bundle == "--from-usb") {
      auto found = bundle_on_usb();
      if (!found) {
        emit({{"event", "update-refused"},
              {"reason", "no *.raucb file on a mounted USB stick (/media, /run/media, /mnt)"}});
        return 2;
      }
      bundle = found->string();
    }
    std::error_code ec;
    if (!fs::is_regular_file(bundle, ec)) {
      emit({{"event", "update-refused"}, {"bundle", bundle}, {"reason", "no such file"}});
      return 2;
    }
    if (!force) {
      // A stick left in the kiosk must not reinstall its bundle on every boot, nor retry an
      // update this kiosk already gave up on.
      if (const std::string why = already_installed(conf, fs::absolute(bundle).string());
          !why.empty()) {
        emit({{"event", "update-skipped"}, {"bundle", bundle}, {"reason", why}});
        return why.find("gave up") != std::string::npos ? 2 : 0;
      }
    }
    const auto t0 = std::chrono::steady_clock::now();
    emit({{"event", "update-start"}, {"bundle", bundle}, {"bytes", fs::file_size(bundle, ec)}});
    const auto r = run_process(rauc(conf, {"install", fs::absolute(bundle).string()}));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r.exit_code != 0) {
      emit({{"event", "update-refused"},
            {"bundle", bundle},
            {"reason", explain_rauc_error(r.output)},
            {"details", r.output}});
      return 2;
    }
    emit(
        {{"event", "update-installed"},
         {"bundle", bundle},
         {"seconds", seconds},
         {"next", "reboot into the new slot; it is confirmed once kioskd reports itself healthy"}});
    return 0;
  }
  if (verb == "status") {
    std::string error;
    const auto summary = rauc_status(conf, error);
    if (!summary) {
      emit({{"event", "update-status-error"}, {"reason", error}});
      return 2;
    }
    for (const auto& line : *summary) emit(line);
    return 0;
  }
  if (verb == "mark-good") {
    int wait = 0;
    std::string health_file = kiosk::RuntimePaths{kiosk::kDefaultRuntimeDir}.health();
    for (std::size_t i = 1; i < rest.size(); ++i) {
      if (rest[i] == "--wait-healthy" && i + 1 < rest.size()) {
        wait = std::atoi(rest[++i].c_str());
      } else if (rest[i] == "--health-file" && i + 1 < rest.size()) {
        health_file = rest[++i];
      } else {
        std::cerr << "kioskctl update mark-good: unknown option " << rest[i] << "\n";
        return 1;
      }
    }
    if (wait > 0) {
      const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(wait);
      auto why = not_healthy(health_file);
      while (why && std::chrono::steady_clock::now() < end) {
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        why = not_healthy(health_file);
      }
      if (why) {
        emit({{"event", "mark-good-refused"},
              {"reason", "kioskd did not report itself healthy within " + std::to_string(wait) +
                             " s (" + *why + "); the slot stays unconfirmed"}});
        return 2;
      }
    }
    const auto r = run_process(rauc(conf, {"status", "mark-good"}));
    if (r.exit_code != 0) {
      emit({{"event", "mark-good-failed"},
            {"reason", explain_rauc_error(r.output)},
            {"details", r.output}});
      return 2;
    }
    emit({{"event", "marked-good"}, {"details", r.output}});
    return 0;
  }
  std::cerr << "kioskctl update: unknown verb '" << verb << "'\n" << update_help();
  return 1;
}

}  // namespace kioskctl
