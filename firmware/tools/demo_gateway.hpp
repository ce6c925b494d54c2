// A small local service gateway for `make run` and the tests: serves the team's sample
// service pages from firmware/content and a few endpoints that behave like real government
// sites (a query form, an appointment form, a captcha with a spoken alternative) and like bad
// ones (slow, redirect loop, GBK-encoded, oversized). Loopback only.
#pragma once

#include <memory>
#include <string>

namespace kiosk {

class DemoGateway {
 public:
  explicit DemoGateway(std::string content_dir);
  ~DemoGateway();
  // Listens on 127.0.0.1:`port` (0: any free port) in a background thread; returns the port,
  // or -1 when it cannot bind.
  int start(int port = 0);
  // Serves `html` at `path` too (benchmarks: a generated page of a given size). Before start().
  void add_page(const std::string& path, std::string html);
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk
