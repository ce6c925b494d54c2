#include "fleet/dashboard_service.hpp"

#include <httplib.h>

#include <atomic>
#include <charconv>
#include <ctime>
#include <mutex>
#include <thread>

#include "fleet/dashboard_page.hpp"

namespace fleet {
namespace {

using kiosk::technician_error;
using namespace std::chrono_literals;

constexpr auto kLongPoll = 20s;

long number(const std::string& text, long fallback) {
  long value = fallback;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() ? value : fallback;
}

}  // namespace

struct DashboardService::Impl {
  DashboardOptions options;
  HallBoard board;
  std::atomic<bool> stopping{false};
  // Held while the link is opened, so on_connected (on the network thread) finds it set.
  std::mutex link_mutex;
  std::unique_ptr<MqttLink> link;
  httplib::Server server;
  std::thread server_thread;
  int port = 0;
  DashboardService* outer = nullptr;  // for POST /ack; set before the server starts

  long now() const { return options.now ? options.now() : static_cast<long>(std::time(nullptr)); }
  PageContext context() {
    const std::lock_guard lock(link_mutex);
    return PageContext{options.hall, options.name, now(), link && link->connected()};
  }

  // Waits for a change after `after` in short slices, so stopping never waits for a long poll.
  void wait_after(long after) const {
    const auto until = std::chrono::steady_clock::now() + kLongPoll;
    while (!stopping && std::chrono::steady_clock::now() < until) {
      if (board.wait_changed(after, 250ms)) return;
    }
  }

  void subscribe() {
    const std::lock_guard lock(link_mutex);
    if (!link) return;
    const std::string pattern =
        options.hall.empty() ? topics::kAllHalls : topics::hall(options.hall);
    (void)link->subscribe(pattern, 1);  // an error shows as no kiosks; the next connect retries
  }

  void routes();
  ~Impl() {
    stopping = true;
    server.stop();
    if (server_thread.joinable()) server_thread.join();
    std::unique_ptr<MqttLink> gone;
    {
      const std::lock_guard lock(link_mutex);
      gone = std::move(link);
    }
    gone.reset();  // joins the network thread before `board` goes
  }
};

void DashboardService::Impl::routes() {
  server.Get("/", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(dashboard_page(board.snapshot(), context()), "text/html; charset=utf-8");
  });
  server.Get("/board", [this](const httplib::Request& req, httplib::Response& res) {
    wait_after(number(req.get_param_value("after"), -1));
    const BoardSnapshot snap = board.snapshot();
    res.set_header("X-Board-Version", std::to_string(snap.version));
    res.set_header("Cache-Control", "no-store");
    res.set_content(board_html(snap, context()), "text/html; charset=utf-8");
  });
  server.Get("/state.json", [this](const httplib::Request& req, httplib::Response& res) {
    if (req.has_param("after")) wait_after(number(req.get_param_value("after"), -1));
    res.set_header("Cache-Control", "no-store");
    res.set_content(board_json(board.snapshot(), context()), "application/json");
  });
  server.Get(R"(/kiosk/([A-Za-z0-9_-]{1,32})/([A-Za-z0-9_-]{1,32}))",
             [this](const httplib::Request& req, httplib::Response& res) {
               const KioskId id{req.matches[1].str(), req.matches[2].str()};
               const std::string page = kiosk_page(board.snapshot(), id, context());
               if (page.empty()) {
                 res.status = 404;
                 res.set_content("没有这台终端。", "text/plain; charset=utf-8");
                 return;
               }
               res.set_content(page, "text/html; charset=utf-8");
             });
  server.Post("/ack", [this](const httplib::Request& req, httplib::Response& res) {
    // Only this page may acknowledge: a form on another site posting to loopback is refused.
    const std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && origin != "http://" + req.get_header_value("Host")) {
      res.status = 403;
      return;
    }
    httplib::Params form = req.params;
    if (form.empty()) httplib::detail::parse_query_text(req.body, form);
    const auto field = [&](const char* name) {
      const auto it = form.find(name);
      return it == form.end() ? std::string() : it->second;
    };
    const auto id = make_kiosk_id(field("hall"), field("kiosk"));
    const long alert = number(field("alert"), -1);
    if (!id || alert < 0) {
      res.status = 400;
      res.set_content("需要 hall、kiosk 和 alert。", "text/plain; charset=utf-8");
      return;
    }
    const auto acked = outer->acknowledge(*id, alert);
    if (!acked) {
      res.status = 409;  // answered already (by another dashboard) or cleared by the kiosk
      res.set_content(acked.error().technician, "text/plain; charset=utf-8");
      return;
    }
    if (req.get_header_value("X-Requested-With") == "fetch") {
      res.status = 204;
      return;
    }
    res.status = 303;  // without script: back to the page, at the calls
    res.set_header("Location", "/#h-calls");
  });
}

