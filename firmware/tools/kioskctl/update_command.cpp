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

#include "bundle_version.hpp"
#include "json_lines.hpp"
#include "kiosk/health.hpp"
#include "kiosk/runtime_paths.hpp"
#include "kiosk/stick_update.hpp"
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

// Offers the verified bundle to kioskd and waits until staff confirm it there (kioskd writes
// the consent only when no citizen is being served, after telling the hall an update runs).
// False when the stick went away, kioskd refused, or `wait_s` (0: no limit) passed first.
bool staff_consent(const kiosk::RuntimePaths& paths, const kiosk::UpdateOffer& offer,
                   const std::string& bundle_path, int wait_s) {
  std::error_code ec;
  fs::remove(paths.update_consent(), ec);
  fs::remove(paths.update_outcome(), ec);
  if (const auto written = kiosk::write_file_atomically(paths.update_offer(), to_json(offer));
      !written) {
    emit({{"event", "update-refused"}, {"reason", written.error().technician}});
    return false;
  }
  emit({{"event", "update-offered"},
        {"version", offer.version},
        {"next", "waiting for staff to confirm it in staff mode (Ctrl+Alt+S) on this kiosk"}});
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(wait_s);
  while (wait_s == 0 || std::chrono::steady_clock::now() < end) {
    if (!fs::is_regular_file(bundle_path, ec)) {
      emit({{"event", "update-withdrawn"}, {"reason", "the stick was taken away"}});
      fs::remove(paths.update_offer(), ec);
      return false;
    }
    if (const auto text = kiosk::read_small_file(paths.update_consent())) {
      const auto consent = kiosk::parse_update_consent(*text, paths.update_consent());
      if (consent && consent->version == offer.version) {
        emit({{"event", "update-confirmed"}, {"version", offer.version}});
        return true;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  emit({{"event", "update-withdrawn"},
        {"reason", "nobody confirmed the update within " + std::to_string(wait_s) + " s"}});
  fs::remove(paths.update_offer(), ec);
  return false;
}

// Tells kioskd how the confirmed install ended (it says so on screen and aloud).
void tell_outcome(const kiosk::RuntimePaths& paths, kiosk::UpdateOutcome outcome) {
  // The outcome first: an offer gone without one tells kioskd the installer stopped midway.
  if (const auto w = kiosk::write_file_atomically(paths.update_outcome(), to_json(outcome)); !w) {
    std::cerr << "kioskctl update: " << w.error().technician << "\n";
  }
  std::error_code ec;
  fs::remove(paths.update_offer(), ec);
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
  if (has("format 'plain' not allowed")) {
    return "the bundle is in the old plain format; this kiosk installs only verity bundles "
           "(board/update/make-bundle.sh ... verity)";
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
                      a bundle not newer than the running system (or than an update
                      waiting for the next boot) is refused (exit 2); --allow-downgrade
                      installs it anyway (a technician on site, knowingly)
                      only verity bundles are accepted (RAUC's system.conf)
  install --from-usb --ask-staff [--runtime-dir DIR] [--wait-staff SECONDS]
                      verify, then offer the update to kioskd (DIR, default /run/kiosk) and
                      install only once staff confirm it in staff mode, with no citizen
                      being served; the outcome is handed back to kioskd, which says it
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
    auto take_flag = [&rest](const char* flag) {
      const auto it = std::find(rest.begin(), rest.end(), flag);
      if (it == rest.end()) return false;
      rest.erase(it);
      return true;
    };
    const bool force = take_flag("--force");
    const bool allow_downgrade = take_flag("--allow-downgrade");
    const bool ask_staff = take_flag("--ask-staff");
    std::string runtime_dir = kiosk::kDefaultRuntimeDir;
    int wait_staff_s = 0;
    for (auto it = rest.begin(); it != rest.end();) {
      if ((*it == "--runtime-dir" || *it == "--wait-staff") && it + 1 != rest.end()) {
        if (*it == "--runtime-dir") runtime_dir = *(it + 1);
        if (*it == "--wait-staff") wait_staff_s = std::max(0, std::atoi((it + 1)->c_str()));
        it = rest.erase(it, it + 2);
      } else {
        ++it;
      }
    }
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
    const std::string path = fs::absolute(bundle).string();
    // Verified before anything else: the signature against the keyring and the bundle format
    // the kiosk accepts (verity only, set in system.conf by `kioskctl board rauc-conf`).
    std::string output;
    const auto info = rauc_json(conf, {"info", path}, output);
    if (!info) {
      emit({{"event", "update-refused"},
            {"bundle", bundle},
            {"reason", explain_rauc_error(output)},
            {"details", output}});
      return 2;
    }
    const auto status = rauc_json(conf, {"status", "--detailed"}, output);
    if (!force && status) {
      // A stick left in the kiosk must not reinstall its bundle on every boot, nor retry an
      // update this kiosk already gave up on.
      if (const std::string why = already_installed_reason(*status, bundle_checksum(*info));
          !why.empty()) {
        emit({{"event", "update-skipped"}, {"bundle", bundle}, {"reason", why}});
        return why.find("gave up") != std::string::npos ? 2 : 0;
      }
    }
    if (!allow_downgrade) {
      if (const std::string why = version_refusal(bundle_version(*info), KIOSK_VERSION,
                                                  status ? waiting_version(*status) : "");
          !why.empty()) {
        emit({{"event", "update-refused"},
              {"bundle", bundle},
              {"version", bundle_version(*info)},
              {"running", KIOSK_VERSION},
              {"reason", why}});
        return 2;
      }
    }
    const std::string version = bundle_version(*info);
    const kiosk::RuntimePaths paths{runtime_dir};
    if (ask_staff && !staff_consent(paths, {version, fs::path(bundle).filename().string()}, path,
                                    wait_staff_s)) {
      return 2;
    }
    const auto t0 = std::chrono::steady_clock::now();
    emit({{"event", "update-start"}, {"bundle", bundle}, {"bytes", fs::file_size(bundle, ec)}});
    const auto r = run_process(rauc(conf, {"install", path}));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (r.exit_code != 0) {
      emit({{"event", "update-refused"},
            {"bundle", bundle},
            {"reason", explain_rauc_error(r.output)},
            {"details", r.output}});
      if (ask_staff) tell_outcome(paths, {false, version, explain_rauc_error(r.output)});
      return 2;
    }
    if (ask_staff) tell_outcome(paths, {true, version, {}});
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
