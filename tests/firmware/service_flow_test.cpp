// The service room: a page marked data-kiosk-identify asks for the ID card, the card read is
// confirmed masked and followed by 请取回您的身份证; a page marked data-kiosk-receipt is masked
// and read in full from the top; the 好差评 rating page (keys, digits, touch, touch-talk) posts
// {level, service} to the gateway's /rating, and a failed post is told without losing the
// session.
#include <gtest/gtest.h>

#include "a11y/dom.hpp"
#include "browse/page_fetcher.hpp"
#include "browse/page_loader.hpp"
#include "browse/page_marks.hpp"
#include "cards/card_wording.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "drivers/resident_id.hpp"
#include "kiosk_harness.hpp"
#include "service/receipt.hpp"

namespace {

using kiosk::Command;
using kiosk::Outcome;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;

constexpr const char* kName = "测试甲";
constexpr const char* kId = "310101199001011234";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string joined(const Said& said) {
  std::string all;
  for (const auto& s : said) all += s + "\n";
  return all;
}

// Identify, read, send: the appointment's receipt is on screen and being read.
void reach_receipt(KioskHarness& k) {
  ASSERT_TRUE(k.open("/appointment.html"));
  k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_resident()));
  ASSERT_TRUE(k.tab_to("按钮：提交预约"));
  k.press(Command::Activate);
  ASSERT_EQ(k.view().document().title, "预约成功");
}

// The rating page's choice for `level_text` as a finger touches it, and its size.
ui::Rect choice_rect(const ui::ReadingView& view, const std::string& level_text) {
  return kiosk_test::run_on_screen(view,
                                   [&](const std::string& text) { return text == level_text; })
      .value_or(ui::Rect{});
}

kiosk::PageMarks marks_of(const std::string& html) {
  auto parsed = a11y::Dom::parse(html);
  EXPECT_TRUE(parsed.dom) << parsed.error;
  return parsed.dom ? kiosk::read_marks(*parsed.dom) : kiosk::PageMarks{};
}

TEST(PageMarks, AttributesAndMetaElementsAreRead) {
  EXPECT_FALSE(marks_of("<p>hello</p>").any());
  EXPECT_TRUE(marks_of("<form data-kiosk-identify><input name=a></form>").identify);
  EXPECT_TRUE(marks_of("<head><meta name=kiosk-identify></head><p>x</p>").identify);
  EXPECT_EQ(marks_of("<main data-kiosk-receipt=\"tax.refund-2\"><p>x</p></main>").receipt,
            "tax.refund-2");
  EXPECT_EQ(marks_of("<head><meta name=kiosk-receipt content=abc></head><p>x</p>").receipt, "abc");
  EXPECT_EQ(marks_of("<main data-kiosk-receipt><p>x</p></main>").receipt, "general");
  EXPECT_EQ(marks_of("<main data-kiosk-receipt=\"a b&c=d\"><p>x</p></main>").receipt, "general")
      << "nothing but a plain id goes into the rating's body";
  EXPECT_EQ(kiosk::service_id(std::string(65, 'a')), "general");
}

