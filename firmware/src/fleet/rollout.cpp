#include "fleet/rollout.hpp"

#include <fcntl.h>
#include <openssl/evp.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kiosk/health.hpp"

namespace fleet {
namespace {

namespace fs = std::filesystem;

int system_minute_of_day(std::chrono::system_clock::time_point now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm local{};
  localtime_r(&t, &local);
  return local.tm_hour * 60 + local.tm_min;
}

std::string hhmm(int minute) {
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", (minute / 60) % 24, minute % 60);
  return text;
}

bool is_bundle(const std::string& name) {
  return name.size() > 6 && name.ends_with(".raucb");
}

// The last reason kioskctl gave (its JSON lines), else the last line it printed.
std::string kioskctl_reason(const std::string& output) {
  std::string reason;
  std::string last_line;
  std::istringstream lines(output);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    last_line = line;
    const auto j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    const auto it = j.find("reason");
    if (it != j.end() && it->is_string()) reason = it->get<std::string>();
  }
  if (!reason.empty()) return reason;
  return last_line.substr(0, 300);
}

struct ChildOutput {
  int status = -1;  // exit code; -1: could not start or killed
  std::string output;
};

// argv only, never a shell; stdout and stderr together, bounded.
ChildOutput run(const std::vector<std::string>& argv) {
  ChildOutput r;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    r.output = "pipe failed";
    return r;
  }
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    r.output = "fork failed";
    return r;
  }
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    const char msg[] = "cannot run the installer\n";
    [[maybe_unused]] const auto w = ::write(2, msg, sizeof msg - 1);
    ::_exit(127);
  }
  ::close(fds[1]);
  std::array<char, 4096> buffer{};
  for (;;) {
    const ssize_t n = ::read(fds[0], buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (r.output.size() < (1 << 20)) r.output.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace

bool LocalWindow::contains(int minute) const {
  if (start_minute <= end_minute) return minute >= start_minute && minute < end_minute;
  return minute >= start_minute || minute < end_minute;  // wraps past midnight
}

std::optional<LocalWindow> parse_local_window(std::string_view text) {
  auto minute = [](std::string_view t) -> std::optional<int> {
    if (t.size() != 5 || t[2] != ':') return std::nullopt;
    for (const std::size_t i : {0u, 1u, 3u, 4u}) {
      if (t[i] < '0' || t[i] > '9') return std::nullopt;
    }
    const int h = (t[0] - '0') * 10 + (t[1] - '0');
    const int m = (t[3] - '0') * 10 + (t[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
  };
  const auto dash = text.find('-');
  if (dash == std::string_view::npos) return std::nullopt;
  const auto start = minute(text.substr(0, dash));
  const auto end = minute(text.substr(dash + 1));
  if (!start || !end || *start == *end) return std::nullopt;
  return LocalWindow{*start, *end};
}

kiosk::Result<std::string> sha256_file(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rbe"), std::fclose);
  if (!f) return kiosk::technician_error("cannot read " + path);
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
    return kiosk::technician_error("sha256 is not available");
  }
  std::array<unsigned char, 1 << 16> buffer{};
  for (;;) {
    const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), f.get());
    if (n > 0 && EVP_DigestUpdate(ctx.get(), buffer.data(), n) != 1) {
      return kiosk::technician_error("sha256 failed");
    }
    if (n < buffer.size()) break;
  }
  if (std::ferror(f.get())) return kiosk::technician_error("reading " + path + " failed");
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest.data(), &length) != 1) {
    return kiosk::technician_error("sha256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

KioskctlInstaller::KioskctlInstaller(std::string kioskctl, std::vector<std::string> extra_args)
    : kioskctl_(std::move(kioskctl)), extra_args_(std::move(extra_args)) {}

InstallOutcome KioskctlInstaller::install(const std::string& bundle_path) {
  std::vector<std::string> argv{kioskctl_, "update", "install", bundle_path};
  argv.insert(argv.end(), extra_args_.begin(), extra_args_.end());
  const ChildOutput r = run(argv);
  if (r.status == 0) return {true, {}};
  if (r.status == 3) return {false, "RAUC is not installed on this kiosk"};
  if (r.status == 127) return {false, "cannot run " + kioskctl_};
  const std::string reason = kioskctl_reason(r.output);
  return {false, reason.empty()
                     ? "kioskctl update install failed (exit " + std::to_string(r.status) + ")"
                     : reason};
}

Rollout::Rollout(DdiClient& client, Installer& installer, RolloutSettings settings)
    : client_(client), installer_(installer), settings_(std::move(settings)) {
  if (!settings_.minute_of_day) settings_.minute_of_day = system_minute_of_day;
  if (settings_.max_download_attempts < 1) settings_.max_download_attempts = 1;
}

Rollout::Clock::time_point Rollout::step(Clock::time_point now) {
  flush_final();
  if (now >= next_poll_) poll(now);
  if (action_ && !action_->downloaded) download(*action_, now);
  if (action_ && action_->downloaded) maybe_install(*action_, now);
  if (restart_pending_ && !action_) maybe_restart(now);

  Clock::time_point next = next_poll_;
  if (action_ && !action_->downloaded && action_->deployment.download != Handling::Skip) {
    next = std::min(next, std::max(action_->next_try, now));
  }
  if (action_ && action_->downloaded) next = std::min(next, now + settings_.recheck_install);
  if (unsent_final_ || restart_pending_) next = std::min(next, now + settings_.recheck_install);
  return next;
}

void Rollout::poll(Clock::time_point now) {
  const auto base = client_.poll();
  if (!base) {
    status_.last_error = base.error().technician;
    next_poll_ = now + settings_.unreachable_poll;
    return;
  }
  // hawkBit's sleep is the contract; a zero would turn into a request storm.
  next_poll_ = now + std::max(base->sleep, std::chrono::seconds(1));
  if (base->cancel_href) take_cancel(*base->cancel_href);
  if (base->deployment_href) {
    take_deployment(*base->deployment_href, now);
  } else if (action_ && !base->cancel_href) {
    // The server no longer assigns it (superseded or removed): nothing to report.
    std::error_code ec;
    fs::remove(action_->path, ec);
    status_.last_result = "action " + action_->deployment.action_id + " withdrawn by the server";
    action_.reset();
    status_.phase = RolloutStatus::Phase::Idle;
  }
}

void Rollout::take_cancel(const std::string& href) {
  const auto cancel = client_.cancel(href);
  if (!cancel) {
    status_.last_error = cancel.error().technician;
    return;
  }
  Feedback f{Execution::Canceled, Finished::Success, {"canceled before installing"}};
  const auto done = finished_.find(cancel->stop_id);
  if (done != finished_.end() && done->second) {
    // Installed already: the kiosk cannot take it back.
    f = {Execution::Rejected, Finished::None, {"already installed; cannot be canceled"}};
  }
  if (action_ && action_->deployment.action_id == cancel->stop_id) {
    std::error_code ec;
    fs::remove(action_->path, ec);
    action_.reset();
    status_.phase = RolloutStatus::Phase::Idle;
    status_.waiting_for.clear();
  }
  if (done == finished_.end()) finished_[cancel->stop_id] = false;
  status_.last_result = "canceled action " + cancel->stop_id;
  if (const auto sent = client_.cancel_feedback(cancel->action_id, f); !sent) {
    status_.last_error = sent.error().technician;
  }
}

void Rollout::take_deployment(const std::string& href, Clock::time_point now) {
  auto d = client_.deployment(href);
  if (!d) {
    status_.last_error = d.error().technician;
    return;
  }
  if (finished_.contains(d->action_id)) return;  // answered already; the server catches up
  if (action_ && action_->deployment.action_id == d->action_id) {
    action_->deployment = std::move(*d);  // the window and handling change while we wait
    return;
  }
  if (action_) {  // a new assignment replaces one the server dropped without a word
    std::error_code ec;
    fs::remove(action_->path, ec);
    action_.reset();
  }
  Action a;
  a.deployment = std::move(*d);
  int bundles = 0;
  for (const auto& chunk : a.deployment.chunks) {
    for (const auto& artifact : chunk.artifacts) {
      if (!is_bundle(artifact.filename)) continue;
      ++bundles;
      a.artifact = artifact;
      a.version = chunk.version;
    }
  }
  status_ = RolloutStatus{};
  status_.restart_pending = restart_pending_;
  status_.action_id = a.deployment.action_id;
  status_.version = a.version;
  told_waiting_.clear();
  action_ = std::move(a);
  if (bundles != 1) {
    finish(false, "the deployment holds " + std::to_string(bundles) +
                      " RAUC bundles (*.raucb); the kiosk installs exactly one");
    return;
  }
  if (action_->artifact.size == 0 || action_->artifact.size > settings_.max_bundle_bytes) {
    finish(false, "the bundle's size " + std::to_string(action_->artifact.size) +
                      " bytes is outside 1 .. " + std::to_string(settings_.max_bundle_bytes));
    return;
  }
  // Named by content, so a restarted agent resumes the same file; any other bundle goes (one
  // download on disk at a time).
  std::error_code ec;
  fs::create_directories(settings_.work_dir, ec);
  action_->path = (fs::path(settings_.work_dir) / (action_->artifact.sha256 + ".raucb")).string();
  for (auto it = fs::directory_iterator(settings_.work_dir, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().extension() == ".raucb" && it->path().string() != action_->path) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);
    }
  }
  action_->next_try = now;
  status_.phase = RolloutStatus::Phase::Downloading;
  send({Execution::Proceeding,
        Finished::None,
        {"accepted " + action_->artifact.filename + " (" + action_->version + ", " +
         std::to_string(action_->artifact.size) + " bytes)"}});
}

