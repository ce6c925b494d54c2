// The hall dashboard against a real mosquitto on loopback, fed by simulated kiosks that publish
// as kiosks do (fleet_messages through MqttLink): status, offline, a staff call, 确认 publishing
// an AlertAck the kiosk hears, the time taken shown. Then in Debian's chromium, headless,
// driven by keyboard through the DevTools protocol: focus order, focus ring, Enter answers a
// call, the live region speaks; screenshots go to ./dashboard_screenshots.
#include <httplib.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <mutex>
#include <regex>

#include "fleet/dashboard_page.hpp"
#include "fleet/dashboard_service.hpp"
#include "headless_chromium.hpp"
#include "mosquitto_broker.hpp"
#include "simulated_kiosk.hpp"

namespace {

using namespace std::chrono_literals;
using fleet_sim::SimulatedKiosk;

constexpr long kNow = 1'800'000'000;  // the dashboard's clock, fixed: waits are exact

kiosk::HealthReport healthy_report() {
  kiosk::HealthReport h;
  h.display = {true, "kmsdrm"};
  h.speech = {true, "speaking"};
  h.readers = {true, "libusb: 1 reader"};
  h.version = "1.4.2";
  h.slot = "B";
  h.started_at = kNow - (3 * 3600 + 5 * 60);
  h.sessions_today = 12;
  h.audio_sessions_today = 3;
  h.large_type_sessions_today = 5;
  h.touch_sessions_today = 7;
  h.repaired_pages = {{"https://gov.example/a", {"label"}, 2},
                      {"https://gov.example/b", {"alt"}, 1}};
  return h;
}

class Dashboard : public ::testing::Test {
 protected:
  void SetUp() override {
    auto broker = kiosk_test::MosquittoBroker::start();
    if (!broker) GTEST_SKIP() << broker.error().technician;
    broker_ = std::move(*broker);
    fleet::DashboardOptions o;
    o.mqtt.port = broker_->port();
    o.hall = "hall1";
    o.name = "hall1-desk";
    o.http_port = 0;
    o.now = [] { return kNow; };
    auto service = fleet::DashboardService::start(o);
    ASSERT_TRUE(service.ok()) << service.error().technician;
    dashboard_ = std::move(*service);
    ASSERT_TRUE(dashboard_->wait_connected(5s));
  }

  fleet::MqttOptions broker_options() const {
    fleet::MqttOptions o;
    o.port = broker_->port();
    return o;
  }

  std::unique_ptr<SimulatedKiosk> kiosk(const std::string& name, bool clear_on_ack = true) {
    auto k =
        SimulatedKiosk::start(*fleet::make_kiosk_id("hall1", name), broker_options(), clear_on_ack);
    EXPECT_TRUE(k.ok()) << k.error().technician;
    if (!k) return nullptr;
    EXPECT_TRUE((*k)->wait_connected(5s));
    return std::move(*k);
  }

  // Waits (at most 5 s) until the dashboard's board satisfies `ok`.
  bool wait_board(const std::function<bool(const fleet::BoardSnapshot&)>& ok) {
    const auto until = std::chrono::steady_clock::now() + 5s;
    for (;;) {
      const auto snap = dashboard_->board().snapshot();
      if (ok(snap)) return true;
      if (std::chrono::steady_clock::now() > until) return false;
      dashboard_->board().wait_changed(snap.version, 200ms);
    }
  }

  static const fleet::KioskView* find(const fleet::BoardSnapshot& s, const std::string& name) {
    for (const auto& v : s.kiosks) {
      if (v.id.kiosk == name) return &v;
    }
    return nullptr;
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(dashboard_->http_port()); }

  std::string get(const std::string& path) {
    httplib::Client http("127.0.0.1", dashboard_->http_port());
    const auto res = http.Get(path);
    EXPECT_TRUE(res && res->status == 200) << path;
    return res ? res->body : std::string();
  }

  int post_ack(const std::string& kiosk, long alert, const httplib::Headers& headers = {}) {
    httplib::Client http("127.0.0.1", dashboard_->http_port());
    const auto res =
        http.Post("/ack", headers, "hall=hall1&kiosk=" + kiosk + "&alert=" + std::to_string(alert),
                  "application/x-www-form-urlencoded");
    return res ? res->status : -1;
  }

