// Filling in forms by keys, with what the citizen hears at each step asserted word for word:
// entering a field, typing and leaving it, Backspace, a select stepped round its options, a
// checkbox, a submit with required fields missing, a POST through the session. An action's
// own message is never cut off by a focus re-announcement.
#include <gtest/gtest.h>

#include "a11y/accessibility.hpp"
#include "browse/forms.hpp"
#include "kiosk_harness.hpp"

namespace {

using kiosk::Command;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;

TEST(FormEditor, TypingIntoAFieldIsEchoedAndLeavingItSaysWhatItHolds) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("编辑框：办件编号"));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.said(), Said{"请输入办件编号，输入完按确认键"}) << "not cut off by the label";
  ASSERT_TRUE(k.core().key_to_command(*kiosk::KeyMap::create({}, false), SDLK_a, 0) == std::nullopt)
      << "while typing, letters are text, not commands";
  for (const char* ch : {"S", "H", "2", "0", "2", "6", "X"}) k.type(ch);
  EXPECT_EQ(k.said(), (Said{"S", "H", "2", "0", "2", "6", "X"}));
  k.press(Command::Back);  // Backspace removes the X
  EXPECT_EQ(k.said(), Said{"删除X"});
  k.press(Command::Activate);  // Enter ends typing
  EXPECT_EQ(k.said(), Said{"已填写：SH2026"});
  EXPECT_EQ(k.focused_text(), "编辑框：办件编号，内容：SH2026，必填");
}

TEST(FormEditor, SelectStepsRoundItsOptionsAndSaysThePosition) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("选择框：办理地区"));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.focused_text(), "选择框：办理地区，内容：浦东新区");
  k.press(Command::Activate);
  k.press(Command::Activate);
  const Said said = k.said();
  ASSERT_EQ(said.size(), 3u);
  EXPECT_EQ(said[0], "浦东新区，第3项，共3项");
  EXPECT_EQ(said[1], "黄浦区，第1项，共3项") << "round the list";
  EXPECT_EQ(said[2], "徐汇区，第2项，共3项");
}

TEST(FormEditor, SubmitWithMissingFieldsSaysHowManyAndMovesThere) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  ASSERT_TRUE(k.tab_to("按钮：提交预约"));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "社会保障卡申领办事指南") << "not submitted";
  const auto spoken = k.speaker().take();
  ASSERT_EQ(spoken.size(), 1u) << "one message, not overwritten by the field's label";
  EXPECT_EQ(spoken[0].text, "还有2项必填内容没有填写。请填写姓名");
  EXPECT_EQ(spoken[0].earcon, tts::Earcon::Error);
  EXPECT_EQ(spoken[0].reason, kiosk::Reason::Validation);
  EXPECT_EQ(k.focused_text(), "编辑框：姓名，必填") << "focus moved to the first missing field";
}

TEST(FormEditor, PersonalEntriesAreMaskedOnScreenAndInSpeechButSentInFull) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  ASSERT_TRUE(k.tab_to("编辑框：姓名"));
  k.press(Command::Activate);
  k.type("张");
  k.type("三");
  k.press(Command::Activate);
  ASSERT_TRUE(k.tab_to("编辑框：手机号码"));
  k.press(Command::Activate);
  k.forget_said();
  for (const char* d : {"1", "3", "8", "0", "0", "1", "3", "8", "0", "0", "0"}) k.type(d);
  const Said digits = k.said();
  ASSERT_EQ(digits.size(), 11u);
  EXPECT_EQ(digits[0], "已输入第1位");
  EXPECT_EQ(digits[10], "已输入第11位") << "the hall never hears the number";
  k.press(Command::Activate);
  EXPECT_EQ(k.said(), Said{"已填写：尾号8000"});
  const std::string shown = kiosk_test::document_text(k.view().document());
  EXPECT_EQ(shown.find("13800138000"), std::string::npos) << shown;
  EXPECT_EQ(shown.find("张三"), std::string::npos) << shown;
  EXPECT_NE(shown.find("编辑框：姓名，内容：张*，必填"), std::string::npos) << shown;
  ASSERT_TRUE(k.tab_to("复选框：我已阅读"));
  k.forget_said();
  k.press(Command::Activate);
  EXPECT_EQ(k.said(), Said{"已选中"});
  ASSERT_TRUE(k.tab_to("按钮：提交预约"));
  k.press(Command::Activate);
  EXPECT_EQ(k.view().document().title, "预约成功") << "POSTed through the session, in full";
  // The answer is the service's receipt: it repeats the name, which the hall sees masked.
  EXPECT_NE(k.view().document().blocks.at(1).plain_text().find("张*，您已预约成功"),
            std::string::npos);
  EXPECT_EQ(kiosk_test::document_text(k.view().document()).find("张三"), std::string::npos);
}