void Rollout::download(Action& a, Clock::time_point now) {
  if (a.deployment.download == Handling::Skip) {
    status_.waiting_for = "the server's download handling is skip";
    return;
  }
  if (now < a.next_try) return;
  ++a.attempts;
  status_.download_attempts = a.attempts;
  status_.waiting_for.clear();
  const DownloadResult r = client_.download(a.artifact.href, a.path, a.artifact.size);
  using O = DownloadResult::Outcome;
  std::string detail = r.detail;
  if (r.outcome == O::Complete) {
    const auto sha = sha256_file(a.path);
    std::error_code ec;
    const auto size = fs::file_size(a.path, ec);
    if (sha && !ec && size == a.artifact.size && *sha == a.artifact.sha256) {
      a.downloaded = true;
      status_.phase = RolloutStatus::Phase::WaitingToInstall;
      send({Execution::Downloaded,
            Finished::None,
            {"downloaded " + a.artifact.filename + " in " + std::to_string(a.attempts) +
             " attempt(s); size and sha256 verified"}});
      return;
    }
    const std::string why =
        !sha ? sha.error().technician
             : "sha256 mismatch: expected " + a.artifact.sha256 + ", downloaded " + *sha;
    fs::remove(a.path, ec);
    // Fetched in one piece from byte 0, the server's file is wrong: final. Pieced together
    // (a part file left by a power cut may end in garbage), fetch it whole once more.
    if (r.bytes_received == a.artifact.size) {
      finish(false, "the downloaded bundle is not the one announced (" + why + ")");
      return;
    }
    detail = why + " after a resumed download; fetching it again from the start";
  }
  status_.last_error = detail;
  if (r.outcome == O::NotFound || r.outcome == O::TooLarge || r.outcome == O::LocalError) {
    std::error_code ec;
    if (r.outcome != O::LocalError) fs::remove(a.path, ec);
    finish(false, "download failed: " + detail);
    return;
  }
  if (a.attempts >= settings_.max_download_attempts) {
    finish(false, "download failed after " + std::to_string(a.attempts) + " attempts: " + r.detail);
    return;
  }
  // Exponential back-off, capped; the partial file stays for the resume.
  auto wait = settings_.first_retry;
  for (int i = 1; i < a.attempts && wait < settings_.max_retry; ++i) wait *= 2;
  a.next_try = now + std::min(wait, settings_.max_retry);
}

