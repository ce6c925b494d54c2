#include "mosquitto_broker.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>
#include <vector>

namespace kiosk_test {
namespace {

constexpr const char* kBroker = "/usr/sbin/mosquitto";

sockaddr_in loopback(int port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return a;
}

}  // namespace

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return 0;
  sockaddr_in a = loopback(0);
  socklen_t len = sizeof a;
  int port = 0;
  if (bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0) {
    port = ntohs(a.sin_port);
  }
  close(fd);
  return port;
}

bool wait_for_port(int port, int seconds) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const sockaddr_in a = loopback(port);
    const bool up = connect(fd, reinterpret_cast<const sockaddr*>(&a), sizeof a) == 0;
    close(fd);
    if (up) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

kiosk::Result<std::unique_ptr<MosquittoBroker>> MosquittoBroker::start(
    const std::string& extra_config) {
  if (access(kBroker, X_OK) != 0) {
    return kiosk::technician_error(std::string(kBroker) +
                                   " is not installed (Debian package mosquitto)");
  }
  std::unique_ptr<MosquittoBroker> b(new MosquittoBroker());
  char pattern[] = "/tmp/kiosk-broker-XXXXXX";
  if (mkdtemp(pattern) == nullptr) return kiosk::technician_error("mkdtemp failed");
  b->dir_ = pattern;
  b->port_ = free_loopback_port();
  {
    std::ofstream conf(b->dir_ / "mosquitto.conf");
    conf << "per_listener_settings true\n"
         << "persistence false\n"
         << "log_dest file " << (b->dir_ / "broker.log").string() << "\n"
         << "log_type error\nlog_type warning\nlog_type notice\n"
         << "listener " << b->port_ << " 127.0.0.1\n"
         << (extra_config.empty() ? std::string("allow_anonymous true\n") : extra_config) << "\n";
  }
  const std::string conf = (b->dir_ / "mosquitto.conf").string();
  std::vector<char*> argv{const_cast<char*>(kBroker), const_cast<char*>("-c"),
                          const_cast<char*>(conf.c_str()), nullptr};
  b->pid_ = fork();
  if (b->pid_ == 0) {
    const int null = open("/dev/null", O_RDWR);
    dup2(null, 1);
    dup2(null, 2);
    execv(kBroker, argv.data());
    _exit(127);
  }
  if (b->pid_ < 0) return kiosk::technician_error("fork failed");
  if (!wait_for_port(b->port_, 10)) {
    return kiosk::technician_error("mosquitto did not listen on 127.0.0.1:" +
                                   std::to_string(b->port_) + " within 10 s: " + b->log());
  }
  return b;
}

MosquittoBroker::~MosquittoBroker() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

std::string MosquittoBroker::log() const {
  std::ifstream in(dir_ / "broker.log");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace kiosk_test
