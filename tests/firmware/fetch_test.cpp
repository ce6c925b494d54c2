// Fetching service pages: allowlist on every hop, redirects, timeouts, size limit, GBK, the
// session's cookie jar, and the kiosk opening links, all against the local demo gateway.
#include <gtest/gtest.h>

#include <cctype>
#include <chrono>
#include <filesystem>
#include <thread>

#include "browse/page_fetcher.hpp"
#include "browse/page_loader.hpp"
#include "demo_gateway.hpp"
#include "slow_http_server.hpp"
#include "test_support.hpp"

namespace {

struct Gateway : ::testing::Test {
  kiosk::DemoGateway gateway{kiosk_test::source_dir() + "/firmware/content"};
  int port = gateway.start(0);
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  kiosk::FetchPolicy policy() {
    kiosk::FetchPolicy p;
    p.allowed_origins = {base};
    p.total_timeout_ms = 1500;
    return p;
  }
};

TEST(Urls, OriginsAndResolution) {
  EXPECT_EQ(kiosk::origin_of("HTTP://Example.GOV.cn:8080/a?b"), "http://example.gov.cn:8080");
  EXPECT_EQ(kiosk::origin_of("https://zwdt.sh.gov.cn/x"), "https://zwdt.sh.gov.cn");
  EXPECT_EQ(kiosk::origin_of("not a url"), "");
  // Found by fuzz_url_origin: "default ports dropped" was not true, so a link written with
  // :443 was refused, and a host curl had to percent-decode was not normalised like others.
  EXPECT_EQ(kiosk::origin_of("https://zwdt.sh.gov.cn:443/x"), "https://zwdt.sh.gov.cn");
  EXPECT_EQ(kiosk::origin_of("HTTP://[::1]:80/a"), "http://[::1]");
  EXPECT_EQ(kiosk::origin_of("http://127.0.0.1:8088/"), "http://127.0.0.1:8088");
  EXPECT_EQ(kiosk::origin_of("http:/%39//a"), kiosk::origin_of("http://9/"));
  EXPECT_TRUE(kiosk::origin_allowed("https://zwdt.sh.gov.cn:443/a", {"https://zwdt.sh.gov.cn"}));
  EXPECT_FALSE(
      kiosk::origin_allowed("http://127.0.0.1:8088@evil.example/", {"http://127.0.0.1:8088"}));
  // Found by fuzz_url_origin: an authority with a user name, a backslash or a percent sign is
  // read differently by different parsers: it has no origin and is never allowed.
  EXPECT_EQ(kiosk::origin_of("http://evil.example\\@127.0%2e1:8088/"), "");
  EXPECT_FALSE(kiosk::origin_allowed(
      kiosk::resolve_url("http://127.0.0.1:8088/", "http://evil.example\\@127.0%2e1:8088/"),
      {"http://127.0.0.1:8088"}));
  EXPECT_EQ(kiosk::origin_of("http://user@127.0.0.1:8088/"), "");
  // Found by fuzz_url_origin: curl decodes a percent-encoded host into the URL it returns, so a
  // link could resolve to a URL holding a DEL or a space; such a link resolves to nothing.
  EXPECT_EQ(kiosk::resolve_url("http:/12%", "http:/12.%7ft.cn/"), "");
  EXPECT_EQ(kiosk::resolve_url("http://a.cn/", "http://a%20b.cn/"), "");
  // And the URL requested is spelt as the origin that was checked: 127%2e1 is 127.0.0.1.
  EXPECT_EQ(kiosk::resolve_url("http:/h.:21", "http:///127%2e1:8088"), "http://127.0.0.1:8088/");
  EXPECT_EQ(kiosk::resolve_url("http://a.cn/x/y.html", "../z.html"), "http://a.cn/z.html");
  EXPECT_EQ(kiosk::resolve_url("http://a.cn/x/y.html", "/q?code=1"), "http://a.cn/q?code=1");
  EXPECT_EQ(kiosk::url_encode_form({{"name", "张三"}, {"a b", "1&2"}}),
            "name=%E5%BC%A0%E4%B8%89&a%20b=1%262");
}

TEST_F(Gateway, FetchesAnAllowedPage) {
  ASSERT_GT(port, 0);
  kiosk::PageFetcher f(policy());
  auto r = f.get(base + "/");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("政务服务网"), std::string::npos);
}

TEST_F(Gateway, RefusesOriginsOffTheAllowlistIncludingRedirects) {
  kiosk::PageFetcher f(policy());
  auto direct = f.get("http://example.com/");
  EXPECT_FALSE(direct.ok);
  EXPECT_NE(direct.user_message.find("安全"), std::string::npos);
  auto redirected = f.get(base + "/away");
  EXPECT_FALSE(redirected.ok);
  EXPECT_NE(redirected.error.find("example.com"), std::string::npos) << redirected.error;
}

TEST_F(Gateway, RedirectLoopSlowServerAndHugePageEndWithAMessage) {
  kiosk::PageFetcher f(policy());
  auto loop = f.get(base + "/loop");
  EXPECT_FALSE(loop.ok);
  EXPECT_NE(loop.error.find("too many redirects"), std::string::npos);
  const auto start = std::chrono::steady_clock::now();
  auto slow = f.get(base + "/slow");
  EXPECT_FALSE(slow.ok);
  EXPECT_NE(slow.user_message.find("太慢"), std::string::npos) << slow.user_message;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  auto big = f.get(base + "/big");
  EXPECT_FALSE(big.ok);
  EXPECT_NE(big.user_message.find("太大"), std::string::npos);
  auto missing = f.get(base + "/no-such-page.html");
  EXPECT_FALSE(missing.ok);
  EXPECT_EQ(missing.status, 404);
}

TEST_F(Gateway, GbkPagesBecomeUtf8) {
  kiosk::PageFetcher f(policy());
  auto r = f.get(base + "/gbk");
  ASSERT_TRUE(r.ok) << r.error;
  EXPECT_NE(r.body.find("这个页面使用GBK编码"), std::string::npos);
}

TEST_F(Gateway, CookiesLastForTheSessionOnly) {
  kiosk::PageFetcher f(policy());
  auto code = f.get(base + "/captcha/text");
  ASSERT_TRUE(code.ok);
  ASSERT_EQ(code.body.size(), 4u);
  auto ok = f.post_form(base + "/captcha-check", kiosk::url_encode_form({{"captcha", code.body}}));
  ASSERT_TRUE(ok.ok);
  EXPECT_NE(ok.body.find("验证通过"), std::string::npos) << "same session: the cookie came back";
  f.end_session();
  auto after =
      f.post_form(base + "/captcha-check", kiosk::url_encode_form({{"captcha", code.body}}));
  EXPECT_NE(after.body.find("验证码错误"), std::string::npos) << "a new citizen, a new session";
}

// The kiosk asks for gzip, never brotli: servers that compress as they send at brotli's default
// quality 11 (cpp-httplib, so the demo gateway) took ~170 ms before the first byte of a 125 KB
// page, most of the "Enter on a link -> first word" time.
TEST(Fetching, AsksForGzipNotBrotli) {
  kiosk_test::SlowHttpServer server;
  kiosk::FetchPolicy p;
  p.allowed_origins = {server.url("")};
  kiosk::PageFetcher fetcher(p);
  const auto r = fetcher.get(server.url("/big"));
  ASSERT_TRUE(r.ok) << r.error;
  std::string head = server.last_request_head();
  for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = head.find("accept-encoding:");
  ASSERT_NE(at, std::string::npos) << head;
  const std::string accepted = head.substr(at, head.find("\r\n", at) - at);
  EXPECT_NE(accepted.find("gzip"), std::string::npos) << accepted;
  EXPECT_EQ(accepted.find("br"), std::string::npos) << accepted;
  EXPECT_EQ(accepted.find("zstd"), std::string::npos) << accepted;
}

}  // namespace
