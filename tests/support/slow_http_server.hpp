// A slow and hostile HTTP/1.1 server on loopback for page-loading tests: the kiosk must stay
// responsive (and say what is happening) when a service trickles, breaks off, floods or never
// answers. Plain POSIX sockets, one accept thread plus one thread per connection; every wait
// also watches a stop event, so destruction is prompt even in the middle of a trickle.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace kiosk_test {

struct SlowHttpOptions {
  std::size_t slow_body_bytes = 10;       // GET /slow: body length (Content-Length is correct)
  double slow_bytes_per_second = 1.0;     // GET /slow: pace, one byte at a time
  std::size_t truncated_declared = 1000;  // GET /truncated: Content-Length announced ...
  std::size_t truncated_sent = 100;       // ... but only this many bytes, then close
  std::size_t big_body_bytes = 4u << 20;  // GET /big: generated HTML page, sent at full speed
  // GET /silent: the request is read, then nothing is sent until the client or stop closes it.
};

// Routes: /slow, /truncated, /big, /silent; anything else is 404. Every response carries
// "Connection: close". Bound to 127.0.0.1 on an ephemeral port.
class SlowHttpServer {
 public:
  explicit SlowHttpServer(SlowHttpOptions options = {});
  ~SlowHttpServer();  // stops accepting, wakes and joins every connection, closes all sockets
  SlowHttpServer(const SlowHttpServer&) = delete;
  SlowHttpServer& operator=(const SlowHttpServer&) = delete;

  std::uint16_t port() const { return port_; }
  std::string url(std::string_view path) const;  // "http://127.0.0.1:PORT" + path

  // The exact body GET /big sends (an HTML page of big_body_bytes).
  const std::string& big_body() const { return big_body_; }
  // The byte GET /slow repeats, and the bytes /truncated sends, for assertions.
  static constexpr char kSlowByte = 's';
  static constexpr char kTruncatedByte = 't';

  std::size_t requests_seen() const { return requests_.load(); }

 private:
  void accept_loop();
  void serve(int client);
  bool wait_for(int fd, short events, int timeout_ms) const;  // false on stop or timeout
  bool sleep_unless_stopped(int ms) const;                    // false when stop arrived first
  bool send_all(int client, const char* data, std::size_t size) const;

  SlowHttpOptions options_;
  std::string big_body_;
  int listener_ = -1;
  int stop_event_ = -1;  // eventfd, written once on stop; stays readable
  std::uint16_t port_ = 0;
  std::atomic<std::size_t> requests_{0};
  std::mutex workers_mutex_;
  std::vector<std::thread> workers_;
  std::thread acceptor_;
};

}  // namespace kiosk_test
