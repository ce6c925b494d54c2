// The hostile-input suite (hardening issue): the real kioskd, headless, under a test that plays
// systemd (notify socket, WATCHDOG_USEC), is given each hostile input the issue reproduced:
// pages built to blow up the parser or the name computation, audio captchas with lying WAV
// headers, and servers that trickle, break off or never answer. For each case kioskd must stay
// up, keep pinging the watchdog, stay under 200 MB, and tell the citizen what happened: the
// message is read from its utterance log (what is said is what the screen shows: the page's
// title, the error page, or the captcha's caption).
//
// Each case prints one line for the report:
//   HOSTILE <case> message_ms=<from kioskd's start> peak_rss_mb=<VmHWM> max_watchdog_gap_ms=<n>
// Every input is generated here; the loopback server is tests/support/slow_http_server.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

#include "kioskd_process.hpp"
#include "slow_http_server.hpp"
#include "systemd_notify.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr std::uint64_t kMaxPeakKiB = 200 * 1024;
constexpr auto kWatchdog = std::chrono::microseconds(2'000'000);  // kioskd pings every second
constexpr auto kMessageLimit = std::chrono::seconds(40);          // the slowest: 10 s timeouts
constexpr auto kWatchAfterMessage = milliseconds(2500);  // still alive and pinging afterwards

