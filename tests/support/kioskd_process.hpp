// kioskd as a child process for end-to-end tests: its stdout and stderr on a pipe the test
// reads (wait for a log line, collect everything it said), stopped with SIGTERM and, if it
// does not go, SIGKILL. Everything the child needs is built before fork (another thread of
// the test, such as the demo gateway's, may hold malloc's lock at that moment). The test
// binary defines KIOSKD_PATH (CMake passes the built kioskd).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

namespace kiosk_test {

class KioskdProcess {
 public:
  KioskdProcess(const std::vector<std::string>& args, const std::vector<std::string>& env) {
    std::vector<char*> argv{const_cast<char*>(KIOSKD_PATH)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    for (char** e = environ; *e != nullptr; ++e) envp.push_back(*e);
    envp.push_back(nullptr);
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], 1);
      dup2(fds[1], 2);
      execve(KIOSKD_PATH, argv.data(), envp.data());
      _exit(127);
    }
    close(fds[1]);
    out_fd_ = fds[0];
  }
  ~KioskdProcess() { stop(); }
  KioskdProcess(const KioskdProcess&) = delete;
  KioskdProcess& operator=(const KioskdProcess&) = delete;

  pid_t pid() const { return pid_; }
  const std::string& output() const { return output_; }

  // Reads output until it contains `marker` (true) or the time is up or kioskd exits (false).
  bool wait_for(const std::string& marker, std::chrono::seconds limit) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (output_.find(marker) == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            end - std::chrono::steady_clock::now())
                            .count();
      if (left <= 0 || out_fd_ < 0) return false;
      pollfd p{out_fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
      if (!read_some()) return output_.find(marker) != std::string::npos;
    }
    return true;
  }

  // Reads what kioskd wrote so far without waiting (its pipe must not fill up while a test
  // watches something else).
  void drain() {
    while (out_fd_ >= 0) {
      pollfd p{out_fd_, POLLIN, 0};
      if (poll(&p, 1, 0) <= 0 || !read_some()) return;
    }
  }

  // True while the process runs (false once it exited or was killed; exit_status() tells).
  bool alive() {
    if (pid_ <= 0) return false;
    if (waitpid(pid_, &status_, WNOHANG) != pid_) return true;
    pid_ = -1;
    return false;
  }
  // The wait status of the process that ended (see alive() and stop()).
  int exit_status() const { return status_; }

  // SIGTERM (then SIGKILL after five seconds), and everything it wrote until its pipe closed.
  void stop() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int& status = status_;
      bool gone = false;
      for (int i = 0; i < 50 && !gone; ++i) {
        gone = waitpid(pid_, &status, WNOHANG) == pid_;
        if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (!gone) {
        kill(pid_, SIGKILL);
        waitpid(pid_, &status, 0);
      }
      pid_ = -1;
    }
    while (out_fd_ >= 0) {
      pollfd p{out_fd_, POLLIN, 0};
      if (poll(&p, 1, 1000) <= 0 || !read_some()) break;
    }
    if (out_fd_ >= 0) close(out_fd_);
    out_fd_ = -1;
  }

 private:
  bool read_some() {
    char buf[4096];
    const ssize_t n = read(out_fd_, buf, sizeof buf);
    if (n <= 0) {
      close(out_fd_);
      out_fd_ = -1;
      return false;
    }
    output_.append(buf, static_cast<std::size_t>(n));
    return true;
  }

  pid_t pid_ = -1;
  int status_ = 0;
  int out_fd_ = -1;
  std::string output_;
};

}  // namespace kiosk_test