// The hall's services, marked data-kiosk-tiles on the home page, are large tiles: each
// single-link item shown heading-sized, large to see and to touch, still read as before.
TEST(PageMarks, TilesAreTheMarkedListsSingleLinksInHeadingSize) {
  const auto page = kiosk::load_html(
      "<h1>服务</h1><ul data-kiosk-tiles><li><a href=/a>甲服务</a></li>"
      "<li><a href=/b>乙服务</a> 和说明</li><li>没有链接</li></ul>"
      "<p><a href=/a>甲服务</a></p><p><a href=/c>别处的链接</a></p>",
      "test");
  ASSERT_EQ(page.marks.tiles, (std::vector<std::string>{"/a", "/b"}));
  EXPECT_FALSE(page.marks.any()) << "tiles are presentation, not a request";
  const auto& blocks = page.document.blocks;
  int tiles = 0;
  for (const auto& b : blocks) {
    if (b.tile) {
      ++tiles;
      ASSERT_EQ(b.runs.size(), 1u);
      EXPECT_EQ(b.runs[0].kind, ui::InlineKind::Link);
    }
  }
  // 甲服务 in the list and the same link again below (the same service); 乙服务 has more text
  // beside it and stays an item; 别处的链接 is not a service.
  EXPECT_EQ(tiles, 2);
  for (const auto& b : blocks) {
    if (b.tile) {
      EXPECT_NE(b.kind, ui::BlockKind::Heading) << "a tile keeps its kind";
    }
  }
  KioskHarness k;
  ASSERT_TRUE(k.open("/"));
  ui::Rect tile{};
  for (const auto& f : k.view().layout().fragments) {
    const auto& b = k.view().document().blocks[f.target.block];
    if (f.target.run >= 0 && b.tile) tile = f.rect;
  }
  EXPECT_GE(tile.h, 60) << "a tile is at least 60 px tall at 1080p";
  EXPECT_GE(tile.w, 60);
}

TEST(ReceiptMasking, KnownValuesAndNumbersByTheirShape) {
  ui::Document d;
  d.title = "测试甲的回执";
  d.blocks.push_back(ui::make_paragraph("测试甲，证件310101199001011234，手机13800138000。"));
  d.blocks.push_back(ui::make_paragraph("另一证件11010519491231002X，另一手机 13912345678。"));
  d.blocks.push_back(ui::make_paragraph("办件编号 SH2026112500123，电话 12345，2026年11月25日。"));
  const drivers::SecureString name("测试甲");
  const std::vector<kiosk::KnownValue> known{{name.reveal(), "测**"}};
  ASSERT_TRUE(kiosk::mask_receipt(d, known));
  EXPECT_EQ(d.title, "测**的回执");
  EXPECT_EQ(d.blocks[0].plain_text(), "测**，证件3101**********1234，手机138****8000。");
  EXPECT_EQ(d.blocks[1].plain_text(), "另一证件1101**********002X，另一手机 139****5678。");
  EXPECT_EQ(d.blocks[2].plain_text(), "办件编号 SH2026112500123，电话 12345，2026年11月25日。")
      << "what is not personal is read as it is";
  ui::Document plain;
  plain.blocks.push_back(ui::make_paragraph("没有个人信息。"));
  EXPECT_FALSE(kiosk::mask_receipt(plain, known));
}

TEST(Identify, PromptThenMaskedConfirmationThenTakeBack) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/appointment.html"));
  const Said prompt = k.said();
  ASSERT_EQ(prompt.size(), 1u) << joined(prompt);
  EXPECT_EQ(prompt[0].rfind("社会保障卡申领预约。", 0), 0u) << "the page first: " << prompt[0];
  EXPECT_TRUE(contains(prompt[0], "请将身份证放在读卡区。")) << prompt[0];
  EXPECT_FALSE(contains(prompt[0], "。。")) << prompt[0];
  EXPECT_EQ(k.view().caption_override(), "请将身份证放在读卡区。");
  EXPECT_TRUE(k.core().cards().awaiting_identify());

  k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_resident()));
  const Said read = k.said();
  EXPECT_EQ(read, Said{"已读取居民身份证：测**，身份证尾号1234。已为您填写姓名和证件号码。"
                       "请取回您的身份证。"});
  EXPECT_EQ(k.view().caption_override(), "已读取：测**，身份证尾号1234。请取回您的身份证");
  EXPECT_EQ(k.view().document().title, "社会保障卡申领预约") << "the page that asked stays";
  const std::string shown = kiosk_test::document_text(k.view().document());
  EXPECT_FALSE(contains(shown, kName)) << shown;
  EXPECT_FALSE(contains(shown, kId)) << shown;
  EXPECT_FALSE(contains(joined(read), kName));
  EXPECT_FALSE(contains(joined(read), kId));
  EXPECT_FALSE(k.core().cards().awaiting_identify());
  ASSERT_NE(k.core().citizen().id_card(), nullptr);

  // A SAM reader never reports the card lifted: the next card placed replaces it.
  k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_foreigner_2017()));
  ASSERT_NE(k.core().citizen().id_card(), nullptr);
  EXPECT_NE(k.core().citizen().id_card()->name.reveal(), kName);
  k.core().end_session();
  EXPECT_EQ(k.core().citizen().id_card(), nullptr) << "结束 forgets it";
}

