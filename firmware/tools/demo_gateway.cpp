#include "demo_gateway.hpp"

#include "kiosk/html_text.hpp"

#include <httplib.h>
#include <iconv.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

namespace kiosk {
namespace {

std::string page(const std::string& title, const std::string& body) {
  return "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title></head><body><main><h1>" + title + "</h1>" + body +
         "<p><a href=\"/\">返回首页</a></p></main></body></html>";
}

// A service's result page, marked as its receipt (data-kiosk-receipt="<service id>"): the kiosk
// reads it in full and offers the rating. Like a real gateway it echoes the values it was sent;
// the kiosk masks them.
std::string receipt_page(const std::string& title, const std::string& body,
                         const std::string& service) {
  return "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title></head><body><main data-kiosk-receipt=\"" + service + "\"><h1>" + title +
         "</h1>" + body + "<p><a href=\"/\">返回首页</a></p></main></body></html>";
}

// The rating levels of 好差评: 5 非常满意 … 1 非常不满意.
constexpr const char* kLevelNames[] = {"", "非常不满意", "不满意", "基本满意", "满意", "非常满意"};

bool valid_service_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  for (const char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string to_gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK", "UTF-8");
  std::string in = utf8;
  std::string out(in.size() * 2, '\0');
  char* ip = in.data();
  char* op = out.data();
  std::size_t il = in.size();
  std::size_t ol = out.size();
  iconv(cd, &ip, &il, &op, &ol);
  iconv_close(cd);
  out.resize(out.size() - ol);
  return out;
}

std::string escape(const std::string& s) {
  return kiosk::html_escape(s);
}

}  // namespace

struct DemoGateway::Impl {
  std::string content;
  httplib::Server server;
  std::thread thread;
  std::mutex mutex;
  std::map<std::string, std::string> captcha_by_session;
  std::map<std::string, std::map<int, int>> ratings;  // service id → level → count
  std::mt19937 rng{20261125};
  std::atomic<bool> stopping{false};

  std::string session(const httplib::Request& req, httplib::Response& res) {
    const std::string cookie = req.get_header_value("Cookie");
    const auto at = cookie.find("sid=");
    if (at != std::string::npos) return cookie.substr(at + 4, cookie.find(';', at) - at - 4);
    std::lock_guard lock(mutex);
    const std::string sid = std::to_string(rng());
    res.set_header("Set-Cookie", "sid=" + sid + "; Path=/; HttpOnly");
    return sid;
  }

