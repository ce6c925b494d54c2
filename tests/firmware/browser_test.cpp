// The browse room: reading the welcome page and service pages by keys and touch, the focus
// kept visible at every zoom, quick navigation, typed link targets (a page can never command
// the kiosk), pages loaded off the UI thread with Back, text-only mode and bounded history.
#include <gtest/gtest.h>

#include <variant>

#include "browse/builtin_pages.hpp"
#include "browse/page_loader.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "drivers/resident_id.hpp"
#include "kiosk_harness.hpp"

namespace {

using kiosk::Command;
using kiosk::Outcome;
using kiosk_test::KioskHarness;

TEST(Browser, TabVisitsEveryLinkAndWraps) {
  KioskHarness k;
  std::vector<std::string> seen;
  for (int i = 0; i < 9; ++i) {
    ASSERT_EQ(k.press(Command::NextLink), Outcome::Redraw);
    seen.push_back(k.view().focused_link()->text);
  }
  EXPECT_EQ(seen.front(), "社保卡办理与挂失");
  EXPECT_EQ(seen[7], "大字幕");
  EXPECT_EQ(seen[8], seen[0]) << "Tab wraps to the first link";
  k.press(Command::PreviousLink);
  EXPECT_EQ(k.view().focused_link()->text, "大字幕");
}

TEST(Browser, UpDownWalkItemsAndStopAtTheEndsWithATone) {
  KioskHarness k;
  EXPECT_EQ(k.press(Command::PreviousItem), Outcome::Unchanged);
  auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].kind, kiosk::Spoken::Kind::Earcon);
  EXPECT_EQ(spoken[0].reason, kiosk::Reason::Edge);
  int moves = 0;
  while (k.press(Command::NextItem) == Outcome::Redraw) ++moves;
  EXPECT_EQ(k.view().focus().block, k.view().document().blocks.size() - 1);
  EXPECT_GE(moves, static_cast<int>(k.view().document().blocks.size()) - 1);
}

TEST(Browser, WelcomePageLinksRunCommandsAndNotOfferedServicesSaySoWithBack) {
  KioskHarness k;
  ASSERT_TRUE(k.tab_to("放大"));
  EXPECT_EQ(k.press(Command::Activate), Outcome::Redraw);
  EXPECT_DOUBLE_EQ(k.view().zoom(), 1.25);
  k.press(Command::NextLink);  // 缩小
  k.press(Command::Activate);
  EXPECT_DOUBLE_EQ(k.view().zoom(), 1.0);
  ASSERT_TRUE(k.tab_to("社保卡办理与挂失"));
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "社保卡办理与挂失");
  EXPECT_NE(k.view().document().blocks[1].plain_text().find("人工窗口"), std::string::npos);
  EXPECT_EQ(k.press(Command::Back), Outcome::Redraw);
  EXPECT_EQ(k.view().document().title, "政务服务自助终端");
  EXPECT_EQ(k.press(Command::Back), Outcome::Unchanged) << "nothing before the start page";
}

TEST(Browser, TouchTargetsAreAtLeast60By60At1080p) {
  KioskHarness k;
  int links = 0;
  for (const auto& f : k.view().layout().fragments) {
    if (f.target.run < 0) continue;
    EXPECT_GE(f.rect.w, 60) << "link in block " << f.target.block;
    EXPECT_GE(f.rect.h, 60) << "link in block " << f.target.block;
    ++links;
  }
  EXPECT_EQ(links, 8);
}

TEST(Browser, TouchingALinkFocusesAndActivatesIt) {
  KioskHarness k;
  auto& view = k.view();
  view.set_focus({3, -1});  // scrolls the first service link into view
  const auto rects = view.layout().focus_rects({3, 0});
  ASSERT_EQ(rects.size(), 1u);
  const ui::Point at{rects[0].center().x,
                     view.content_area().y + rects[0].center().y - view.scroll_y()};
  EXPECT_EQ(k.core().touch(at), Outcome::Redraw);
  EXPECT_EQ(view.document().title, "社保卡办理与挂失");
}

TEST(Browser, FocusStaysVisibleAtEveryZoom) {
  KioskHarness k;
  auto& view = k.view();
  for (double zoom : ui::kZoomSteps) {
    view.set_zoom(zoom);
    for (int step = 0; step < 80; ++step) {
      // Forward by items and links, then back up item by item (screen by screen in tall ones).
      k.press(step >= 40 ? Command::PreviousItem
                         : (step % 3 == 0 ? Command::NextLink : Command::NextItem));
      const auto sv = view.screen_view();
      for (const ui::Rect& r : sv.focus) {
        // WCAG 2.4.11: the focused item is not hidden: at least a line of it is on screen.
        const int top = r.y - sv.scroll_y;
        const int visible = std::min(top + r.h, sv.content_area.h) - std::max(top, 0);
        EXPECT_GE(visible, std::min(r.h, view.layout().body_px))
            << "zoom " << zoom << " top " << top << " h " << r.h << " area " << sv.content_area.h
            << " scroll " << sv.scroll_y << " rects " << sv.focus.size() << " focus "
            << view.focus().block << "/" << view.focus().run << " of "
            << view.document().blocks.size() << " layout h " << view.layout().height;
        break;
      }
    }
  }
}

