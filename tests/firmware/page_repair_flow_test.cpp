// The badly built service page (firmware/content/bad/service.html) as a citizen meets it on the
// kiosk: its controls are said by the words beside them, the 提交 <div> sends the form through
// the page's form submission (the gateway answers), onclick links open their URL within the
// allowlist, region jumps say each region with its count, "图片，无说明" is never said twice in a
// row, and the health report names the page and what it lacked.
#include <gtest/gtest.h>

#include "browse/page_loader.hpp"
#include "browse/repair_log.hpp"
#include "kiosk_harness.hpp"
#include "toolbar/page_regions.hpp"

namespace {

using kiosk::Command;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;

constexpr const char* kBadPage = "/bad/service.html";

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

TEST(PageRepairFlow, ControlsAreSaidByTheWordsBesideThem) {
  KioskHarness k;
  ASSERT_TRUE(k.open(kBadPage));
  k.forget_said();
  k.press(Command::NextFormField);
  EXPECT_EQ(k.said(), Said{"编辑框：姓名"});
  k.press(Command::NextFormField);
  EXPECT_EQ(k.said(), Said{"编辑框：身份证号码"});
  k.press(Command::NextFormField);
  EXPECT_EQ(k.said(), Said{"单选按钮：男，未选中，第1项，共2项"});
  ASSERT_TRUE(k.tab_to("编辑框：预约日期"));  // from the cell above, in a nested layout table
  ASSERT_TRUE(k.tab_to("复选框：我已阅读并同意办事须知"));
}

TEST(PageRepairFlow, AnIdNumberBesideABareInputIsMasked) {
  KioskHarness k;
  ASSERT_TRUE(k.open(kBadPage));
  ASSERT_TRUE(k.tab_to("编辑框：身份证号码"));
  k.press(Command::Activate);
  for (const char* d :
       {"3", "1", "0", "1", "0", "1", "1", "9", "9", "0", "0", "1", "0", "1", "1", "2", "3", "4"}) {
    k.type(d);
  }
  k.press(Command::Activate);
  const std::string shown = k.focused_text();
  EXPECT_EQ(shown.find("310101"), std::string::npos) << shown;
  EXPECT_NE(shown.find("尾号1234"), std::string::npos) << shown;
}

TEST(PageRepairFlow, TheSubmitDivSendsTheFormToTheGateway) {
  KioskHarness k;
  ASSERT_TRUE(k.open(kBadPage));
  ASSERT_TRUE(k.tab_to("编辑框：姓名"));
  k.press(Command::Activate);
  k.type("测");
  k.type("试");
  k.press(Command::Activate);
  ASSERT_TRUE(k.tab_to("按钮：提交"));
  k.forget_said();
  k.press(Command::Activate);
  // The gateway's /appointment answered with the name it received.
  EXPECT_EQ(k.view().document().title, "预约成功");
  const std::string receipt = kiosk_test::document_text(k.view().document());
  EXPECT_NE(receipt.find("您已预约成功"), std::string::npos) << receipt;
}

TEST(PageRepairFlow, OnclickLinksOpenTheirUrlWithinTheAllowlist) {
  KioskHarness k;
  ASSERT_TRUE(k.open(kBadPage));
  ASSERT_TRUE(k.tab_to("进度查询"));  // <div onclick="window.location='/query.html'">
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "办件进度查询");
  ASSERT_TRUE(k.open(kBadPage));
  ASSERT_TRUE(k.tab_to("外部网站"));  // <span onclick="window.open('http://example.com/')">
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "社会保障卡申领预约") << "a foreign site stays closed";
  EXPECT_EQ(k.view().caption_override(), "这个链接不能在自助终端上打开");
}

TEST(PageRepairFlow, ASamePageOnclickLinkJumpsInThePage) {
  KioskHarness k;
  ASSERT_TRUE(k.open(kBadPage));
  ASSERT_TRUE(k.tab_to("跳到收费标准"));  // <span onclick="location.href='#fees'">
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "社会保障卡申领预约");
  EXPECT_EQ(k.said(), Said{"标题2级，收费标准"});
}