kiosk::Result<std::unique_ptr<DashboardService>> DashboardService::start(DashboardOptions options) {
  if (!options.hall.empty()) {
    const auto valid = make_kiosk_id(options.hall, "dashboard");
    if (!valid) return valid.error();
  }
  if (options.mqtt.client_id.empty()) options.mqtt.client_id = "hall-dashboard-" + options.name;
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  Impl* raw = impl.get();
  // Threads, not one per connection forever: long polls hold one each (a few browsers).
  raw->server.new_task_queue = [] { return new httplib::ThreadPool(16); };
  {
    const std::lock_guard lock(raw->link_mutex);
    auto link = MqttLink::open(
        raw->options.mqtt, [raw] { raw->subscribe(); },
        [raw](const MqttMessage& m) { raw->board.apply(m); });
    if (!link) return link.error();
    raw->link = std::move(*link);
  }
  const std::string& host = raw->options.http_host;
  if (raw->options.http_port == 0) {
    raw->port = raw->server.bind_to_any_port(host);
  } else {
    raw->port =
        raw->server.bind_to_port(host, raw->options.http_port) ? raw->options.http_port : -1;
  }
  if (raw->port <= 0) {
    return technician_error("hall dashboard: cannot listen on " + host + ":" +
                            std::to_string(raw->options.http_port) + " (taken? try port 0)");
  }
  std::unique_ptr<DashboardService> service(new DashboardService(std::move(impl)));
  raw->outer = service.get();
  raw->routes();
  raw->server_thread = std::thread([raw] { raw->server.listen_after_bind(); });
  return service;
}

DashboardService::DashboardService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DashboardService::~DashboardService() = default;

int DashboardService::http_port() const {
  return impl_->port;
}
const HallBoard& DashboardService::board() const {
  return impl_->board;
}
HallBoard& DashboardService::board() {
  return impl_->board;
}

bool DashboardService::wait_connected(std::chrono::milliseconds limit) const {
  // The link is set before start() returns and goes only with the service: no lock, so pages
  // are not held up while this waits.
  return impl_->link && impl_->link->wait_connected(limit);
}

kiosk::Result<AlertAck> DashboardService::acknowledge(const KioskId& kiosk, long alert_id) {
  const auto open = impl_->board.open_alert(kiosk);
  if (!open || open->id != alert_id) {
    return technician_error("kiosk " + kiosk.hall + "/" + kiosk.kiosk + " has no open call " +
                            std::to_string(alert_id));
  }
  const AlertAck ack{kiosk, alert_id, impl_->options.name, impl_->now()};
  {
    const std::lock_guard lock(impl_->link_mutex);
    if (!impl_->link) return technician_error("hall dashboard is stopping");
    const auto sent = impl_->link->publish(topics::alert_ack(kiosk), ack_json(ack), 1, false);
    if (!sent) return sent.error();
  }
  impl_->board.acknowledge(ack);
  return ack;
}

}  // namespace fleet