  std::unique_ptr<kiosk_test::MosquittoBroker> broker_;
  std::unique_ptr<fleet::DashboardService> dashboard_;
};

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(Dashboard, EveryKiosksStateAppearsAndAnOfflineKioskIsListedAsOffline) {
  auto k1 = kiosk("k1");
  auto k2 = kiosk("k2");
  ASSERT_TRUE(k1 && k2);
  ASSERT_TRUE(k1->publish_status(healthy_report(), kNow - 10).ok());
  auto broken = healthy_report();
  broken.speech = {false, "espeak-ng: no voice"};
  ASSERT_TRUE(k2->publish_status(broken, kNow - 20).ok());
  ASSERT_TRUE(wait_board([](const fleet::BoardSnapshot& s) {
    const auto* a = find(s, "k1");
    const auto* b = find(s, "k2");
    return a && b && a->status && b->status && a->online == true && b->online == true;
  }));

  std::string page = get("/");
  EXPECT_TRUE(has(page, "全部终端：2 台"));
  EXPECT_TRUE(has(page, "✔ 正常"));
  EXPECT_TRUE(has(page, "✖ 故障：</strong>语音（espeak-ng: no voice）"));
  EXPECT_TRUE(has(page, "<td>1.4.2 / B</td>"));
  EXPECT_TRUE(has(page, "<td>3 小时 5 分</td>"));  // uptime from started_at
  EXPECT_TRUE(has(page, "<td>12</td><td>3 / 5 / 7</td><td>3</td>"));
  EXPECT_TRUE(has(page, "离线的终端：0 台"));

  // The kiosk's will, as the broker would publish it for a kiosk that vanished.
  ASSERT_TRUE(k2->say_offline().ok());
  ASSERT_TRUE(wait_board([](const fleet::BoardSnapshot& s) {
    const auto* b = find(s, "k2");
    return b && b->online == false;
  }));
  page = get("/");
  EXPECT_TRUE(has(page, "离线的终端：1 台</h2><ul><li id=\"offline.hall1.k2\">终端 k2"));
  EXPECT_TRUE(has(page, "✖ 离线"));

  // A kiosk in another hall is not this dashboard's.
  auto other = SimulatedKiosk::start(*fleet::make_kiosk_id("hall2", "k9"), broker_options());
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->wait_connected(5s));
  const auto mid = (*other)->publish_status(healthy_report(), kNow);
  ASSERT_TRUE(mid.ok());
  ASSERT_TRUE((*other)->link().wait_delivered(*mid, 5s));
  // Ordered after the hall2 message on the same broker: once k1's reaches the board, k9's
  // would have too.
  ASSERT_TRUE(k1->publish_status(healthy_report(), kNow - 5).ok());
  ASSERT_TRUE(wait_board([](const fleet::BoardSnapshot& s) {
    const auto* a = find(s, "k1");
    return a && a->status && a->status->published_at == kNow - 5;
  }));
  EXPECT_EQ(find(dashboard_->board().snapshot(), "k9"), nullptr);
}