// hawkBit's "forced" means "do not ask local applications"; a citizen at the kiosk and the
// maintenance windows are not such a question, so forced waits for them like attempt does.
std::string Rollout::install_blocker(const Action& a) const {
  if (a.deployment.update == Handling::Skip) return "the server's update handling is skip";
  if (a.deployment.window == ServerWindow::Unavailable) {
    return "the server's maintenance window is closed";
  }
  return {};
}

// What the hall says against disturbing the kiosk now: its own window, then kioskd's report.
std::string Rollout::hall_blocker(Clock::time_point now) const {
  if (settings_.local_window && !settings_.local_window->contains(settings_.minute_of_day(now))) {
    return "outside the hall's maintenance window " + hhmm(settings_.local_window->start_minute) +
           "-" + hhmm(settings_.local_window->end_minute);
  }
  const auto health = kiosk::read_health(settings_.health_file);
  if (!health) return "no health report from kioskd (" + health.error().technician + ")";
  if (health->citizen_served) return "a citizen is being served";
  return {};
}

void Rollout::maybe_restart(Clock::time_point now) {
  const std::string why = hall_blocker(now);
  status_.waiting_for = why.empty() ? std::string() : "to restart: " + why;
  if (!why.empty()) return;
  restart_pending_ = false;
  status_.restart_pending = false;
  settings_.restart();
}

