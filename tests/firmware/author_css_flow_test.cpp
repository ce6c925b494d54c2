// Author CSS with the page (issue 14): linked style sheets are fetched by the loader with the
// page, only from allowed origins, within their size and time limits; what they hide is not
// shown or said, and what they add (::after) is.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "a11y/dom.hpp"
#include "browse/page_fetcher.hpp"
#include "browse/style_sheets.hpp"
#include "demo_gateway.hpp"
#include "kiosk_harness.hpp"
#include "slow_http_server.hpp"
#include "test_support.hpp"

namespace {

std::vector<std::string> texts(const ui::Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks) out.push_back(b.plain_text());
  return out;
}

bool contains(const std::vector<std::string>& all, const std::string& part) {
  return std::any_of(all.begin(), all.end(),
                     [&](const std::string& s) { return s.find(part) != std::string::npos; });
}

TEST(AuthorCssFlow, LinkedSheetHidesThePrintOnlyBlockAndAddsItsWords) {
  kiosk_test::KioskHarness k;
  ASSERT_TRUE(k.open("/css/notice.html"));
  const auto shown = texts(k.view().document());
  EXPECT_FALSE(contains(shown, "仅打印")) << "site.css: .print-only { display: none }";
  EXPECT_TRUE(contains(shown, "提示：请携带本人身份证原件。"));  // <style> ::before
  EXPECT_TRUE(contains(shown, "返回首页（首页）"));              // site.css ::after
  // print.css (media="print") is not applied, the foreign sheet is not fetched, and the
  // missing sheet is skipped: the page still shows everything else.
  EXPECT_TRUE(contains(shown, "请在屏幕上核对您的信息。"));
  EXPECT_TRUE(contains(shown, "办理时间：工作日九点至十七点。"));
  // Going through the page item by item never says the hidden block, and says the rest.
  k.forget_said();
  std::vector<std::string> said;
  for (int i = 0; i < 12; ++i) {
    k.press(kiosk::Command::NextItem);
    for (auto& s : k.said()) said.push_back(std::move(s));
  }
  EXPECT_TRUE(contains(said, "请在屏幕上核对您的信息。"));
  EXPECT_TRUE(contains(said, "返回首页（首页）"));
  EXPECT_FALSE(contains(said, "仅打印"));
}

TEST(AuthorCssFlow, LinkedSheetsInDocumentOrderWithoutPrintOrAlternate) {
  auto parsed = a11y::Dom::parse(
      R"html(<link rel="stylesheet" href="a.css"><link rel="alternate stylesheet" href="b.css">
         <link rel="StyleSheet" href="c.css" media="screen and (min-width: 800px)">
         <link rel="stylesheet" href="d.css" media="print"><link rel="icon" href="e.css">
         <link rel="stylesheet" href="f.css" media="print, screen">)html");
  ASSERT_TRUE(parsed.dom);
  EXPECT_EQ(kiosk::linked_style_sheets(*parsed.dom),
            (std::vector<std::string>{"a.css", "c.css", "f.css"}));
}

struct Sheets : ::testing::Test {
  kiosk::DemoGateway gateway{kiosk_test::source_dir() + "/firmware/content"};
  int port = gateway.start(0);
  std::string base = "http://127.0.0.1:" + std::to_string(port);
  kiosk_test::SlowHttpServer other;  // an origin that is not on the allowlist
  kiosk::FetchPolicy policy(std::vector<std::string> origins) {
    kiosk::FetchPolicy p;
    p.allowed_origins = std::move(origins);
    p.total_timeout_ms = 1500;
    return p;
  }
};

TEST_F(Sheets, ASheetFromAnOriginNotAllowedIsNeverRequested) {
  other.add_route("/foreign.css", "text/css", "#hours { display: none }");
  kiosk::PageFetcher fetcher(policy({base}));
  const auto got = kiosk::fetch_style_sheets(fetcher, base + "/css/notice.html",
                                             {"site.css", other.url("/foreign.css")}, 1500);
  ASSERT_EQ(got.sheets.size(), 1u);
  EXPECT_NE(got.sheets[0].find(".print-only"), std::string::npos);
  EXPECT_EQ(other.requests_seen(), 0u);
  ASSERT_EQ(got.skipped.size(), 1u);
  EXPECT_NE(got.skipped[0].find("allowlist"), std::string::npos);
}

TEST_F(Sheets, OversizedSlowMissingAndNonCssSheetsAreSkipped) {
  kiosk_test::SlowHttpServer slow(kiosk_test::SlowHttpOptions{
      .slow_body_bytes = 100, .slow_bytes_per_second = 10.0, .big_body_bytes = 512 * 1024});
  slow.add_route("/page.html", "text/html", "<p>x</p>");
  slow.add_route("/ok.css", "text/css; charset=utf-8", ".a { display: none }");
  const std::string origin = slow.url("");
  kiosk::PageFetcher fetcher(policy({origin}));
  const auto got = kiosk::fetch_style_sheets(
      fetcher, slow.url("/page.html"),
      {"/big", "/missing.css", "/page.html", "/ok.css", "/slow", "/ok.css"}, 1500);
  ASSERT_EQ(got.sheets.size(), 1u);  // only the first ok.css
  EXPECT_EQ(got.sheets[0], ".a { display: none }");
  ASSERT_EQ(got.skipped.size(), 5u);
  // /slow outlasts the page's time limit; nothing is fetched after it.
  EXPECT_NE(got.skipped[4].find("time limit"), std::string::npos) << got.skipped[4];
}

TEST_F(Sheets, AtMostEightSheets) {
  kiosk::PageFetcher fetcher(policy({base}));
  const std::vector<std::string> hrefs(12, "site.css");
  const auto got = kiosk::fetch_style_sheets(fetcher, base + "/css/notice.html", hrefs, 1500);
  EXPECT_EQ(got.sheets.size(), 8u);
}

}  // namespace