TEST(Identify, EveryTroubleSaysWhatToDo) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/appointment.html"));
  k.forget_said();
  using K = drivers::CardEvent::Kind;
  using F = drivers::CardFault;
  k.core().card_event(kiosk_test::card_event(K::IdCardFailed, F::IdReadFailed));
  EXPECT_EQ(k.said(), Said{"读取证件失败，请重新放置"});
  EXPECT_EQ(k.view().caption_override(), "读取证件失败，请重新放置");
  k.core().card_event(kiosk_test::card_event(K::IdCardFailed, F::NotAnIdCard));
  EXPECT_EQ(k.said(), Said{"这不是可以读取的证件，请将身份证放在读卡区"});
  k.core().card_event(kiosk_test::card_event(K::CardInserted));
  EXPECT_EQ(k.said(), Said{"这里需要身份证。请取出插入的卡片，将身份证放在读卡区。"});
  k.core().card_event(kiosk_test::card_event(K::ReaderRemoved));
  EXPECT_EQ(k.said(), Said{"读卡器暂时不能使用。请手动填写，或请工作人员协助。"});
  EXPECT_EQ(k.view().caption_override(), "读卡器暂时不能使用。请手动填写，或请工作人员协助。");
  EXPECT_TRUE(k.core().cards().awaiting_identify()) << "still waiting for the ID card";
  k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_resident("20200101")));
  EXPECT_EQ(k.view().document().title, "证件已过有效期");
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text, "您的证件已过有效期，有效期至2020年1月1日。请到人工窗口办理。");
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Error);
}

TEST(Identify, AnotherPageWithdrawsThePrompt) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/appointment.html"));
  ASSERT_TRUE(k.core().cards().awaiting_identify());
  ASSERT_TRUE(k.open("/query.html"));
  EXPECT_FALSE(k.core().cards().awaiting_identify());
  k.forget_said();
  k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::CardInserted));
  EXPECT_EQ(k.said(), Said{"卡片已插入，请稍候。"}) << "no identify words off the page";
}

TEST(Receipt, ReadInFullFromTheTopWithPersonalValuesMasked) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/appointment.html"));
  k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_resident()));
  ASSERT_TRUE(k.tab_to("编辑框：手机号码"));
  k.press(Command::Activate);
  for (const char* d : {"1", "3", "8", "0", "0", "1", "3", "8", "0", "0", "0"}) k.type(d);
  k.press(Command::Activate);
  ASSERT_TRUE(k.tab_to("按钮：提交预约"));
  k.forget_said();
  k.press(Command::Activate);
  ASSERT_EQ(k.view().document().title, "预约成功");

  const auto spoken = k.speaker().take();
  ASSERT_FALSE(spoken.empty());
  EXPECT_EQ(spoken.back().kind, kiosk::Spoken::Kind::SayAll) << "read aloud at once";
  const auto& texts = k.speaker().say_all_texts();
  const auto& blocks = k.view().document().blocks;
  ASSERT_EQ(texts.size(), blocks.size()) << "every item, from the top";
  for (std::size_t i = 0; i < blocks.size(); ++i) EXPECT_EQ(texts[i], blocks[i].plain_text());
  EXPECT_EQ(texts.front(), "预约成功");
  EXPECT_TRUE(contains(texts[1], "测**，您已预约成功")) << texts[1];
  std::string all;
  for (const auto& t : texts) all += t + "\n";
  EXPECT_TRUE(contains(all, "身份证号码：3101**********1234")) << all;
  EXPECT_TRUE(contains(all, "联系电话：尾号8000")) << all;
  EXPECT_TRUE(contains(all, "预约号：SH2026112500123")) << "not personal: said in full";
  EXPECT_TRUE(contains(texts.back(), "评价本次服务")) << "the rating is offered last";
  for (const char* clear : {kName, kId, "13800138000"}) {
    EXPECT_FALSE(contains(all, clear)) << clear;
    EXPECT_FALSE(contains(kiosk_test::document_text(k.view().document()), clear)) << clear;
  }
  // The focus follows the voice to the end: Enter there opens the rating.
  for (std::size_t i = 1; i < blocks.size(); ++i) {
    k.speaker().advance_say_all();
    k.core().tick();
  }
  EXPECT_EQ(k.view().focus().block, blocks.size() - 1);
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "服务评价");
  EXPECT_TRUE(k.core().service().on_rating_page());
}

