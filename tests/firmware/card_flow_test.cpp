// The cards room: an ID card fills the page's name field or shows a masked card page, an
// expired card is refused aloud and on screen, removal and the session's end forget the card,
// reader trouble is shown and said.
#include <gtest/gtest.h>

#include "cards/card_wording.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "drivers/resident_id.hpp"
#include "kiosk_harness.hpp"

namespace {

using kiosk::Outcome;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;

TEST(CardFlow, IdCardWithoutAFormShowsAndSaysOnlyMaskedFields) {
  KioskHarness k;
  ASSERT_EQ(k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_resident())),
            Outcome::Redraw);
  EXPECT_EQ(k.view().document().title, "已读取居民身份证");
  const std::string text = kiosk_test::document_text(k.view().document());
  EXPECT_NE(text.find("3101**********1234"), std::string::npos) << text;
  EXPECT_NE(text.find("测**"), std::string::npos) << text;
  EXPECT_EQ(text.find("310101199001011234"), std::string::npos) << "never the clear number";
  EXPECT_EQ(text.find("测试甲"), std::string::npos) << "never the clear name";
  EXPECT_EQ(k.said(), Said{"已读取居民身份证。测**，证件号码尾号1234。"});
  ASSERT_NE(k.core().citizen().id_card(), nullptr);
  k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::CardRemoved));
  EXPECT_EQ(k.core().citizen().id_card(), nullptr) << "taken away: forgotten";
  EXPECT_EQ(k.said(), Said{"卡片已取出。"});
  EXPECT_EQ(k.view().caption_override(), "卡片已取出");
}

TEST(CardFlow, ExpiredCardIsRefusedWithAReason) {
  KioskHarness k;
  k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_resident("20200101")));
  EXPECT_EQ(k.view().document().title, "证件已过有效期");
  EXPECT_NE(kiosk_test::document_text(k.view().document()).find("2020年1月1日"), std::string::npos);
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u);
  EXPECT_EQ(spoken[0].text, "您的证件已过有效期，有效期至2020年1月1日。请到人工窗口办理。");
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Error);
}

TEST(CardFlow, SessionEndForgetsTheCard) {
  KioskHarness k;
  k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_foreigner_2017()));
  ASSERT_NE(k.core().citizen().id_card(), nullptr);
  EXPECT_EQ(k.view().document().title, "已读取外国人永久居留身份证");
  k.core().end_session();
  EXPECT_EQ(k.core().citizen().id_card(), nullptr);
}

TEST(CardFlow, ReaderTroubleIsShownAndSpokenNotSilent) {
  KioskHarness k;
  EXPECT_EQ(k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::CardError,
                                                       drivers::CardFault::CardMute)),
            Outcome::Redraw);
  EXPECT_EQ(k.view().caption_override(), "无法读取这张卡，请确认芯片朝上、方向正确后重新插入");
  EXPECT_EQ(k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::ReaderRemoved)),
            Outcome::Redraw);
  EXPECT_EQ(k.view().caption_override(), "读卡器暂时不能使用，请工作人员检查");
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 2u);
  EXPECT_EQ(spoken[0].text, "无法读取这张卡，请确认芯片朝上、方向正确后重新插入");
  EXPECT_EQ(spoken[1].text, "读卡器暂时不能使用，请工作人员检查。");
  EXPECT_EQ(spoken[1].earcon, tts::Earcon::Error);
}

TEST(CardFlow, ReasonCodesBecomeTheSentencesTheDriversUsedToSay) {
  using F = drivers::CardFault;
  namespace w = kiosk::card_wording;
  EXPECT_EQ(w::failed(F::ReaderNotResponding), "读卡器没有响应，请工作人员检查");
  EXPECT_EQ(w::failed(F::BadAtr), "无法识别这张卡，请擦拭芯片后重新插入");
  EXPECT_EQ(w::failed(F::NoIdCard), "请把身份证放在读卡区");
  EXPECT_EQ(w::failed(F::IdNumberInvalid), "证件号码校验失败，请重新放置证件");
  EXPECT_EQ(w::failed(F::IdCardExpired), "您的证件已过有效期，请到人工窗口办理");
  EXPECT_EQ(w::failed(F::None), "读卡没有成功，请重新放置证件。");
  EXPECT_EQ(w::card_status(drivers::iso7816::describe_sw(0x63C2)), "密码错误，还可以再试2次");
  EXPECT_EQ(w::card_status(drivers::iso7816::describe_sw(0x6983)), "密码已锁定，请到人工窗口办理");

  KioskHarness k;
  k.core().card_event(
      kiosk_test::card_event(drivers::CardEvent::Kind::IdCardFailed, F::IdCardMoved));
  EXPECT_EQ(k.view().caption_override(), "请把身份证放稳，不要移动");
  EXPECT_EQ(k.said(), Said{"请把身份证放稳，不要移动"});
  // A record the parser refuses: its code reaches the citizen as the same sentence as before.
  auto broken = drivers::emulated::synthetic_resident();
  broken.bytes[122] ^= 0x01;  // first digit of the ID number: the check digit no longer fits
  auto parsed = drivers::parse_id_text(broken.bytes, {2026, 11, 25});
  ASSERT_FALSE(parsed.card);
  k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::IdCardFailed, parsed.fault));
  EXPECT_EQ(k.said(), Said{"证件号码校验失败，请重新放置证件"});
}

TEST(CardFlow, IdCardFillsTheAppointmentFormsNameFieldMasked) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  k.forget_said();
  k.core().card_event(kiosk_test::id_card_read(drivers::emulated::synthetic_resident()));
  EXPECT_EQ(k.view().document().title, "社会保障卡申领办事指南") << "the page stays";
  bool filled = false;
  for (const auto& f : k.core().forms().forms().fields) {
    if (f.name == "name") {
      EXPECT_EQ(f.value.reveal(), "测试甲");
      filled = true;
    }
    if (f.name == "phone") {
      EXPECT_TRUE(f.value.empty()) << "nothing else is touched";
    }
  }
  EXPECT_TRUE(filled);
  EXPECT_EQ(k.said(), Said{"已读取居民身份证，已为您填写姓名。证件号码尾号1234。"});
  const std::string shown = kiosk_test::document_text(k.view().document());
  EXPECT_EQ(shown.find("测试甲"), std::string::npos) << "the field shows 测**";
}

}  // namespace