  void routes() {
    server.set_mount_point("/", content);
    // Who is listening: `make run` asks before it reuses a port someone already holds.
    server.Get("/.kiosk-demo-gateway", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("kiosk-demo-gateway\n", "text/plain");
    });
    server.Get("/query", [](const httplib::Request& req, httplib::Response& res) {
      const std::string code = req.get_param_value("code");
      const std::string body =
          code.empty() ? "<p>请输入办件编号后再查询。</p>"
                       : "<p>办件编号 " + escape(code) +
                             " 的办理进度：</p><table><tr><th>环节</th>"
                             "<th>状态</th><th>时间</th></tr><tr><td>受理</td><td>已完成</td>"
                             "<td>2026年11月20日</td></tr><tr><td>审核</td><td>办理中</td>"
                             "<td>预计2026年11月27日</td></tr></table>";
      res.set_content(page("查询结果", body), "text/html; charset=utf-8");
    });
    server.Post("/appointment", [](const httplib::Request& req, httplib::Response& res) {
      const std::string name = req.get_param_value("name");
      if (name.empty()) {
        res.set_content(page("预约未成功", "<p role=\"alert\">请填写姓名。</p>"),
                        "text/html; charset=utf-8");
        return;
      }
      std::string details;
      if (const std::string id = req.get_param_value("sfzh"); !id.empty()) {
        details += "<p>身份证号码：" + escape(id) + "</p>";
      }
      if (const std::string phone = req.get_param_value("phone"); !phone.empty()) {
        details += "<p>联系电话：" + escape(phone) + "</p>";
      }
      res.set_content(receipt_page("预约成功",
                                   "<p>" + escape(name) +
                                       "，您已预约成功。请于预约时间携带身份证到3号窗口办理。</p>" +
                                       details + "<p>预约号：SH2026112500123</p>",
                                   "social-card-appointment"),
                      "text/html; charset=utf-8");
    });
    // 社会保障卡补换: the ID card's name and number, a phone and the captcha of this cookie's
    // session; the receipt echoes them (as real sites do) and is marked for the kiosk.
    server.Post("/renewal", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string sid = session(req, res);
      bool captcha_ok = false;
      {
        std::lock_guard lock(mutex);
        auto& expected = captcha_by_session[sid];
        captcha_ok = !expected.empty() && req.get_param_value("captcha") == expected;
        expected.clear();  // one try per code, as real sites do
      }
      const std::string name = req.get_param_value("name");
      const std::string id = req.get_param_value("sfzh");
      const std::string phone = req.get_param_value("phone");
      if (!captcha_ok || name.empty() || id.empty() || phone.empty()) {
        res.set_content(
            page("申请未成功",
                 captcha_ok ? "<p role=\"alert\">请填写姓名、身份证号码和手机号码。</p>"
                            : "<p role=\"alert\">验证码不正确，请返回后重新收听验证码再提交。</p>"),
            "text/html; charset=utf-8");
        return;
      }
      res.set_content(
          receipt_page("补换申请已受理",
                       "<p>" + escape(name) +
                           "，您的社会保障卡补换申请已受理，新卡制作约需5个工作日。</p>"
                           "<p>身份证号码：" +
                           escape(id) + "</p><p>联系电话：" + escape(phone) +
                           "</p><p>受理编号：BH2026120100042</p>"
                           "<p>新卡制成后会发送短信通知您，请凭身份证到3号窗口领取。</p>",
                       "social-card-renewal"),
          "text/html; charset=utf-8");
    });
    // 好差评: a rating is a level (1–5) and a service id, nothing personal; counts in memory.
    server.Post("/rating", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string level = req.get_param_value("level");
      const std::string service = req.get_param_value("service");
      const bool level_ok = level.size() == 1 && level[0] >= '1' && level[0] <= '5';
      if (!level_ok || !valid_service_id(service) || req.params.size() != 2) {
        res.status = 400;
        res.set_content(page("评价未成功", "<p role=\"alert\">评价内容不正确。</p>"),
                        "text/html; charset=utf-8");
        return;
      }
      {
        std::lock_guard lock(mutex);
        ++ratings[service][level[0] - '0'];
      }
      res.set_content(page("感谢您的评价", "<p>您的评价已收到。</p>"), "text/html; charset=utf-8");
    });
    // For tests and staff: {"total":N,"levels":{"1":n,…},"services":{"id":{"1":n,…}}}.
    server.Get("/ratings", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard lock(mutex);
      int levels[6] = {};
      int total = 0;
      std::string services;
      for (const auto& [service, counts] : ratings) {
        std::string one;
        for (const auto& [level, n] : counts) {
          levels[level] += n;
          total += n;
          one += (one.empty() ? "\"" : ",\"") + std::to_string(level) + "\":" + std::to_string(n);
        }
        services += (services.empty() ? "\"" : ",\"") + service + "\":{" + one + "}";
      }
      std::string all;
      for (int l = 1; l <= 5; ++l) {
        all += (l == 1 ? "\"" : ",\"") + std::to_string(l) + "\":" + std::to_string(levels[l]);
      }
      std::string names;
      for (int l = 1; l <= 5; ++l) {
        names += (l == 1 ? "\"" : ",\"") + std::to_string(l) + "\":\"" + kLevelNames[l] + "\"";
      }
      res.set_content("{\"total\":" + std::to_string(total) + ",\"levels\":{" + all +
                          "},\"names\":{" + names + "},\"services\":{" + services + "}}",
                      "application/json");
    });
    server.Get("/captcha/text", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string sid = session(req, res);
      std::lock_guard lock(mutex);
      static constexpr char kChars[] = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      std::string code;
      for (int i = 0; i < 4; ++i) code += kChars[rng() % (sizeof kChars - 1)];
      captcha_by_session[sid] = code;
      res.set_content(code, "text/plain; charset=utf-8");
    });
    // An audio captcha: a short WAV (8 kHz, a tone per character) to exercise the plumbing.
    server.Get("/captcha/audio.wav", [](const httplib::Request&, httplib::Response& res) {
      const int rate = 8000;
      std::string pcm;
      for (int ch = 0; ch < 4; ++ch) {
        for (int i = 0; i < rate / 4; ++i) {
          const double s =
              i < rate / 5 ? std::sin(2 * 3.14159265 * (440 + 110 * ch) * i / rate) : 0;
          const auto v = static_cast<std::int16_t>(s * 8000);
          pcm.push_back(static_cast<char>(v & 0xFF));
          pcm.push_back(static_cast<char>((v >> 8) & 0xFF));
        }
      }
      auto le = [](std::uint32_t v, int n) {
        std::string out;
        for (int i = 0; i < n; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
        return out;
      };
      const auto size = static_cast<std::uint32_t>(pcm.size());
      const std::string wav = "RIFF" + le(36 + size, 4) + "WAVEfmt " + le(16, 4) + le(1, 2) +
                              le(1, 2) + le(rate, 4) + le(rate * 2, 4) + le(2, 2) + le(16, 2) +
                              "data" + le(size, 4) + pcm;
      res.set_content(wav, "audio/wav");
    });
    server.Post("/captcha-check", [this](const httplib::Request& req, httplib::Response& res) {
      const std::string sid = session(req, res);
      std::lock_guard lock(mutex);
      const bool ok = !captcha_by_session[sid].empty() &&
                      req.get_param_value("captcha") == captcha_by_session[sid];
      res.set_content(
          ok ? page("验证通过", "<p>验证码正确，请继续办理。</p>")
             : page("验证码错误", "<p role=\"alert\">验证码不正确，请重新收听后再输入。</p>"),
          "text/html; charset=utf-8");
    });
    // Misbehaving servers, for tests and for trying the kiosk's messages.
    server.Get("/slow", [this](const httplib::Request&, httplib::Response& res) {
      // 15 s, unless the gateway is stopping (tests should not wait for it).
      for (int i = 0; i < 150 && !stopping.load(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      res.set_content(page("慢", "<p>终于到了。</p>"), "text/html; charset=utf-8");
    });
    server.Get("/loop",
               [](const httplib::Request&, httplib::Response& res) { res.set_redirect("/loop"); });
    server.Get("/away", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("http://example.com/");
    });
    server.Get("/gbk", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(to_gbk(page("GBK编码的页面", "<p>这个页面使用GBK编码。</p>")),
                      "text/html; charset=GBK");
    });
    server.Get("/big", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(6 * 1024 * 1024, 'x'), "text/html; charset=utf-8");
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      res.set_content(page("页面不存在", "<p>没有找到这个页面。</p>"), "text/html; charset=utf-8");
    });
  }
};

DemoGateway::DemoGateway(std::string content_dir) : impl_(std::make_unique<Impl>()) {
  impl_->content = std::move(content_dir);
  impl_->routes();
}

DemoGateway::~DemoGateway() {
  stop();
}

void DemoGateway::add_page(const std::string& path, std::string html) {
  impl_->server.Get(path,
                    [html = std::move(html)](const httplib::Request&, httplib::Response& res) {
                      res.set_content(html, "text/html; charset=utf-8");
                    });
}

int DemoGateway::start(int port) {
  // SO_REUSEADDR only: a gateway restarted within TIME_WAIT binds again, but (unlike the
  // library's default SO_REUSEPORT) never shares a port another program is listening on.
  impl_->server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  const int bound = port == 0 ? impl_->server.bind_to_any_port("127.0.0.1")
                              : (impl_->server.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound < 0) return -1;
  impl_->thread = std::thread([this] { impl_->server.listen_after_bind(); });
  // stop() before the listener runs would be lost (and join would wait forever).
  for (int i = 0; i < 500 && !impl_->server.is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return bound;
}

void DemoGateway::stop() {
  impl_->stopping = true;
  impl_->server.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace kiosk