TEST(Browser, ZoomKeepsTheReadingPosition) {
  KioskHarness k;
  k.core().browser().show(kiosk::long_service_guide(30 * 1024));
  for (int i = 0; i < 25; ++i) k.press(Command::NextItem);
  const auto block = k.view().focus().block;
  k.press(Command::ZoomIn);
  k.press(Command::ZoomIn);
  EXPECT_EQ(k.view().focus().block, block);
  const auto rect = k.view().layout().focus_rects(k.view().focus()).front();
  EXPECT_GE(rect.y - k.view().scroll_y(), 0);
  EXPECT_LT(rect.y - k.view().scroll_y(), k.view().content_area().h);
}

TEST(Browser, CaptionBarPagesLongText) {
  KioskHarness k;
  k.core().browser().show(kiosk::long_service_guide(8 * 1024));
  k.press(Command::NextItem);  // a long paragraph
  const int pages = k.view().caption_pages();
  ASSERT_GT(pages, 1);
  for (int p = 1; p < pages; ++p) EXPECT_EQ(k.press(Command::CaptionNextPage), Outcome::Redraw);
  EXPECT_EQ(k.view().caption_page(), pages - 1);
  EXPECT_EQ(k.press(Command::CaptionNextPage), Outcome::Unchanged);
  k.press(Command::NextItem);
  EXPECT_EQ(k.view().caption_page(), 0) << "a new focus starts at the first caption page";
}

TEST(Browser, QuickNavigationByHeadingListTableAndField) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  const auto& blocks = k.view().document().blocks;
  auto focused = [&] { return blocks[k.view().focus().block]; };
  ASSERT_EQ(k.press(Command::NextHeading), Outcome::Redraw);
  EXPECT_EQ(focused().kind, ui::BlockKind::Heading);
  EXPECT_EQ(focused().plain_text(), "社会保障卡申领");
  ASSERT_EQ(k.press(Command::NextList), Outcome::Redraw);
  EXPECT_EQ(focused().kind, ui::BlockKind::ListItem);
  EXPECT_EQ(focused().level, 1) << "the first item of the list";
  ASSERT_EQ(k.press(Command::NextTable), Outcome::Redraw);
  EXPECT_EQ(focused().plain_text(), "项目：首次申领；费用：免费；时限：3-5个工作日");
  ASSERT_EQ(k.press(Command::NextFormField), Outcome::Redraw);
  EXPECT_EQ(focused().plain_text(), "编辑框：姓名，必填");
  ASSERT_EQ(k.press(Command::PreviousHeading), Outcome::Redraw);
  EXPECT_EQ(focused().plain_text(), "在线预约");
  EXPECT_EQ(k.press(Command::NextTable), Outcome::Unchanged) << "one table only";
}

TEST(Browser, OpensLinksOffTheUiThreadAndGoesBackToTheSamePlace) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/"));
  EXPECT_EQ(k.view().document().title, "政务服务网（演示）");
  ASSERT_TRUE(k.tab_to("办件进度查询"));
  const auto focus = k.view().focus();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "办件进度查询");
  EXPECT_EQ(k.core().browser().url(), k.base() + "/query.html");
  k.press(Command::Back);
  EXPECT_EQ(k.view().document().title, "政务服务网（演示）");
  EXPECT_EQ(k.core().browser().url(), k.base() + "/");
  EXPECT_EQ(k.view().focus(), focus) << "Back returns to the link the citizen followed";
}

TEST(Browser, ForeignSitesAreRefusedAloudAndNothingOpens) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/"));
  ASSERT_TRUE(k.tab_to("外部网站"));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "政务服务网（演示）") << "the page stays";
  EXPECT_EQ(k.said(), std::vector<std::string>{"这个链接不能在自助终端上打开。"});
}

// The old kiosk routed links by string prefix: a page's href="control:abc" crashed it and
// href="view:zoom-in" zoomed it. Page hrefs are UrlTargets now; kiosk words are no URLs.
TEST(Browser, KioskWordsInAPagesLinksCommandNothing) {
  const std::string html =
      "<title>恶意页面</title><a href=\"control:abc\">一</a> <a href=\"view:zoom-in\">二</a> "
      "<a href=\"captcha:/x\">三</a> <a href=\"captcha-audio:/y.wav\">四</a> "
      "<a href=\"service:social-card\">五</a> <a href=\"javascript:alert(1)\">六</a>";
  const auto page = kiosk::load_html(html, "test");
  for (const auto& b : page.document.blocks) {
    for (const auto& r : b.runs) {
      if (r.kind == ui::InlineKind::Link) {
        EXPECT_TRUE(std::holds_alternative<ui::UrlTarget>(r.target)) << r.text;
      }
    }
  }
  KioskHarness k;
  k.core().browser().show(page.document);
  for (int i = 0; i < 6; ++i) {
    k.press(Command::NextLink);
    const std::string link = k.view().focused_link()->text;
    k.forget_said();
    k.press(Command::Activate);
    EXPECT_EQ(k.view().document().title, "恶意页面") << link;
    EXPECT_DOUBLE_EQ(k.view().zoom(), 1.0) << link;
    EXPECT_EQ(k.said(), std::vector<std::string>{"这个链接不能在自助终端上打开。"}) << link;
  }
}

