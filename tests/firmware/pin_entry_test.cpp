// A smart card's PIN: a page marked data-kiosk-pin asks for it once a card is in; each digit is
// a tone and the screen shows dots; the card (an emulated social-security card behind the
// PinVerifier, as CardReaders' thread would send it) answers: accepted, wrong with the tries
// left, blocked with what to do.
#include <gtest/gtest.h>

#include "cards/pin_verifier.hpp"
#include "drivers/emulated/emulated_card.hpp"
#include "kiosk_harness.hpp"

namespace {

using kiosk::Command;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;

// VERIFY answered by the emulator; the answer is taken on the next tick, as from a thread.
class EmulatedVerifier final : public kiosk::PinVerifier {
 public:
  void verify(drivers::SecureString pin) override {
    ++sent;
    auto apdu = drivers::iso7816::verify_pin(0x81, pin).encode();
    const auto reply = card.process(apdu);
    const auto sw = static_cast<std::uint16_t>((reply[reply.size() - 2] << 8) | reply.back());
    result_.emplace(drivers::iso7816::describe_sw(sw));
  }
  std::optional<kiosk::Result<drivers::iso7816::SwText>> take_pin_result() override {
    return std::exchange(result_, std::nullopt);
  }
  drivers::emulated::EmulatedCard card = drivers::emulated::EmulatedCard::sample_social_card();
  int sent = 0;

 private:
  std::optional<kiosk::Result<drivers::iso7816::SwText>> result_;
};

drivers::CardEvent event(drivers::CardEvent::Kind kind) {
  drivers::CardEvent e;
  e.kind = kind;
  return e;
}

struct PinFixture {
  KioskHarness k;
  EmulatedVerifier verifier;
  PinFixture() { k.core().set_pin_verifier(&verifier); }
  ~PinFixture() { k.core().set_pin_verifier(nullptr); }
  void enter(const std::string& digits) {
    for (const char d : digits) k.type(std::string(1, d));
    k.press(Command::Activate);
    k.core().tick();
  }
};

TEST(PinEntry, AskedByThePageDigitsAreTonesNeverWordsOrShown) {
  PinFixture f;
  auto& k = f.k;
  ASSERT_TRUE(k.open("/card-pin.html"));
  const Said asked = k.said();
  ASSERT_EQ(asked.size(), 1u);
  EXPECT_NE(asked[0].find("请将社保卡芯片朝上插入插卡口。"), std::string::npos) << asked[0];
  k.core().card_event(event(drivers::CardEvent::Kind::CardInserted));
  EXPECT_EQ(k.said(), Said{"请输入卡片密码，每按一位会有提示音，输入完按确认键。"});
  ASSERT_TRUE(k.core().pin().entering());
  for (const char d : std::string("123456")) k.type(std::string(1, d));
  const auto tones = k.speaker().take();
  ASSERT_EQ(tones.size(), 6u);
  for (const auto& t : tones) {
    EXPECT_EQ(t.kind, kiosk::Spoken::Kind::Earcon);
    EXPECT_EQ(t.earcon, tts::Earcon::PinDigit);
    EXPECT_TRUE(t.text.empty());
  }
  EXPECT_EQ(k.view().caption_override(), "请输入密码：●●●●●●");
  EXPECT_EQ(kiosk_test::document_text(k.view().document()).find("123456"), std::string::npos);
  k.press(Command::Activate);
  EXPECT_EQ(k.said(), Said{"正在验证密码，请稍候。"});
  EXPECT_EQ(f.verifier.sent, 1);
  k.core().tick();
  EXPECT_EQ(k.said(), Said{"密码正确。"});
  EXPECT_FALSE(k.core().pin().entering());
  EXPECT_EQ(f.verifier.card.pin_tries_left(), 3);
}

TEST(PinEntry, WrongPinsTellTheTriesLeftThenTheBlockedCardIsExplained) {
  PinFixture f;
  auto& k = f.k;
  k.core().card_event(event(drivers::CardEvent::Kind::CardInserted));
  ASSERT_TRUE(k.open("/card-pin.html"));
  ASSERT_TRUE(k.core().pin().entering()) << "a card already in: the PIN is asked at once";
  k.forget_said();
  f.enter("000000");
  Said said = k.said();
  ASSERT_FALSE(said.empty());
  EXPECT_EQ(said.back(),
            "密码错误，还可以再试2次。请输入卡片密码，每按一位会有提示音，输入完按确认键。");
  EXPECT_TRUE(k.core().pin().entering()) << "another try";
  f.enter("111111");
  EXPECT_NE(k.said().back().find("还可以再试1次"), std::string::npos);
  f.enter("222222");
  said = k.said();
  EXPECT_EQ(said.back(), "密码已锁定，请到人工窗口办理");
  EXPECT_FALSE(k.core().pin().entering()) << "nothing more to type on a blocked card";
  EXPECT_EQ(f.verifier.card.pin_tries_left(), 0);
  EXPECT_EQ(k.view().caption_override(), "密码已锁定，请到人工窗口办理");
}

TEST(PinEntry, BackDeletesShortIsRefusedRemovalAndEndForget) {
  PinFixture f;
  auto& k = f.k;
  ASSERT_TRUE(k.open("/card-pin.html"));
  k.core().card_event(event(drivers::CardEvent::Kind::CardInserted));
  k.type("1");
  k.type("2");
  k.press(Command::Back);
  EXPECT_EQ(k.view().caption_override(), "请输入密码：●");
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.said(), Said{"密码位数不够，请继续输入。"});
  EXPECT_EQ(f.verifier.sent, 0);
  k.core().card_event(event(drivers::CardEvent::Kind::CardRemoved));
  EXPECT_FALSE(k.core().pin().entering()) << "the card is gone, and the digits with it";
  k.core().card_event(event(drivers::CardEvent::Kind::CardInserted));
  ASSERT_TRUE(k.core().pin().entering()) << "the page still asks";
  k.press(Command::Back);  // nothing typed: the citizen gives up
  EXPECT_FALSE(k.core().pin().entering());
  EXPECT_EQ(k.said().back(), "已取消输入密码。");
  k.core().card_event(event(drivers::CardEvent::Kind::CardRemoved));
  k.core().card_event(event(drivers::CardEvent::Kind::CardInserted));
  EXPECT_EQ(k.said().back(), "卡片已插入，请稍候。") << "no longer asked";
  k.core().end_session();
  EXPECT_FALSE(k.core().pin().requested());
}

TEST(PinEntry, WithoutAVerifierTheCitizenIsTold) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/card-pin.html"));
  k.core().card_event(event(drivers::CardEvent::Kind::CardInserted));
  for (const char d : std::string("123456")) k.type(std::string(1, d));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.said(), Said{"密码暂时无法验证，请工作人员协助。"});
  EXPECT_FALSE(k.core().pin().entering());
}

}  // namespace
