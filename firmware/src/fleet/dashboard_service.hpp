// The hall dashboard service: one MQTT link subscribed to the hall (or every hall) feeding a
// HallBoard, and a small web server on loopback serving it to staff:
//   GET  /                      the page (dashboard_page)
//   GET  /board?after=N         <main>'s inside once the board's version is above N (or 20 s)
//   GET  /state.json[?after=N]  the same facts for machines
//   GET  /kiosk/<hall>/<kiosk>  one kiosk in full
//   POST /ack  hall, kiosk, alert  publishes fleet::AlertAck (QoS 1) on
//   kiosk/<hall>/<kiosk>/alert/ack
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "fleet/dashboard_state.hpp"
#include "fleet/mqtt_link.hpp"
#include "kiosk/result.hpp"

namespace fleet {

struct DashboardOptions {
  MqttOptions mqtt;  // broker, TLS; client_id defaults to "hall-dashboard-<name>"
  std::string hall;  // "" = every hall (kiosk/#)
  std::string name = "hall-dashboard";  // the `by` of acknowledgements (never a person's name)
  std::string http_host = "127.0.0.1";
  int http_port = 8090;       // 0: any free port
  std::function<long()> now;  // Unix time; empty: the system clock (tests pass a fixed one)
};

class DashboardService {
 public:
  // Listening once it returns (the broker may still be connecting: the page then says so by
  // showing no kiosk yet). Errors: a bad hall name, TLS files, a port that is taken.
  static kiosk::Result<std::unique_ptr<DashboardService>> start(DashboardOptions options);
  ~DashboardService();
  DashboardService(const DashboardService&) = delete;
  DashboardService& operator=(const DashboardService&) = delete;

  int http_port() const;
  const HallBoard& board() const;
  HallBoard& board();
  bool wait_connected(std::chrono::milliseconds limit) const;
  // What POST /ack does: the open call `alert_id` of `kiosk` answered by this dashboard.
  kiosk::Result<AlertAck> acknowledge(const KioskId& kiosk, long alert_id);

 private:
  struct Impl;
  explicit DashboardService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace fleet