TEST(PageRepairFlow, ARunOfUnnamedImagesIsSaidOnce) {
  KioskHarness k;
  ASSERT_TRUE(k.open(kBadPage));
  const std::string text = kiosk_test::document_text(k.view().document());
  EXPECT_EQ(count(text, "图片，无说明"), 2) << text;  // the flow chart, the hall's map
  // Read item by item from the top: never twice in a row.
  k.forget_said();
  std::string last;
  for (int i = 0; i < 200; ++i) {
    if (k.press(Command::NextItem) == kiosk::Outcome::Unchanged) break;
    for (const auto& s : k.said()) {
      const bool image = s.find("图片，无说明") != std::string::npos;
      EXPECT_FALSE(image && last.find("图片，无说明") != std::string::npos) << last << " / " << s;
      EXPECT_EQ(count(s, "图片，无说明"), image ? 1 : 0) << s;
      last = s;
    }
  }
}

TEST(PageRepairFlow, RegionJumpsSayEachRegionWithItsCount) {
  KioskHarness k;
  ASSERT_TRUE(k.open(kBadPage));
  const auto regions = kiosk::page_regions(k.view().document());
  std::vector<std::string> names;
  for (const auto& r : regions) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"导航区", "服务区", "正文区", "表单区", "页脚区"}));
  k.forget_said();
  k.press(Command::JumpRegion);
  Said said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("服务区，共8个链接。", 0), 0u) << said[0];
  k.press(Command::JumpRegion);
  said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("正文区，共", 0), 0u) << said[0];
  k.press(Command::JumpRegion);
  said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0], "表单区，共15个填写项。编辑框：姓名");
  k.press(Command::JumpRegion);
  said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("页脚区，共", 0), 0u) << said[0];
  k.press(Command::JumpRegion);
  said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0].rfind("导航区，共7个链接。", 0), 0u) << said[0];
}

TEST(PageRegions, LandmarksAreTheRegionsWhereAPageHasThem) {
  const auto page = kiosk::load_html(
      "<title>t</title><header><nav><a href=/>首页</a> <a href=/g>指南</a></nav></header>"
      "<main><h1>标题</h1><p>正文一</p><form aria-label=查询><input aria-label=编号>"
      "<button>查询</button></form><p>正文二</p></main>"
      "<aside><a href=/a>预约</a> <a href=/b>查询</a> <a href=/c>缴费</a></aside>"
      "<footer><p>主办：某局</p><p>电话：12345</p></footer>",
      "test");
  const auto regions = kiosk::page_regions(page.document);
  std::vector<std::string> said;
  for (const auto& r : regions) said.push_back(r.name + std::to_string(r.count) + r.unit);
  EXPECT_EQ(said, (std::vector<std::string>{"导航区2个链接", "正文区2项", "表单区2个填写项",
                                            "服务区3个链接", "页脚区2项"}));
}

TEST(PageRepairFlow, TheHealthReportNamesTheRepairedPage) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/appointment.html"));  // well built: not listed
  EXPECT_TRUE(k.core().health_report().repaired_pages.empty());
  ASSERT_TRUE(k.open(kBadPage));
  ASSERT_TRUE(k.open(std::string(kBadPage) + "?from=menu"));  // the same page
  const auto pages = k.core().health_report().repaired_pages;
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0].page, k.base() + kBadPage);
  EXPECT_EQ(pages[0].missing, (std::vector<std::string>{"label", "alt", "button", "table-layout"}));
  EXPECT_EQ(pages[0].times, 2);
}

TEST(RepairLog, KeepsTheMostRecentRepairedPagesWithoutTheirQuery) {
  kiosk::RepairLog log;
  a11y::RepairSummary none;
  log.record("http://gw/fine.html", none);
  EXPECT_TRUE(log.pages().empty()) << "a page that needed nothing is not listed";
  a11y::RepairSummary alt;
  alt.missing = {a11y::Missing::Alt};
  for (int i = 0; i < 10; ++i) log.record("http://gw/p" + std::to_string(i) + ".html?id=1", alt);
  log.record("http://gw/p5.html?name=%E5%BC%A0#top", alt);
  ASSERT_EQ(log.pages().size(), kiosk::RepairLog::kMaxPages);
  EXPECT_EQ(log.pages()[0].page, "http://gw/p5.html");
  EXPECT_EQ(log.pages()[0].times, 2);
  EXPECT_EQ(log.pages()[0].missing, std::vector<std::string>{"alt"});
  EXPECT_EQ(log.pages()[1].page, "http://gw/p9.html");
  EXPECT_EQ(log.pages().back().page, "http://gw/p2.html");  // p0 and p1 fell off
}

}  // namespace
