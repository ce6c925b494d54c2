#include "fleet_test_support.hpp"

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

namespace fleet_test {

std::unique_ptr<Recorder> Recorder::open(fleet::MqttOptions options, const std::string& pattern) {
  std::unique_ptr<Recorder> r(new Recorder());
  Recorder* self = r.get();
  auto link = fleet::MqttLink::open(
      options,
      [self, pattern] {
        // on_connected may run before open() returned: wait for the link to be stored.
        std::unique_lock lock(self->mutex_);
        self->changed_.wait(lock, [self] { return self->link_ != nullptr; });
        (void)self->link_->subscribe(pattern, 1);
      },
      [self](const fleet::MqttMessage& m) {
        {
          const std::lock_guard lock(self->mutex_);
          self->messages_.push_back(m);
        }
        self->changed_.notify_all();
      });
  if (!link) return nullptr;
  {
    const std::lock_guard lock(r->mutex_);
    r->link_ = std::move(*link);
  }
  r->changed_.notify_all();
  return r;
}

Recorder::~Recorder() {
  std::unique_ptr<fleet::MqttLink> link;
  {
    const std::lock_guard lock(mutex_);
    link = std::move(link_);
  }
  link.reset();  // joins the network thread outside our lock
}

std::vector<fleet::MqttMessage> Recorder::messages() const {
  const std::lock_guard lock(mutex_);
  return messages_;
}

bool Recorder::wait(const std::function<bool(const std::vector<fleet::MqttMessage>&)>& done,
                    std::chrono::milliseconds limit) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, limit, [&] { return done(messages_); });
}

std::optional<fleet::MqttMessage> Recorder::wait_last(
    const std::string& topic, std::chrono::milliseconds limit,
    const std::function<bool(const fleet::MqttMessage&)>& accept) const {
  std::optional<fleet::MqttMessage> found;
  wait(
      [&](const std::vector<fleet::MqttMessage>& all) {
        for (auto it = all.rbegin(); it != all.rend(); ++it) {
          if (it->topic != topic) continue;
          if (accept && !accept(*it)) return false;
          found = *it;
          return true;
        }
        return false;
      },
      limit);
  return found;
}

AgentProcess::AgentProcess(const std::filesystem::path& config, std::string program,
                           std::vector<std::string> extra)
    : log_(config.string() + ".log") {
  const std::string path = program.empty() ? std::string(KIOSK_AGENT_PATH) : program;
  const std::string config_text = config.string();
  const std::string log_text = log_.string();
  // Built before fork: the child only execs.
  std::vector<char*> argv{const_cast<char*>(path.c_str()), const_cast<char*>("--config"),
                          const_cast<char*>(config_text.c_str())};
  for (auto& e : extra) argv.push_back(e.data());
  argv.push_back(nullptr);
  pid_ = fork();
  if (pid_ == 0) {
    const int fd = ::open(log_text.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd >= 0) {
      dup2(fd, 1);
      dup2(fd, 2);
    }
    execv(path.c_str(), argv.data());
    _exit(127);
  }
}

AgentProcess::~AgentProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 50; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill_hard();
}

void AgentProcess::kill_hard() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::string AgentProcess::log() const {
  std::ifstream in(log_);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string agent_toml(const AgentToml& t) {
  std::string s = "[kiosk]\nhall = \"" + t.hall + "\"\nname = \"" + t.kiosk +
                  "\"\n[broker]\nhost = \"127.0.0.1\"\nport = " + std::to_string(t.port) +
                  "\nkeepalive_s = " + std::to_string(t.keepalive_s) + "\n";
  if (!t.ca.empty()) {
    s += "ca = \"" + t.ca + "\"\ncert = \"" + t.cert + "\"\nkey = \"" + t.key + "\"\n";
  }
  s += "[runtime]\ndir = \"" + t.runtime_dir + "\"\n";
  return s;
}

TempDir::TempDir(const std::string& prefix) {
  std::string pattern = "/tmp/" + prefix + "-XXXXXX";
  if (mkdtemp(pattern.data()) != nullptr) path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  if (!path_.empty()) std::filesystem::remove_all(path_, ec);
}

bool eventually(const std::function<bool()>& done, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= end) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

}  // namespace fleet_test