std::string repeat(std::string_view s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

std::string html_page(const std::string& title, const std::string& body) {
  return "<!doctype html><html lang=\"zh-Hans\"><head><meta charset=\"utf-8\"><title>" + title +
         "</title></head><body>" + body + "</body></html>";
}

std::string le(std::uint32_t v, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  return out;
}

// A 16-bit mono PCM WAV whose header says `rate` and `data_size` (which may lie about the
// `samples` bytes that follow).
std::string lying_wav(std::uint32_t rate, std::uint32_t data_size, std::size_t samples) {
  return "RIFF" + le(36 + data_size, 4) + "WAVEfmt " + le(16, 4) + le(1, 2) + le(1, 2) +
         le(rate, 4) + le(rate * 2, 4) + le(2, 2) + le(16, 2) + "data" + le(data_size, 4) +
         std::string(samples, '\x10');
}

// An audio captcha as government sites offer one (firmware/content/captcha-audio.html): the
// image, and a link to its WAV beside it, which the kiosk plays on Enter.
std::string captcha_page(const std::string& wav_path) {
  return html_page("电子证照下载",
                   "<main><h1>电子证照下载</h1><form action=\"/check\" method=\"post\">"
                   "<img class=\"yzm\" src=\"/captcha.png\" alt=\"验证码\"><a href=\"" +
                       wav_path +
                       "\">收听语音验证码</a><label for=\"c\">验证码</label>"
                       "<input id=\"c\" name=\"captcha\"><button type=\"submit\">确定</button>"
                       "</form></main>");
}

struct HostileCase {
  std::string name;
  std::string path;  // opened with --page
  std::string keys;  // --keys, if the case needs the citizen to do something
  // The message the citizen must hear: the utterance's reason and parts of its text.
  std::string reason;
  std::vector<std::string> says;
  // What kioskd's journal must hold: the defence that met the input, for the technician.
  std::string journal;
};

// ctest's test names show the case, not its bytes.
void PrintTo(const HostileCase& c, std::ostream* os) {
  *os << c.name;
}

// What the hostile server offers, generated once for the whole suite.
kiosk_test::SlowHttpServer& server() {
  static const auto instance = [] {
    kiosk_test::SlowHttpOptions options;
    options.slow_body_bytes = 600;  // 1 byte/s: far longer than kioskd waits for a page
    auto s = std::make_unique<kiosk_test::SlowHttpServer>(options);
    const std::string html = "text/html; charset=utf-8";
    s->add_route("/spans.html", html, "<a href=/x>" + repeat("<span/>", 20000));
    s->add_route("/divs.html", html, repeat("<div/>", 100000));
    s->add_route("/images.html", html,
                 html_page("图片标注测试",
                           "<p>本页的图片互相标注。</p><img id=t aria-labelledby=t>"
                           "<img id=a aria-labelledby=b alt=\"\"><img id=b aria-labelledby=a "
                           "alt=\"\"><p><a href=\"/x\">继续</a></p>"));
    std::string attributes = "<p";
    for (int i = 0; i < 100000; ++i) attributes += " a" + std::to_string(i);
    s->add_route("/attributes.html", html, attributes + ">x</p>");
    std::string rows;
    for (int i = 0; i < 2000; ++i)
      rows += "<tr><td>" + std::to_string(i) + "</td><td>办理</td></tr>";
    s->add_route(
        "/tables.html", html,
        html_page("办事指南列表", "<table><tr><td><table><tr><th>序号</th><th>事项</th></tr>" +
                                      rows + "</table></td><td>侧栏</td></tr></table>"));
    struct Wav {
      const char* name;
      std::uint32_t rate;
      std::uint32_t data_size;
      std::size_t samples;
    };
    for (const Wav& w :
         {Wav{"rate1-5k", 1, 5 * 1024, 5 * 1024}, Wav{"rate1-20k", 1, 20 * 1024, 20 * 1024},
          Wav{"rate1-1m", 1, 1024 * 1024, 1024 * 1024}, Wav{"size4g", 16000, 0xFFFFFFF0u, 4000}}) {
      const std::string wav = std::string("/captcha/") + w.name + ".wav";
      s->add_route(wav, "audio/wav", lying_wav(w.rate, w.data_size, w.samples));
      s->add_route(std::string("/captcha-") + w.name + ".html", html, captcha_page(wav));
    }
    return s;
  }();
  return *instance;
}

const char* const kRefused = "无法显示此页面";               // a page the scan refused
const char* const kAudioFailed = "语音验证码暂时无法播放";   // Announcer
const char* const kTooSlow = "网站响应太慢";                 // the fetcher's timeout
const char* const kNoConnection = "无法连接到政务服务网站";  // the fetcher, cut off
const char* const kCaptchaKeys = "wait-page,link,enter";     // to the captcha, and Enter

// An audio captcha page whose WAV (/captcha/<wav>.wav) lies in its header.
HostileCase wav_case(std::string name, const std::string& wav, std::string journal) {
  return {std::move(name), "/captcha-" + wav + ".html", kCaptchaKeys, "captcha",
          {kAudioFailed},  std::move(journal)};
}

std::vector<HostileCase> cases() {
  const std::vector<std::string> images_said{"图片标注测试", "本页的图片互相标注"};
  // The layout table around it is read as text (page repair), the data table row by row with
  // its headers; the page is said with its first row.
  const std::vector<std::string> every_row_said{"办事指南列表", "序号：0；事项：办理"};
  return {
      {"spans_in_link", "/spans.html", "", "page", {kRefused}, "nested deeper than"},
      {"self_closing_divs", "/divs.html", "", "page", {kRefused}, "nested deeper than"},
      {"images_labelled_by_themselves", "/images.html", "", "page", images_said, ""},
      {"distinct_attributes", "/attributes.html", "", "page", {kRefused}, "attributes on one <p>"},
      {"data_table_in_layout_table", "/tables.html", "", "page", every_row_said, ""},
      wav_case("wav_rate_1hz_5k", "rate1-5k", "sample rate 1 Hz"),
      wav_case("wav_rate_1hz_20k", "rate1-20k", "sample rate 1 Hz"),
      wav_case("wav_rate_1hz_1m", "rate1-1m", "sample rate 1 Hz"),
      wav_case("wav_data_size_4g", "size4g", "the header says 4294967280 bytes"),
      {"one_byte_per_second", "/slow", "", "loading", {kTooSlow}, "/slow: "},
      {"closed_mid_body", "/truncated", "", "loading", {kNoConnection}, "/truncated: "},
      {"never_answers", "/silent", "", "loading", {kTooSlow}, "/silent: "},
  };
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Peak resident set size so far (VmHWM), in KiB; 0 when the process is gone.
std::uint64_t peak_rss_kib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6));
  }
  return 0;
}

// The first utterance "reason<TAB>kind<TAB>text" with this reason whose text holds all `says`.
std::optional<std::string> find_utterance(const std::string& log, const HostileCase& c) {
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(c.reason + "\t", 0) != 0) continue;
    bool all = true;
    for (const std::string& part : c.says) all = all && line.find(part) != std::string::npos;
    if (all) return line;
  }
  return std::nullopt;
}

class HostileInput : public ::testing::TestWithParam<HostileCase> {};