TEST(Receipt, BackFromTheRatingPageShowsTheReceiptStillMasked) {
  KioskHarness k;
  reach_receipt(k);
  k.press(Command::RateService);
  ASSERT_TRUE(k.core().service().on_rating_page());
  k.press(Command::Back);
  ASSERT_EQ(k.view().document().title, "预约成功");
  const std::string shown = kiosk_test::document_text(k.view().document());
  EXPECT_FALSE(contains(shown, kName)) << shown;
  EXPECT_FALSE(contains(shown, kId)) << shown;
  EXPECT_FALSE(contains(joined(k.said()), kName));
}

TEST(Rating, ByKeysEachLevelSpokenOnFocusThenPosted) {
  KioskHarness k;
  reach_receipt(k);
  const std::string before = kiosk_test::gateway_ratings(k);
  EXPECT_TRUE(contains(before, "\"total\":0")) << before;
  k.forget_said();
  k.press(Command::RateService);
  EXPECT_EQ(k.view().document().title, "服务评价");
  const Said offered = k.said();
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0].rfind("请您评价本次服务：1，非常满意；2，满意；3，基本满意；", 0), 0u);
  k.press(Command::NextItem);
  EXPECT_EQ(k.said(), Said{"非常满意，第1项，共5项"});
  k.press(Command::NextItem);
  EXPECT_EQ(k.said(), Said{"满意，第2项，共5项"});
  k.press(Command::PreviousItem);
  k.press(Command::NextItem);
  k.forget_said();
  k.press(Command::Activate);
  ASSERT_TRUE(k.wait_for_rating());
  EXPECT_EQ(k.said(), Said{"感谢您的评价。办理完毕，请选择结束服务。"});
  EXPECT_EQ(k.view().document().title, "感谢您的评价");
  EXPECT_EQ(k.view().focused_text(), "结束服务") << "Enter now ends the service";
  const std::string after = kiosk_test::gateway_ratings(k);
  EXPECT_TRUE(contains(after, "\"total\":1")) << after;
  EXPECT_TRUE(contains(after, "\"social-card-appointment\":{\"4\":1}")) << "满意 is 4: " << after;
  EXPECT_FALSE(contains(after, kName));
  k.press(Command::Activate);
  EXPECT_EQ(k.core().session().state(), kiosk::Session::State::Welcome) << "结束 offered and taken";
}

TEST(Rating, DigitKeysRateOnlyOnTheRatingPage) {
  KioskHarness k;
  reach_receipt(k);
  k.forget_said();
  EXPECT_EQ(k.core().command(Command::RateVerySatisfied), Outcome::NotMine) << "a digit elsewhere";
  EXPECT_FALSE(k.core().service().sending());
  k.press(Command::RateService);
  k.press(Command::RateVerySatisfied);  // the key 1
  ASSERT_TRUE(k.wait_for_rating());
  EXPECT_TRUE(contains(kiosk_test::gateway_ratings(k), "\"social-card-appointment\":{\"5\":1}"))
      << kiosk_test::gateway_ratings(k);
  k.forget_said();
  k.press(Command::RateService);
  EXPECT_EQ(k.said(), Said{"办理完成后，可以评价本次服务。"}) << "rated once per receipt";
}