TEST(FormEditor, AnyOtherKeyEndsTypingSilentlyAndDoesItsJob) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("编辑框：办件编号"));
  k.press(Command::Activate);
  k.type("A");
  k.forget_said();
  k.press(Command::NextItem);
  const Said said = k.said();
  ASSERT_EQ(said.size(), 1u) << "only where the focus went";
  EXPECT_EQ(said[0], k.focused_text());
}

}  // namespace

namespace {

// SDL follows every printable key with a text event: outside a field it must not stop what
// the key's command just said (H, W, R, Space …).
TEST(FormEditor, TheTextEventAfterACommandKeyDoesNotCutItsWords) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  k.speaker().take();
  k.core().command(Command::NextHeading);
  k.core().text("h");
  const auto& log = k.speaker().log();
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.back().kind, kiosk::Spoken::Kind::Say) << "no stop after the heading was said";
}

TEST(FormEditor, ANameIsNotEchoedThroughTheLoudspeakerButIsInHeadphones) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/guide-social-card.html"));
  ASSERT_TRUE(k.tab_to("编辑框：姓名"));
  k.press(Command::Activate);
  k.forget_said();
  k.type("张");
  k.press(Command::Back);
  EXPECT_EQ(k.said(), (Said{"已输入第1个字", "删除一位，还有0位"}));
  k.core().headphones(true);
  k.forget_said();
  k.type("李");
  EXPECT_EQ(k.said(), Said{"李"}) << "the citizen's own headphones may hear it";
}

TEST(FormEditor, ATouchEndsTypingSoTheBackButtonGoesBack) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("编辑框：办件编号"));
  k.press(Command::Activate);
  k.type("A");
  const ui::Point back = kiosk_test::button_point(k.view(), Command::Back);
  k.forget_said();
  k.core().touch(back);
  k.core().wait_until_loaded(std::chrono::seconds(10));
  EXPECT_FALSE(k.core().forms().takes_text());
  // The page holds an entry: the first 返回 asks, and nothing was deleted.
  EXPECT_EQ(k.view().document().title, "办件进度查询");
  EXPECT_EQ(k.said(), std::vector<std::string>{"本页已填写的内容不会保存。再按一次返回键离开本页，"
                                               "按其他键留在本页。"});
  EXPECT_EQ(k.core().forms().forms().fields.front().value.reveal(), "A");
  k.core().touch(back);
  k.core().wait_until_loaded(std::chrono::seconds(10));
  EXPECT_EQ(k.view().document().title, "政务服务自助终端") << "返回 went back, not deleted";
}

TEST(FormEditor, BackOnAPageWithEntriesAsksFirstAndAnyOtherKeyStays) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("编辑框：办件编号"));
  k.press(Command::Activate);
  k.type("SH1");
  k.press(Command::Activate);  // typing ends; the entry stays
  k.press(Command::Back);
  EXPECT_EQ(k.view().document().title, "办件进度查询") << "asked, not left";
  k.press(Command::NextItem);  // the citizen stays
  k.press(Command::Back);
  EXPECT_EQ(k.view().document().title, "办件进度查询") << "asked again after another key";
  k.press(Command::Back);
  EXPECT_EQ(k.view().document().title, "政务服务自助终端");
  // A page without entries is left at once.
  ASSERT_TRUE(k.open("/query.html"));
  k.press(Command::Back);
  EXPECT_NE(k.view().document().title, "办件进度查询");
}

}  // namespace

// What a page hides (type=hidden, the hidden attribute, a style sheet's display:none) is never
// read, asked for or filled, but it is sent with its form as a browser sends it: a site's form
// token travels this way.
TEST(Forms, HiddenFieldsAreSentButNeverAskedFor) {
  const auto parsed = a11y::Dom::parse(R"(<style>.gone{display:none}</style>
    <form action="/apply" method="post">
      <input type="hidden" name="csrf" value="t0k3n">
      <input name="step" value="2" hidden>
      <input class="gone" name="channel" value="kiosk" required>
      <input type="hidden" name="off" value="x" disabled>
      <input type="submit" value="提交" hidden>
      <label>姓名 <input name="xm" required></label>
    </form>)");
  ASSERT_TRUE(parsed.dom);
  const a11y::Accessibility acc(*parsed.dom);
  kiosk::PageForms forms = kiosk::extract_forms(acc);
  ASSERT_EQ(forms.forms.size(), 1u);
  int shown = 0;
  for (const auto& f : forms.fields) shown += f.hidden ? 0 : 1;
  EXPECT_EQ(shown, 1) << "only 姓名 is a field the citizen meets";
  const auto missing = forms.missing(0);
  ASSERT_EQ(missing.size(), 1u) << "a hidden required field is never asked for";
  EXPECT_EQ(missing[0]->name, "xm");
  for (auto& f : forms.fields) {
    if (f.name == "xm") f.value = drivers::SecureString("测试");
  }
  EXPECT_EQ(forms.encoded(0), "csrf=t0k3n&step=2&channel=kiosk&xm=%E6%B5%8B%E8%AF%95");
}
