// The scripted loopback HTTP server for page-loading tests; see slow_http_server.hpp for why.
// Client sockets are non-blocking and every wait is a poll() that also watches the stop
// eventfd, so no thread can block past the destructor.
#include "slow_http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <optional>
#include <stdexcept>

namespace kiosk_test {

namespace {

constexpr std::size_t kMaxRequestBytes = 16 * 1024;
constexpr std::size_t kMaxConnections = 64;
constexpr int kRequestTimeoutMs = 5000;

std::string make_big_page(std::size_t size) {
  const std::string head = "<!DOCTYPE html>\n<html><head><title>Big page</title></head><body>\n";
  const std::string tail = "</body></html>\n";
  std::string page = head;
  page.reserve(size);
  for (std::size_t n = 1;; ++n) {
    const std::string paragraph = "<p>Paragraph " + std::to_string(n) +
                                  ": filler text for a large page that must arrive whole.</p>\n";
    if (page.size() + paragraph.size() + tail.size() > size) break;
    page += paragraph;
  }
  if (page.size() + tail.size() < size) page.append(size - page.size() - tail.size(), ' ');
  return page + tail;
}

std::string headers(const char* status, std::size_t content_length, const char* type) {
  return std::string("HTTP/1.1 ") + status + "\r\nContent-Type: " + type +
         "\r\nContent-Length: " + std::to_string(content_length) + "\r\nConnection: close\r\n\r\n";
}

// "GET /path?query HTTP/1.1" -> "/path".
std::string request_path(const std::string& request) {
  const auto first_space = request.find(' ');
  if (first_space == std::string::npos) return {};
  const auto end = request.find_first_of(" ?\r", first_space + 1);
  return request.substr(first_space + 1, end == std::string::npos ? end : end - first_space - 1);
}

}  // namespace

SlowHttpServer::SlowHttpServer(SlowHttpOptions options)
    : options_(options), big_body_(make_big_page(options.big_body_bytes)) {
  stop_event_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  listener_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (stop_event_ < 0 || listener_ < 0 ||
      bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener_, 16) != 0 ||
      getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    const std::string error = std::strerror(errno);
    if (listener_ >= 0) close(listener_);
    if (stop_event_ >= 0) close(stop_event_);
    throw std::runtime_error("slow HTTP server: " + error);
  }
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

SlowHttpServer::~SlowHttpServer() {
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = write(stop_event_, &one, sizeof one);
  acceptor_.join();
  {
    std::lock_guard lock(workers_mutex_);
    for (std::thread& worker : workers_) worker.join();
  }
  close(listener_);
  close(stop_event_);
}

std::string SlowHttpServer::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void SlowHttpServer::add_route(std::string path, std::string content_type, std::string body) {
  std::lock_guard lock(routes_mutex_);
  routes_[std::move(path)] =
      Route{std::move(content_type), std::make_shared<const std::string>(std::move(body))};
}

bool SlowHttpServer::wait_for(int fd, short events, int timeout_ms) const {
  for (;;) {
    pollfd fds[2] = {{fd, events, 0}, {stop_event_, POLLIN, 0}};
    const int ready = poll(fds, 2, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0 || (fds[1].revents & POLLIN) != 0) return false;
    return fds[0].revents != 0;
  }
}

bool SlowHttpServer::sleep_unless_stopped(int ms) const {
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        until - std::chrono::steady_clock::now());
    pollfd stop{stop_event_, POLLIN, 0};
    const int ready = poll(&stop, 1, static_cast<int>(std::max<long long>(left.count(), 0)));
    if (ready < 0 && errno == EINTR) continue;
    return ready == 0;
  }
}

bool SlowHttpServer::send_all(int client, const char* data, std::size_t size) const {
  std::size_t sent = 0;
  while (sent < size) {
    const ssize_t n = send(client, data + sent, size - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
      if (!wait_for(client, POLLOUT, -1)) return false;
    } else {
      return false;
    }
  }
  return true;
}

void SlowHttpServer::accept_loop() {
  while (wait_for(listener_, POLLIN, -1)) {
    const int client = accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (client < 0) {
      if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED) continue;
      return;
    }
    std::lock_guard lock(workers_mutex_);
    if (workers_.size() >= kMaxConnections) {
      close(client);
      continue;
    }
    workers_.emplace_back([this, client] {
      serve(client);
      close(client);
    });
  }
}

std::string SlowHttpServer::last_request_head() const {
  std::lock_guard lock(last_request_mutex_);
  return last_request_head_;
}

void SlowHttpServer::serve(int client) {
  std::string request;
  char buffer[4096];
  while (request.find("\r\n\r\n") == std::string::npos) {
    if (request.size() > kMaxRequestBytes || !wait_for(client, POLLIN, kRequestTimeoutMs)) return;
    const ssize_t n = recv(client, buffer, sizeof buffer, 0);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return;
    if (n > 0) request.append(buffer, static_cast<std::size_t>(n));
  }
  ++requests_;
  {
    std::lock_guard lock(last_request_mutex_);
    last_request_head_ = request.substr(0, request.find("\r\n\r\n"));
  }
  const std::string path = request_path(request);
  std::optional<Route> route;
  {
    std::lock_guard lock(routes_mutex_);
    if (const auto it = routes_.find(path); it != routes_.end()) route = it->second;
  }

  if (route) {
    const std::string head = headers("200 OK", route->body->size(), route->content_type.c_str());
    if (send_all(client, head.data(), head.size()))
      send_all(client, route->body->data(), route->body->size());
  } else if (path == "/slow") {
    const std::string head = headers("200 OK", options_.slow_body_bytes, "text/plain");
    if (!send_all(client, head.data(), head.size())) return;
    const double rate = std::max(options_.slow_bytes_per_second, 0.001);
    const int pause_ms = static_cast<int>(std::lround(1000.0 / rate));
    for (std::size_t i = 0; i < options_.slow_body_bytes; ++i) {
      if (i > 0 && !sleep_unless_stopped(pause_ms)) return;
      if (!send_all(client, &kSlowByte, 1)) return;
    }
  } else if (path == "/truncated") {
    const std::string head = headers("200 OK", options_.truncated_declared, "text/plain");
    const std::string part(std::min(options_.truncated_sent, options_.truncated_declared),
                           kTruncatedByte);
    if (send_all(client, head.data(), head.size())) send_all(client, part.data(), part.size());
  } else if (path == "/big") {
    const std::string head = headers("200 OK", big_body_.size(), "text/html; charset=utf-8");
    if (send_all(client, head.data(), head.size()))
      send_all(client, big_body_.data(), big_body_.size());
  } else if (path == "/silent") {
    while (wait_for(client, POLLIN, -1)) {  // until the client hangs up or we stop
      const ssize_t n = recv(client, buffer, sizeof buffer, 0);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) return;
    }
  } else {
    const std::string body = "not found\n";
    const std::string response = headers("404 Not Found", body.size(), "text/plain") + body;
    send_all(client, response.data(), response.size());
  }
  shutdown(client, SHUT_WR);
}

}  // namespace kiosk_test