TEST_F(Dashboard, ACallIsShownAndConfirmingItPublishesAnAckTheKioskHearsWithTheTimeTaken) {
  auto k1 = kiosk("k1");
  ASSERT_TRUE(k1);
  ASSERT_TRUE(k1->publish_status(healthy_report(), kNow).ok());

  // Someone else on the broker listens to the hall's acknowledgements and parses them.
  std::mutex mutex;
  std::condition_variable heard;
  std::vector<fleet::AlertAck> acks;
  fleet::MqttLink* listener_link = nullptr;
  fleet::MqttOptions o = broker_options();
  o.client_id = "listener";
  std::mutex link_mutex;
  std::unique_lock held(link_mutex);
  auto listener = fleet::MqttLink::open(
      o,
      [&] {
        const std::lock_guard lock(link_mutex);
        (void)listener_link->subscribe(fleet::topics::alert_ack(k1->id()), 1);
      },
      [&](const fleet::MqttMessage& m) {
        auto ack = fleet::parse_ack(m.payload);
        ASSERT_TRUE(ack.ok()) << m.payload;
        const std::lock_guard lock(mutex);
        acks.push_back(*ack);
        heard.notify_all();
      });
  ASSERT_TRUE(listener.ok());
  listener_link = listener->get();
  held.unlock();
  ASSERT_TRUE(listener_link->wait_connected(5s));

  fleet::StaffAlert alert;
  ASSERT_TRUE(k1->raise_alert(kNow - 75, &alert).ok());
  ASSERT_TRUE(wait_board([](const fleet::BoardSnapshot& s) {
    const auto* a = find(s, "k1");
    return a && a->open_alert;
  }));
  std::string page = get("/");
  EXPECT_TRUE(has(page, "呼叫（待处理）：1 个"));
  EXPECT_TRUE(
      has(page, "已等待 <strong data-since=\"" + std::to_string(kNow - 75) + "\">1 分 15 秒"));
  EXPECT_TRUE(has(page, "<button type=\"submit\" id=\"ack.hall1.k1\">确认 k1 的呼叫</button>"));

  // A call that is not open, and a form posted from another site, are refused.
  EXPECT_EQ(post_ack("k1", alert.id + 1), 409);
  EXPECT_EQ(post_ack("k1", alert.id, {{"Origin", "http://evil.example"}}), 403);
  EXPECT_EQ(post_ack("k1", alert.id), 303);  // the form without script: back to the page

  {
    std::unique_lock lock(mutex);
    ASSERT_TRUE(heard.wait_for(lock, 5s, [&] { return !acks.empty(); }));
    EXPECT_EQ(acks[0].kiosk, k1->id());
    EXPECT_EQ(acks[0].id, alert.id);
    EXPECT_EQ(acks[0].by, "hall1-desk");
    EXPECT_EQ(acks[0].acked_at, kNow);
  }
  ASSERT_TRUE(k1->wait_ack(alert.id, 5s));
  // The kiosk cleared its call on hearing the ack; the page still says who answered and how fast.
  page = get("/");
  EXPECT_TRUE(has(page, "呼叫（待处理）：0 个"));
  EXPECT_TRUE(has(page, "终端 k1：由 hall1-desk 于"));
  EXPECT_TRUE(has(page, "确认，用时 <strong>1 分 15 秒</strong>"));
  EXPECT_TRUE(has(get("/state.json"), "\"waited_s\":75"));
  EXPECT_EQ(post_ack("k1", alert.id), 409);  // answered already
}

TEST_F(Dashboard, APayloadAboutAnotherKioskThanItsTopicIsNotTaken) {
  fleet::MqttOptions o = broker_options();
  o.client_id = "impostor";
  auto link = fleet::MqttLink::open(o, {}, {});
  ASSERT_TRUE(link.ok());
  ASSERT_TRUE((*link)->wait_connected(5s));
  const fleet::KioskStatus other{*fleet::make_kiosk_id("hall1", "k2"), healthy_report(), kNow};
  ASSERT_TRUE((*link)->publish("kiosk/hall1/k1/status", fleet::status_json(other), 1, true).ok());
  ASSERT_TRUE((*link)->publish("kiosk/hall1/k1/alert", "not json", 1, false).ok());
  ASSERT_TRUE(wait_board([](const fleet::BoardSnapshot& s) { return s.bad_messages == 2; }));
  const auto snap = dashboard_->board().snapshot();
  for (const auto& v : snap.kiosks) {
    EXPECT_FALSE(v.status.has_value());
    EXPECT_FALSE(v.open_alert.has_value());
  }
}

TEST_F(Dashboard, TwentyKiosksWithCallsAllReachTheBoard) {
  std::vector<std::unique_ptr<SimulatedKiosk>> kiosks;
  for (int i = 0; i < 20; ++i) {
    kiosks.push_back(kiosk("k" + std::to_string(i)));
    ASSERT_TRUE(kiosks.back());
    ASSERT_TRUE(kiosks.back()->publish_status(healthy_report(), kNow).ok());
    if (i % 2 == 0) {
      ASSERT_TRUE(kiosks.back()->raise_alert(kNow - i).ok());
    }
  }
  ASSERT_TRUE(wait_board([](const fleet::BoardSnapshot& s) {
    int statuses = 0;
    int calls = 0;
    for (const auto& v : s.kiosks) {
      statuses += v.status ? 1 : 0;
      calls += v.open_alert ? 1 : 0;
    }
    return statuses == 20 && calls == 10;
  }));
  const std::string page = get("/");
  EXPECT_TRUE(has(page, "全部终端：20 台"));
  EXPECT_TRUE(has(page, "呼叫（待处理）：10 个"));
}

TEST_F(Dashboard, WithoutTheBrokerThePageSaysItsStateMayBeOld) {
  EXPECT_FALSE(has(get("/"), "看板与消息服务器断开"));
  broker_.reset();  // stopped
  std::string page;
  for (int i = 0; i < 100 && !has(page, "id=\"stale\""); ++i) {
    std::this_thread::sleep_for(50ms);  // until the link notices, not a timing
    page = get("/");
  }
  EXPECT_TRUE(has(page, "<p class=\"stale\" id=\"stale\">✖ 看板与消息服务器断开"));
}