TEST_P(HostileInput, KioskdStaysUpAndTellsTheCitizen) {
  const HostileCase& c = GetParam();
  kiosk_test::SlowHttpServer& http = server();
  const fs::path dir = fs::absolute("hostile-input") / c.name;
  fs::remove_all(dir);
  fs::create_directories(dir / "home");
  std::ofstream(dir / "board.toml") << kiosk_test::desktop_board_toml(http.url(""), http.url("/"));
  kiosk_test::NotifySocket notify((dir / "notify.sock").string());
  ASSERT_TRUE(notify.ok());
  const fs::path utterances = dir / "utterances.log";

  std::vector<std::string> args{"--board",
                                (dir / "board.toml").string(),
                                "--video",
                                "offscreen",
                                "--no-speech",
                                "--out",
                                (dir / "out").string(),
                                "--page",
                                http.url(c.path),
                                "--utterance-log",
                                utterances.string(),
                                "--health-file",
                                (dir / "run" / "health").string()};
  if (!c.keys.empty()) {
    args.push_back("--keys");
    args.push_back(c.keys);
  }
  std::vector<std::string> env = notify.environment(kWatchdog);
  env.push_back("SDL_VIDEODRIVER=offscreen");
  env.push_back("HOME=" + (dir / "home").string());
  env.push_back("XDG_CACHE_HOME=" + (dir / "home" / ".cache").string());

  const auto started = Clock::now();
  kiosk_test::KioskdProcess kioskd(args, env);
  ASSERT_GT(kioskd.pid(), 0);
  const pid_t pid = kioskd.pid();
  std::optional<std::string> message;
  std::optional<Clock::time_point> message_at;
  std::uint64_t peak_kib = 0;
  bool alive = true;
  auto now = Clock::now();
  while (now - started < kMessageLimit + kWatchAfterMessage) {
    notify.receive(milliseconds(50));
    kioskd.drain();
    now = Clock::now();
    if (!(alive = kioskd.alive())) break;
    peak_kib = std::max(peak_kib, peak_rss_kib(pid));
    if (!message) {
      message = find_utterance(read_file(utterances), c);
      if (message) message_at = now;
      if (!message && now - started > kMessageLimit) break;
    } else if (now - *message_at >= kWatchAfterMessage) {
      break;
    }
  }
  const auto gap = notify.longest_gap(now);
  if (alive) peak_kib = std::max(peak_kib, peak_rss_kib(pid));
  const std::string said = read_file(utterances);
  kioskd.stop();  // SIGTERM, and its exit collected (or only its output, if it is gone)
  const int status = kioskd.exit_status();
  std::ofstream(dir / "journal.log") << kioskd.output();  // for whoever reads a failure

  const long long message_ms =
      message_at ? std::chrono::duration_cast<milliseconds>(*message_at - started).count() : -1;
  std::printf("HOSTILE %s message_ms=%lld peak_rss_mb=%llu max_watchdog_gap_ms=%lld\n",
              c.name.c_str(), message_ms, static_cast<unsigned long long>(peak_kib / 1024),
              static_cast<long long>(gap.count()));
  std::fflush(stdout);

  EXPECT_TRUE(alive) << c.name << ": kioskd ended (wait status " << status << ")\n"
                     << kioskd.output();
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << c.name << ": kioskd did not exit cleanly on SIGTERM (wait status " << status << ")";
  ASSERT_TRUE(message) << c.name << ": the citizen never heard \"" << c.says.front() << "\" ("
                       << c.reason << "); said:\n"
                       << said << "\nkioskd wrote:\n"
                       << kioskd.output();
  EXPECT_TRUE(notify.ready()) << kioskd.output();
  EXPECT_GE(notify.pings().size(), 2u) << "pings after READY=1";
  EXPECT_LT(gap, std::chrono::duration_cast<milliseconds>(kWatchdog))
      << c.name << ": the watchdog would have restarted kioskd";
  // The ceiling is the product's; a sanitizer's shadow memory and quarantine add ~250 MB.
  if (!kiosk_test::kUnderSanitizer) {
    EXPECT_LT(peak_kib, kMaxPeakKiB) << c.name << ": peak RSS " << peak_kib << " KiB";
  }
  EXPECT_TRUE(fs::exists(dir / "run" / "health")) << "the health report was written";
  EXPECT_NE(kioskd.output().find(c.journal), std::string::npos)
      << c.name << ": the journal does not say \"" << c.journal << "\":\n"
      << kioskd.output();
}

INSTANTIATE_TEST_SUITE_P(Cases, HostileInput, ::testing::ValuesIn(cases()),
                         [](const auto& param_info) { return param_info.param.name; });

}  // namespace
