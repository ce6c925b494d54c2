// End to end: what kioskd writes to its journal (stdout and stderr) carries no personal data.
// kioskd (a real process, headless) runs a whole citizen's session from a script against the
// demo gateway: the synthetic ID card is placed and fills the name and ID fields, a phone
// number is typed, a GET form is sent to a service that fails (404, the query in its URL
// holds the name percent-encoded, the ID number and the phone), a POST form is sent (its
// answer repeats the name), a missing page is opened, the session is ended. Nothing kioskd
// said may hold the name (plain or percent-encoded), the ID number (or its middle digits) or
// the phone number; masked forms (张*, 3101**********1234) are allowed.
//
// The control: the service records what it was sent, and the test checks that the GET query
// and the POST body really carried the values, so a clean journal means kioskd kept them out.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "demo_gateway.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "kioskd_process.hpp"
#include "synthetic_pii.hpp"
#include "test_support.hpp"

namespace {

using kiosk_test::KioskdProcess;

namespace fs = std::filesystem;

// Field [at, at + len) of the synthetic card's UCS-2LE record, as UTF-8 without the padding.
std::string record_field(const std::vector<std::uint8_t>& bytes, std::size_t at, std::size_t len) {
  std::u32string text;
  for (std::size_t i = at; i + 1 < at + len; i += 2)
    text.push_back(static_cast<char32_t>(bytes[i] | (bytes[i + 1] << 8)));
  while (!text.empty() && text.back() == U' ') text.pop_back();
  return kiosk_test::encode_utf8(text);
}

std::string percent_encoded(const std::string& s, bool lower_hex) {
  const char* digits = lower_hex ? "0123456789abcdef" : "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += digits[c >> 4];
      out += digits[c & 0xF];
    }
  }
  return out;
}

// What the session handles, and every form of it that must not reach the journal.
struct SessionPii {
  std::string name;
  std::string id;
  std::string phone;

  SessionPii() {
    const drivers::emulated::TextRecord card = drivers::emulated::synthetic_resident();
    name = record_field(card.bytes, 0, 30);
    id = record_field(card.bytes, 122, 36);
    const std::uint64_t seed = kiosk_test::fresh_pii_seed();
    phone = "199";  // a made-up mobile number, new for every run
    for (std::size_t i = 0; i < 8; ++i)
      phone.push_back(kiosk_test::synthetic_id_digit(seed, i + 1));
  }

  // label -> text that must not appear.
  std::vector<std::pair<std::string, std::string>> forbidden() const {
    return {{"name", name},
            {"name (percent-encoded)", percent_encoded(name, false)},
            {"name (percent-encoded, lower case)", percent_encoded(name, true)},
            {"ID number", id},
            {"ID number's middle digits", id.substr(4, 10)},
            {"phone", phone},
            {"phone's last eight digits", phone.substr(3)}};
  }
};