TEST(DashboardPage, DurationsAreSaidTheWayPeopleSayThem) {
  EXPECT_EQ(fleet::chinese_duration(42), "42 秒");
  EXPECT_EQ(fleet::chinese_duration(75), "1 分 15 秒");
  EXPECT_EQ(fleet::chinese_duration(3 * 3600 + 5 * 60 + 9), "3 小时 5 分");
  EXPECT_EQ(fleet::chinese_duration(2 * 86400 + 3600), "2 天 1 小时");
  EXPECT_EQ(fleet::chinese_duration(-5), "0 秒");  // a kiosk clock ahead of the dashboard's
}

// ---- In a real browser -------------------------------------------------------------------

// WCAG relative luminance contrast of two "rgb(r, g, b)" colours as getComputedStyle gives them.
double contrast(const std::string& a, const std::string& b) {
  const auto luminance = [](const std::string& rgb) {
    int r = 0, g = 0, bl = 0;
    if (std::sscanf(rgb.c_str(), "rgb(%d, %d, %d)", &r, &g, &bl) != 3 &&
        std::sscanf(rgb.c_str(), "rgba(%d, %d, %d", &r, &g, &bl) != 3) {
      ADD_FAILURE() << "not a colour: " << rgb;
    }
    const auto lin = [](int c) {
      const double s = c / 255.0;
      return s <= 0.03928 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const double la = luminance(a);
  const double lb = luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::string str(const kiosk::Result<nlohmann::json>& value) {
  if (!value) return "<" + value.error().technician + ">";
  return value->is_string() ? value->get<std::string>() : value->dump();
}

double number(const kiosk::Result<nlohmann::json>& value) {
  return value && value->is_number() ? value->get<double>() : -1;
}

TEST_F(Dashboard, InChromiumStaffCanReadItAndAnswerACallByKeyboardAlone) {
  const std::filesystem::path shots = std::filesystem::current_path() / "dashboard_screenshots";
  std::filesystem::create_directories(shots);
  auto started = kiosk_test::HeadlessChromium::start((broker_->dir() / "chromium").string());
  if (!started) GTEST_SKIP() << started.error().technician;
  auto& browser = **started;

  auto k1 = kiosk("k1");
  auto k2 = kiosk("k2");
  auto k3 = kiosk("k3");
  ASSERT_TRUE(k1 && k2 && k3);
  ASSERT_TRUE(k1->publish_status(healthy_report(), kNow).ok());
  auto broken = healthy_report();
  broken.readers = {false, "libusb: no reader"};
  ASSERT_TRUE(k2->publish_status(broken, kNow).ok());
  ASSERT_TRUE(k3->publish_status(healthy_report(), kNow - 600).ok());
  ASSERT_TRUE(k3->say_offline().ok());
  fleet::StaffAlert first;
  ASSERT_TRUE(k1->raise_alert(kNow - 75, &first).ok());
  ASSERT_TRUE(wait_board([](const fleet::BoardSnapshot& s) {
    const auto* a = find(s, "k1");
    const auto* b = find(s, "k2");
    const auto* c = find(s, "k3");
    return a && b && c && a->open_alert && b->status && c->status && c->online == false;
  }));

  ASSERT_TRUE(browser.open(url() + "/").ok());
  EXPECT_EQ(str(browser.eval("document.documentElement.lang")), "zh-CN");
  EXPECT_EQ(str(browser.eval("document.getElementById('announce').getAttribute('aria-live')")),
            "assertive");
  EXPECT_EQ(
      str(browser.eval("[...document.querySelectorAll('h2')].map(h=>h.textContent).join('|')")),
      "呼叫（待处理）：1 个|离线的终端：1 台|全部终端：3 台");
  // Large type and contrast as the browser computed them.
  EXPECT_GE(number(browser.eval("parseFloat(getComputedStyle(document.body).fontSize)")), 24);
  EXPECT_GT(
      number(browser.eval("parseFloat(getComputedStyle(document.querySelector('h2')).fontSize)")),
      number(browser.eval("parseFloat(getComputedStyle(document.body).fontSize)")));
  const std::string page_bg = str(browser.eval("getComputedStyle(document.body).backgroundColor"));
  EXPECT_GE(contrast(str(browser.eval("getComputedStyle(document.body).color")), page_bg), 7.0);
  EXPECT_GE(
      contrast(str(browser.eval("getComputedStyle(document.querySelector('a')).color")), page_bg),
      7.0);
  const std::string button = "getComputedStyle(document.getElementById('ack.hall1.k1'))";
  EXPECT_GE(contrast(str(browser.eval(button + ".color")),
                     str(browser.eval(button + ".backgroundColor"))),
            7.0);
  // Nothing focusable but links and buttons (and headings focus is sent to), no tabindex > 0.
  EXPECT_EQ(str(browser.eval(
                "[...document.querySelectorAll('[tabindex]')].filter(e=>e.tabIndex>0).length")),
            "0");
  EXPECT_EQ(
      str(browser.eval(
          "[...document.querySelectorAll('input:not([type=hidden]),select,textarea')].length")),
      "0");
  ASSERT_TRUE(browser.screenshot((shots / "dashboard_call_open.png").string()).ok());

  // Tab walks: 刷新, the call's 确认 button, then each kiosk in the table.
  std::vector<std::string> order;
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(browser.press("Tab").ok());
    order.push_back(str(browser.eval("document.activeElement.id")));
  }
  EXPECT_EQ(order, (std::vector<std::string>{"refresh", "ack.hall1.k1", "kiosk.hall1.k1",
                                             "kiosk.hall1.k2", "kiosk.hall1.k3"}));
  // The focus ring: wide and at least 3:1 against the page.
  ASSERT_TRUE(browser.press("Shift+Tab").ok());
  ASSERT_TRUE(browser.press("Shift+Tab").ok());
  ASSERT_TRUE(browser.press("Shift+Tab").ok());
  ASSERT_EQ(str(browser.eval("document.activeElement.id")), "ack.hall1.k1");
  EXPECT_GE(
      number(browser.eval("parseFloat(getComputedStyle(document.activeElement).outlineWidth)")), 3);
  EXPECT_GE(
      contrast(str(browser.eval("getComputedStyle(document.activeElement).outlineColor")), page_bg),
      3.0);
  ASSERT_TRUE(browser.screenshot((shots / "dashboard_focus_on_confirm.png").string()).ok());

  // A second call arrives while the focus is on the first's button: the live update keeps it.
  auto k4 = kiosk("k4");
  ASSERT_TRUE(k4);
  ASSERT_TRUE(k4->raise_alert(kNow - 5).ok());
  std::string announced;
  for (int i = 0; i < 100 && !has(announced, "k4"); ++i) {
    std::this_thread::sleep_for(50ms);  // polling the browser for the update, not a timing
    announced = str(browser.eval("document.getElementById('announce').textContent"));
  }
  EXPECT_EQ(announced, "新呼叫：k4，请确认");
  EXPECT_EQ(str(browser.eval("document.activeElement.id")), "ack.hall1.k1");

  // Enter on 确认 answers the call: the kiosk hears it, the page says who and how long.
  ASSERT_TRUE(browser.press("Enter").ok());
  ASSERT_TRUE(k1->wait_ack(first.id, 10s));
  std::string answered;
  for (int i = 0; i < 100 && !has(answered, "用时"); ++i) {
    std::this_thread::sleep_for(50ms);
    answered = str(browser.eval(
        "(document.getElementById('answered.hall1.k1')||{textContent:''}).textContent"));
  }
  EXPECT_TRUE(has(answered, "终端 k1：由 hall1-desk 于")) << answered;
  EXPECT_TRUE(has(answered, "用时 1 分 15 秒")) << answered;
  // The button went with the call; the focus is on the calls heading, not lost to the page.
  EXPECT_EQ(str(browser.eval("document.activeElement.id")), "h-calls");
  EXPECT_TRUE(
      has(str(browser.eval("document.getElementById('announce').textContent")), "已确认 k1"));
  ASSERT_TRUE(browser.screenshot((shots / "dashboard_after_confirm.png").string()).ok());

  // Zoomed to 200 %: everything still fits the width (no sideways scrolling to read a row).
  ASSERT_TRUE(browser.viewport(960, 540, 2).ok());
  EXPECT_LE(number(browser.eval("document.documentElement.scrollWidth")),
            number(browser.eval("window.innerWidth")));
  ASSERT_TRUE(browser.screenshot((shots / "dashboard_zoom_200.png").string()).ok());
  ASSERT_TRUE(browser.viewport(1920, 1080, 1).ok());
  ASSERT_TRUE(browser.open(url() + "/kiosk/hall1/k2").ok());
  EXPECT_TRUE(has(str(browser.eval("document.body.innerText")), "读卡器（libusb: no reader）"));
  ASSERT_TRUE(browser.screenshot((shots / "dashboard_kiosk_k2.png").string()).ok());
}

}  // namespace