TEST(Rating, ByTouchWithLargeTargetsAndTouchTalkInAudioMode) {
  KioskHarness k;
  reach_receipt(k);
  k.press(Command::RateService);
  for (const char* level : {"非常满意", "满意", "基本满意", "不满意", "非常不满意"}) {
    const ui::Rect r = choice_rect(k.view(), level);
    EXPECT_GE(r.w, 60) << level;
    EXPECT_GE(r.h, 60) << level;
    // All five on the first screen, above the caption bar, without scrolling.
    const ui::Rect area = k.view().content_area();
    EXPECT_GE(r.y, area.y) << level;
    EXPECT_LE(r.y + r.h, area.y + area.h) << level;
  }
  // Audio mode: the first touch says the level, the second sends it.
  k.core().headphones(true);
  const ui::Rect r = choice_rect(k.view(), "基本满意");
  const ui::Point p{r.x + r.w / 2, r.y + r.h / 2};
  k.forget_said();
  k.core().touch(p);
  EXPECT_TRUE(contains(joined(k.said()), "基本满意"));
  EXPECT_FALSE(k.core().service().sending()) << "not sent by the first touch";
  k.core().touch(p);
  ASSERT_TRUE(k.wait_for_rating());
  EXPECT_TRUE(contains(kiosk_test::gateway_ratings(k), "\"social-card-appointment\":{\"3\":1}"))
      << kiosk_test::gateway_ratings(k);

  // Without headphones one touch sends (another receipt, another rating).
  KioskHarness t;
  reach_receipt(t);
  t.press(Command::RateService);
  const ui::Rect v = choice_rect(t.view(), "非常不满意");
  t.core().touch({v.x + v.w / 2, v.y + v.h / 2});
  ASSERT_TRUE(t.wait_for_rating());
  EXPECT_TRUE(contains(kiosk_test::gateway_ratings(t), "\"social-card-appointment\":{\"1\":1}"))
      << kiosk_test::gateway_ratings(t);
}

TEST(Rating, AFailedPostIsToldAndTheSessionGoesOn) {
  KioskHarness k;
  reach_receipt(k);
  k.press(Command::RateService);
  k.stop_gateway();
  k.forget_said();
  k.press(Command::RateSatisfied);
  ASSERT_TRUE(k.wait_for_rating());
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text,
            "评价暂时没有提交成功。您可以再选一次，或选择结束服务；需要帮助时，请告诉工作人员。");
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Error);
  EXPECT_TRUE(k.core().service().on_rating_page()) << "the choices stay for another try";
  EXPECT_EQ(k.core().session().state(), kiosk::Session::State::Active);
  EXPECT_NE(k.core().citizen().id_card(), nullptr) << "nothing of the session is lost";
  EXPECT_TRUE(contains(k.view().caption_override(), "评价暂时没有提交成功"));
}

TEST(Rating, GatewayValidatesLevelAndService) {
  KioskHarness k;
  kiosk::PageFetcher f(kiosk::FetchPolicy{{k.base()}});
  EXPECT_FALSE(f.post_form(k.base() + "/rating", "level=6&service=x").ok);
  EXPECT_FALSE(f.post_form(k.base() + "/rating", "level=3&service=%E5%BC%A0").ok);
  EXPECT_FALSE(f.post_form(k.base() + "/rating", "level=3&service=x&name=a").ok)
      << "nothing personal rides along";
  EXPECT_TRUE(f.post_form(k.base() + "/rating", "level=3&service=x").ok);
  EXPECT_TRUE(contains(kiosk_test::gateway_ratings(k), "\"total\":1"));
}

TEST(Rating, EndpointIsTheKnownGatewayPlusAFixedPath) {
  kiosk::FetchPolicy p{{"http://127.0.0.1:8088"}};
  EXPECT_EQ(kiosk::rating_endpoint("", p), "http://127.0.0.1:8088/rating");
  EXPECT_EQ(kiosk::rating_endpoint("https://zwfw.example.gov.cn/hall/index.html", p),
            "https://zwfw.example.gov.cn/rating");
  EXPECT_EQ(kiosk::rating_endpoint("", kiosk::FetchPolicy{}), "");
}

}  // namespace