void Rollout::maybe_install(Action& a, Clock::time_point now) {
  std::string why = install_blocker(a);
  if (why.empty()) why = hall_blocker(now);
  status_.waiting_for = why;
  if (!why.empty()) {
    if (why != told_waiting_) {
      told_waiting_ = why;
      send({Execution::Proceeding, Finished::None, {"waiting to install: " + why}});
    }
    return;
  }
  send({Execution::Proceeding, Finished::None, {"installing " + a.artifact.filename}});
  const InstallOutcome outcome = installer_.install(a.path);
  std::error_code ec;
  fs::remove(a.path, ec);
  if (outcome.ok) {
    restart_pending_ = static_cast<bool>(settings_.restart);
    status_.restart_pending = restart_pending_;
    finish(true, "installed " + a.artifact.filename + " (" + a.version +
                     ") in the inactive slot; it runs after the next restart");
  } else {
    finish(false, "install refused: " + outcome.reason);
  }
}

void Rollout::finish(bool success, const std::string& detail) {
  if (!action_) return;
  const std::string id = action_->deployment.action_id;
  finished_[id] = success;
  status_.last_result = (success ? "done: " : "failed: ") + detail;
  if (!success) status_.last_error = detail;
  status_.phase = RolloutStatus::Phase::Idle;
  status_.waiting_for.clear();
  action_.reset();
  send_final(id, {Execution::Closed, success ? Finished::Success : Finished::Failure, {detail}});
}

void Rollout::send(const Feedback& f) {
  if (!action_) return;
  // Progress is best effort: the final word is what the roll-out turns on.
  if (const auto sent = client_.feedback(action_->deployment.action_id, f); !sent) {
    status_.last_error = sent.error().technician;
  }
}

void Rollout::send_final(const std::string& action_id, const Feedback& f) {
  if (const auto sent = client_.feedback(action_id, f); !sent) {
    status_.last_error = sent.error().technician;
    unsent_final_ = std::make_pair(action_id, f);
    return;
  }
  unsent_final_.reset();
}

void Rollout::flush_final() {
  if (!unsent_final_) return;
  const auto [id, f] = *unsent_final_;
  send_final(id, f);
}

}  // namespace fleet