TEST(Browser, InPageAnchorsStayOnThePage) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  ASSERT_TRUE(k.tab_to("申请材料"));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "社会保障卡申领办事指南");
  EXPECT_EQ(k.core().browser().url(), k.base() + "/guide-social-card.html");
  // The focus jumps to the heading the link names, and that heading is what is said.
  const auto& doc = k.view().document();
  const auto& focused = doc.blocks[k.view().focus().block];
  EXPECT_EQ(focused.kind, ui::BlockKind::Heading);
  EXPECT_EQ(focused.plain_text(), "申请材料");
  const auto said = k.said();
  ASSERT_FALSE(said.empty());
  EXPECT_NE(said.back().find("申请材料"), std::string::npos);
  // "#top" goes back to the top of the page.
  ASSERT_NE(doc.anchor("materials"), nullptr);
  EXPECT_EQ(doc.anchor("materials")->block, k.view().focus().block);
}

TEST(Browser, TextOnlyModeDropsImagesAndKeepsEntries) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  auto count_images = [&] {
    int n = 0;
    for (const auto& b : k.view().document().blocks) {
      n += b.plain_text().find("图片，无说明") != std::string::npos;
    }
    return n;
  };
  EXPECT_EQ(count_images(), 1);
  ASSERT_TRUE(k.tab_to("编辑框：姓名"));
  k.press(Command::Activate);
  k.type("李");
  k.type("四");
  k.press(Command::Activate);
  k.press(Command::TextOnly);
  EXPECT_TRUE(k.core().browser().text_only());
  EXPECT_EQ(count_images(), 0);
  EXPECT_NE(kiosk_test::document_text(k.view().document()).find("编辑框：姓名，内容：李*，必填"),
            std::string::npos)
      << "what the citizen typed survives the switch (masked on screen)";
  k.press(Command::TextOnly);
  EXPECT_EQ(count_images(), 1);
}

TEST(Browser, HistoryIsBoundedByCountAndBytes) {
  KioskHarness k;
  for (int i = 0; i < 30; ++i) {
    k.core().browser().show(kiosk::long_service_guide(64 * 1024));
  }
  EXPECT_LE(k.core().browser().history_size(), kiosk::History::kMaxEntries);
  EXPECT_LE(k.core().browser().history_bytes(), kiosk::History::kMaxBytes);
}

}  // namespace

namespace {

// Back pressed again while the page it asked for is still being built: the first Back is
// stopped, and nothing is lost — the page and the entries on it are still there to go back to.
TEST(Browser, StoppingABackKeepsThePageToGoBackTo) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  ASSERT_TRUE(k.tab_to("编辑框：姓名"));
  k.press(Command::Activate);
  k.type("李");
  k.type("四");
  k.press(Command::Activate);
  ASSERT_TRUE(k.open("/query.html"));
  k.core().command(Command::Back);  // the guide is being built again …
  k.core().command(Command::Back);  // … and stopped before it arrives
  EXPECT_FALSE(k.core().browser().loading());
  EXPECT_EQ(k.view().document().title, "办件进度查询");
  k.press(Command::Back);
  EXPECT_EQ(k.view().document().title, "社会保障卡申领办事指南") << "still in the history";
  EXPECT_NE(kiosk_test::document_text(k.view().document()).find("编辑框：姓名，内容：李*"),
            std::string::npos)
      << "with what the citizen typed";
}

// An ID card placed on the attract screen: the card's page is shown at once, and the start
// page, still loading then, is beneath it — Back leads there, not to a built-in page.
TEST(Browser, ACardOnTheAttractScreenLeavesTheStartPageBeneathItsPage) {
  kiosk_test::HarnessOptions o;
  o.start_home = true;
  KioskHarness k(o);
  k.core().end_session();
  drivers::CardEvent card;
  card.kind = drivers::CardEvent::Kind::IdCardRead;
  card.id_card =
      drivers::parse_id_text(drivers::emulated::synthetic_resident().bytes, {2026, 11, 25}).card;
  k.core().card_event(std::move(card));
  EXPECT_EQ(k.view().document().title, "已读取居民身份证");
  ASSERT_TRUE(k.core().wait_until_loaded(std::chrono::seconds(10)));
  EXPECT_EQ(k.view().document().title, "已读取居民身份证") << "the card's page stays";
  k.press(Command::Back);
  EXPECT_EQ(k.view().document().title, "政务服务网（演示）");
}

}  // namespace