// The citizen's service, recording what it is sent: GET /identity-check is down (404, its
// target with the query is recorded), POST /appointment answers with the name repeated (as
// the demo gateway does) and its body is recorded.
class RecordingService {
 public:
  RecordingService() {
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
      record(req.target);
      res.status = 404;
      res.set_content("<!doctype html><title>404</title><p>服务暂停</p>",
                      "text/html; charset=utf-8");
    });
    server_.Post("/appointment", [this](const httplib::Request& req, httplib::Response& res) {
      record(req.body);
      res.set_content(
          "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">"
          "<title>预约成功</title></head><body><p>" +
              req.get_param_value("name") + "，您已预约成功。</p></body></html>",
          "text/html; charset=utf-8");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    for (int i = 0; i < 500 && !server_.is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~RecordingService() {
    server_.stop();
    thread_.join();
  }
  std::string origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // GET targets and POST bodies, in the order they came.
  std::vector<std::string> received() {
    std::lock_guard lock(mutex_);
    return received_;
  }

 private:
  void record(const std::string& what) {
    std::lock_guard lock(mutex_);
    received_.push_back(what);
  }
  httplib::Server server_;
  int port_ = -1;
  std::thread thread_;
  std::mutex mutex_;
  std::vector<std::string> received_;
};

// Two forms on one page, sent to the recording service: a GET identity check (xm, sfzh and a
// phone: the field names government sites use) and a POST appointment (name, mobile).
std::string forms_page(const std::string& service) {
  return R"(<!doctype html>
<html lang="zh-Hans"><head><meta charset="utf-8"><title>信息核验与预约</title></head>
<body><main>
<h1>信息核验与预约</h1>
<form action=")" +
         service + R"(/identity-check" method="get">
  <label for="xm">姓名</label><input id="xm" name="xm">
  <label for="sfzh">身份证号码</label><input id="sfzh" name="sfzh">
  <label for="phone">手机号码</label><input id="phone" type="tel" name="phone">
  <button type="submit">核验</button>
</form>
<form action=")" +
         service + R"(/appointment" method="post">
  <label for="name">姓名</label><input id="name" name="name">
  <label for="mobile">手机号码</label><input id="mobile" type="tel" name="mobile">
  <button type="submit">预约</button>
</form>
<p><a href="/no-such-page.html">一个不存在的页面</a></p>
</main></body></html>
)";
}

class KioskdLog : public ::testing::Test {
 protected:
  void SetUp() override {
    char dir_template[] = "/tmp/kioskd-log-XXXXXX";
    ASSERT_NE(mkdtemp(dir_template), nullptr);
    dir_ = dir_template;
    for (const char* d : {"out", "run", "home", "content"}) fs::create_directories(dir_ / d);
    fs::copy(kiosk_test::source_dir() + "/firmware/content", dir_ / "content",
             fs::copy_options::recursive);
    std::ofstream(dir_ / "content" / "forms.html") << forms_page(service_.origin());
    gateway_ = std::make_unique<kiosk::DemoGateway>((dir_ / "content").string());
    const int port = gateway_->start(0);
    ASSERT_GT(port, 0);
    base_ = "http://127.0.0.1:" + std::to_string(port);
    // The desktop board, allowed to open this gateway and the recording service.
    std::ifstream desktop(kiosk_test::source_dir() + "/board/profiles/desktop.toml");
    std::string toml{std::istreambuf_iterator<char>(desktop), std::istreambuf_iterator<char>()};
    const std::string origins = "origins = [\"http://127.0.0.1:8088\"]";
    const auto at = toml.find(origins);
    ASSERT_NE(at, std::string::npos) << "desktop.toml's origins line changed";
    toml.replace(at, origins.size(),
                 "origins = [\"" + base_ + "\", \"" + service_.origin() + "\"]");
    const std::string usual = "http://127.0.0.1:8088";
    for (auto u = toml.find(usual); u != std::string::npos; u = toml.find(usual, u))
      toml.replace(u, usual.size(), base_);
    std::ofstream(dir_ / "board.toml") << toml;
  }

  void TearDown() override {
    if (gateway_) gateway_->stop();
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  fs::path dir_;
  RecordingService service_;
  std::unique_ptr<kiosk::DemoGateway> gateway_;
  std::string base_;
};

TEST_F(KioskdLog, AWholeSessionWritesNoPersonalDataToTheJournal) {
  const SessionPii pii;
  // The card fills both forms' name fields and the ID field. Fields in page order: xm, sfzh,
  // phone, 核验 | name, mobile, 预约.
  const std::string keys =
      "wait-page,place-id-card,wait-card,"
      "field,field,field,enter,type:" +
      pii.phone +
      ",enter,field,enter,wait-page,"  // the GET form: the service fails
      "back,wait-page,field,field,enter,type:" +
      pii.phone +
      ",enter,field,enter,wait-page,"         // the POST form: the appointment is made
      "back,wait-page,link,enter,wait-page,"  // a missing page
      "remove-cards,end,wait-page";
  KioskdProcess kioskd(
      {"--board", (dir_ / "board.toml").string(), "--video", "offscreen", "--no-speech", "--out",
       (dir_ / "out").string(), "--health-file", (dir_ / "run" / "health").string(), "--page",
       base_ + "/forms.html", "--keys", keys},
      {"SDL_VIDEODRIVER=offscreen", "HOME=" + (dir_ / "home").string(),
       "XDG_CACHE_HOME=" + (dir_ / "home" / ".cache").string()});
  ASSERT_GT(kioskd.pid(), 0);
  EXPECT_TRUE(kioskd.wait_for("kioskd: script done", std::chrono::seconds(120))) << kioskd.output();
  EXPECT_TRUE(kioskd.wait_for("kiosk ready", std::chrono::seconds(30))) << kioskd.output();
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  kioskd.stop();
  const std::string& said = kioskd.output();
  std::cout << "[ journal  ] kioskd wrote " << said.size() << " bytes\n";
  // KIOSK_TEST_SHOW_JOURNAL=1 prints it (synthetic data only) when changing the script.
  if (std::getenv("KIOSK_TEST_SHOW_JOURNAL") != nullptr) std::cout << said;

  // The session did what it should: the GET form reached the service with the three values
  // in its query and failed, the POST form carried the name and the phone and was answered,
  // the missing page failed.
  std::vector<std::string> received;  // the identity check's target, the appointment's body
  for (const std::string& r : service_.received()) {
    if (r.rfind("/identity-check?", 0) == 0 || r.find("mobile=") != std::string::npos)
      received.push_back(r);
  }
  ASSERT_EQ(received.size(), 2u) << "the GET and the POST form were sent:\n" << said;
  const std::string name_sent = percent_encoded(pii.name, false);
  EXPECT_NE(received[0].find("xm=" + name_sent), std::string::npos) << received[0];
  EXPECT_NE(received[0].find("sfzh=" + pii.id), std::string::npos) << received[0];
  EXPECT_NE(received[0].find("phone=" + pii.phone), std::string::npos) << received[0];
  EXPECT_NE(received[1].find("name=" + name_sent), std::string::npos) << received[1];
  EXPECT_NE(received[1].find("mobile=" + pii.phone), std::string::npos) << received[1];
  EXPECT_NE(said.find("HTTP 404 for " + service_.origin() + "/identity-check"), std::string::npos)
      << "the failing GET form was logged:\n"
      << said;
  EXPECT_NE(said.find("wait-page: at " + service_.origin() + "/appointment"), std::string::npos)
      << "the POST form was answered:\n"
      << said;
  EXPECT_NE(said.find("HTTP 404 for " + base_ + "/no-such-page.html"), std::string::npos)
      << "the missing page was opened:\n"
      << said;

  for (const auto& [label, text] : pii.forbidden()) {
    const auto at = said.find(text);
    if (at == std::string::npos) continue;
    const auto line_start = said.rfind('\n', at);
    const auto line_end = said.find('\n', at);
    ADD_FAILURE() << "kioskd logged the " << label << ": "
                  << said.substr(line_start == std::string::npos ? 0 : line_start + 1,
                                 line_end == std::string::npos ? std::string::npos
                                                               : line_end - line_start - 1);
  }
}

}  // namespace
