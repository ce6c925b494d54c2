// Scripted end-to-end sessions, headless (offscreen canvas, the recording speaker, emulated
// card events), for three people from the attract poster through identification, the
// 社会保障卡补换申请 form with its captcha, the receipt and the 好差评 rating to 结束:
//  - a blind citizen with headphones and the EZ keypad (a keyboard only for typing),
//  - a low-vision citizen on the keyboard at 300 % in 黑底黄字,
//  - an elderly sighted citizen by touch alone with the on-screen keyboard.
// Every step is screenshotted into the cwd (e2e-<person>-NN-<step>.png) and checked where it
// matters; the whole utterance log is asserted; the card's clear name and ID number are never
// shown or said; after 结束 nothing personal is left. Then the troubles: a reader unplugged and
// a card taken away mid-read, the gateway down mid-session, the idle timeout with and without
// an extension.
#include <gtest/gtest.h>

#include <SDL_image.h>

#include <algorithm>
#include <optional>

#include "browse/page_fetcher.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "drivers/resident_id.hpp"
#include "input/keymap.hpp"
#include "kiosk_harness.hpp"
#include "session/session.hpp"

namespace {

using kiosk::Command;
using kiosk::Outcome;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;
using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

constexpr const char* kPhone = "13912345678";

drivers::CardEvent id_card_event() {
  return kiosk_test::id_card_read(drivers::emulated::synthetic_resident());
}

// The synthetic card's clear values, from its record (never typed here by hand).
struct ClearValues {
  std::string name;
  std::string id;
};
ClearValues card_values() {
  const auto e = id_card_event();
  EXPECT_TRUE(e.id_card);
  if (!e.id_card) return {};
  return {std::string(e.id_card->name.reveal()), std::string(e.id_card->id_number.reveal())};
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::string joined(const Said& said) {
  std::string all;
  for (const auto& s : said) all += s + "\n";
  return all;
}

kiosk_test::HarnessOptions home() {
  kiosk_test::HarnessOptions o;
  o.start_home = true;
  return o;
}

// One person's session: every step's words, the whole log, screenshots and the privacy rule
// checked at each step.
class Person {
 public:
  Person(KioskHarness& k, std::string who, bool speaker_mode)
      : k_(k), who_(std::move(who)), speaker_mode_(speaker_mode), clear_(card_values()) {}

  // What was said since the last step (say-all's further texts included), kept in the log.
  Said step() {
    Said now;
    for (const auto& s : k_.speaker().take()) {
      if (s.kind == kiosk::Spoken::Kind::Spell) spelled_.push_back(s.text);
      if (s.kind == kiosk::Spoken::Kind::SayAll) {
        for (const auto& t : k_.speaker().say_all_texts()) now.push_back(t);
        continue;
      }
      if (!s.text.empty()) now.push_back(s.text);
    }
    log_.insert(log_.end(), now.begin(), now.end());
    check_private(joined(now), "said");
    check_private(kiosk_test::document_text(k_.view().document()), "shown");
    check_private(k_.view().caption_override(), "caption");
    return now;
  }

  // Draws the frame and saves it as e2e-<who>-NN-<name>.png in the cwd.
  void shot(const std::string& name) {
    k_.core().draw();
    char number[16];
    std::snprintf(number, sizeof number, "%02d", ++shots_);
    const std::string file = "e2e-" + who_ + "-" + number + "-" + name + ".png";
    EXPECT_EQ(IMG_SavePNG(k_.canvas().surface.get(), file.c_str()), 0) << SDL_GetError();
  }

  const Said& log() const { return log_; }
  const std::string& last_spelled() const { return spelled_.back(); }
  bool spelled_any() const { return !spelled_.empty(); }
  const ClearValues& clear() const { return clear_; }

 private:
  void check_private(const std::string& text, const char* where) {
    ASSERT_FALSE(clear_.name.empty());
    EXPECT_FALSE(contains(text, clear_.name)) << who_ << " " << where << ": " << text;
    EXPECT_FALSE(contains(text, clear_.id)) << who_ << " " << where << ": " << text;
    if (speaker_mode_) {
      EXPECT_FALSE(contains(text, kPhone)) << who_ << " " << where << ": " << text;
    }
  }

  KioskHarness& k_;
  std::string who_;
  bool speaker_mode_;
  ClearValues clear_;
  Said log_;
  Said spelled_;
  int shots_ = 0;
};

// The attract poster: its words alone, no bars; the canvas is the page background around them.
void expect_poster(KioskHarness& k) {
  EXPECT_EQ(k.core().session().state(), kiosk::Session::State::Welcome);
  ASSERT_FALSE(k.view().document().blocks.empty());
  EXPECT_EQ(k.view().document().blocks.at(0).plain_text(), "请按任意键或触摸屏幕开始");
  const ui::ScreenView v = k.view().screen_view();
  EXPECT_FALSE(v.title_bar);
  EXPECT_FALSE(v.caption);
  k.core().draw();
  EXPECT_EQ(k.canvas().pixel(5, 5), k.view().scheme().background) << "the poster's corner";
}

// After 结束: nothing personal anywhere in the kiosk's state.
void expect_nothing_personal(KioskHarness& k) {
  EXPECT_EQ(k.core().citizen().id_card(), nullptr);
  for (const auto& f : k.core().forms().forms().fields) {
    EXPECT_TRUE(f.value.reveal().empty()) << f.label;
  }
  EXPECT_EQ(k.core().browser().history_size(), 0u);
  EXPECT_FALSE(k.core().keyboard().shown());
  EXPECT_TRUE(k.view().caption_override().empty()) << k.view().caption_override();
  expect_poster(k);
}

// The EZ keypad under the screen, as the production board binds it (rk3568-215.toml [keys]).
const kiosk::KeyMap& ez_keys() {
  static const auto keys = kiosk::KeyMap::create({{"down", {"Keypad 2"}},
                                                  {"up", {"Keypad 8"}},
                                                  {"enter", {"Keypad 5"}},
                                                  {"back", {"Keypad 0"}},
                                                  {"repeat", {"Keypad *"}}},
                                                 false);
  return *keys;
}
// The keyboard's default keys (command.cpp).
const kiosk::KeyMap& keyboard_keys() {
  static const auto keys = kiosk::KeyMap::create({}, false);
  return *keys;
}

Outcome key(KioskHarness& k, const kiosk::KeyMap& keys, SDL_Keycode code, Uint16 mod = 0) {
  const Outcome o = k.core().key(keys, code, mod);
  k.core().wait_until_loaded(std::chrono::seconds(10));
  return o;
}

// Keypad 2 (down) until the focused item's text starts with `prefix`.
bool ez_down_to(KioskHarness& k, const std::string& prefix) {
  for (int i = 0; i < 40; ++i) {
    if (k.focused_text().rfind(prefix, 0) == 0) return true;
    key(k, ez_keys(), SDLK_KP_2);
  }
  return k.focused_text().rfind(prefix, 0) == 0;
}

// Tab until the focused item's text starts with `prefix`, pressing the real key.
bool tab_to(KioskHarness& k, const std::string& prefix) {
  for (int i = 0; i < 40; ++i) {
    if (k.focused_text().rfind(prefix, 0) == 0) return true;
    key(k, keyboard_keys(), SDLK_TAB);
  }
  return k.focused_text().rfind(prefix, 0) == 0;
}

// The screen rectangle of the run whose text starts with `prefix`, as a finger finds it.
std::optional<ui::Rect> run_rect(const ui::ReadingView& view, const std::string& prefix) {
  return kiosk_test::run_on_screen(
      view, [&](const std::string& text) { return text.rfind(prefix, 0) == 0; });
}

// Swipes (never a key) until the run is whole on screen, then touches its middle.
void swipe_and_touch(KioskHarness& k, const std::string& prefix) {
  auto& view = k.view();
  ASSERT_TRUE(run_rect(view, prefix)) << "no " << prefix << " on " << view.document().title;
  for (int swipes = 0; swipes < 40; ++swipes) {
    const ui::Rect r = *run_rect(view, prefix);
    const ui::Rect area = view.content_area();
    if (r.y >= area.y && r.bottom() <= area.bottom()) break;
    k.core().scroll(r.y < area.y ? -300 : 300);
  }
  const ui::Rect r = *run_rect(view, prefix);
  ASSERT_GE(r.y, view.content_area().y) << prefix;
  ASSERT_LE(r.bottom(), view.content_area().bottom()) << prefix;
  k.core().touch(r.center());
  k.core().wait_until_loaded(std::chrono::seconds(10));
}

Outcome touch_key(KioskHarness& k, const std::string& label) {
  const auto area = k.core().keyboard().key_area(label);
  EXPECT_TRUE(area.has_value()) << "no key " << label;
  if (!area) return Outcome::NotMine;
  return k.core().touch(area->center());
}

std::string value_of(KioskHarness& k, const std::string& label) {
  for (const auto& f : k.core().forms().forms().fields) {
    if (f.label == label) return std::string(f.value.reveal());
  }
  return "<no field>";
}

// The words every person hears on the way, whatever their input (content/renewal.html, the
// gateway's receipt, the announcer's wording).
const std::string kRenewalPage =
    "社会保障卡补换申请。标题1级，社会保障卡补换申请。社会保障卡遗失或损坏时，可以在这里申请补换。"
    "请放置身份证，本机会为您填写姓名和身份证号码。请将身份证放在读卡区。";
const std::string kCardRead =
    "已读取居民身份证：测**，身份证尾号1234。已为您填写姓名和证件号码。请取回您的身份证。";
const std::string kRatingOffer =
    "请您评价本次服务：1，非常满意；2，满意；3，基本满意；4，不满意；5，非常不满意。"
    "按上下键选择，按确认键提交，也可以直接按数字键。";
const std::string kThanks = "感谢您的评价。办理完毕，请选择结束服务。";
const std::string kEnded = "本次服务已结束";

// The receipt, masked, read in full from the top; the rating offered last.
Said receipt_read() {
  return {"补换申请已受理",
          "测**，您的社会保障卡补换申请已受理，新卡制作约需5个工作日。",
          "身份证号码：3101**********1234",
          "联系电话：尾号5678",
          "受理编号：BH2026120100042",
          "新卡制成后会发送短信通知您，请凭身份证到3号窗口领取。",
          "返回首页",
          "服务评价",
          "评价本次服务（好差评）"};
}

// A phone typed digit by digit: its echo gives only the position, then the tail.
Said phone_typed() {
  Said s;
  for (int i = 1; i <= 11; ++i) s.push_back("已输入第" + std::to_string(i) + "位");
  return s;
}

Said concat(std::initializer_list<Said> parts) {
  Said all;
  for (const auto& p : parts) all.insert(all.end(), p.begin(), p.end());
  return all;
}

// The rating endpoint counted this one level for the renewal, and nothing else.
void expect_rated(const KioskHarness& k, int level) {
  const std::string r = kiosk_test::gateway_ratings(k);
  EXPECT_TRUE(contains(r, "\"total\":1,")) << r;
  EXPECT_TRUE(
      contains(r, "\"services\":{\"social-card-renewal\":{\"" + std::to_string(level) + "\":1}}"))
      << r;
}

TEST(CitizenSessions, BlindWithHeadphonesAndTheEzKeypad) {
  KioskHarness k(home());
  k.core().end_session();
  k.forget_said();
  Person p(k, "blind", false);
  expect_poster(k);
  p.shot("attract");

  // Plugging in the headphones is arriving: audio mode, its keys explained.
  k.core().headphones(true);
  k.core().wait_until_loaded(std::chrono::seconds(10));
  EXPECT_EQ(p.step(),
            Said{"已插入耳机，进入语音模式。按上下键逐项收听，按确认键办理，按返回键返回。"
                 "需要帮助时，请告诉工作人员。"});
  EXPECT_EQ(k.core().session().state(), kiosk::Session::State::Active);
  EXPECT_TRUE(k.speaker().private_listening());
  EXPECT_EQ(k.view().document().title, "政务服务网（演示）");
  p.shot("home");

  // Down (keypad 2) item by item to the service, Enter (keypad 5) opens it.
  ASSERT_TRUE(ez_down_to(k, "社会保障卡补换申请"));
  EXPECT_EQ(p.step(),
            (Said{"标题1级，政务服务网",
                  "这是自助终端的演示服务网站，页面内容由开发团队编写，仅用于演示和测试。",
                  "标题2级，热门服务", "列表项，社会保障卡申领办事指南",
                  "列表项，社会保障卡申领预约（请带身份证）",
                  "列表项，社会保障卡补换申请（请带身份证）"}));
  key(k, ez_keys(), SDLK_KP_5);
  ASSERT_EQ(k.view().document().title, "社会保障卡补换申请");
  EXPECT_EQ(p.step(), Said{kRenewalPage});
  p.shot("renewal");

  k.core().card_event(id_card_event());
  EXPECT_EQ(p.step(), Said{kCardRead});
  p.shot("identified");

  // The phone number, typed on the cabinet's keyboard (the keypad has no digits).
  ASSERT_TRUE(ez_down_to(k, "编辑框：手机号码"));
  EXPECT_EQ(p.step(), (Said{"社会保障卡遗失或损坏时，可以在这里申请补换。请放置身份证，"
                            "本机会为您填写姓名和身份证号码。",
                            "编辑框：姓名，内容：测**，必填",
                            "编辑框：身份证号码，内容：尾号1234，必填", "编辑框：手机号码，必填"}));
  key(k, ez_keys(), SDLK_KP_5);
  for (const char c : std::string(kPhone)) k.type(std::string(1, c));
  key(k, ez_keys(), SDLK_KP_5);
  EXPECT_EQ(value_of(k, "手机号码"), kPhone);
  EXPECT_EQ(p.step(),
            concat({{"请输入手机号码，输入完按确认键"}, phone_typed(), {"已填写：尾号5678"}}));

  // The captcha: Enter on the image spells its code.
  ASSERT_TRUE(ez_down_to(k, "验证码图片"));
  EXPECT_EQ(p.step(), Said{"验证码图片，按确认键收听"});
  key(k, ez_keys(), SDLK_KP_5);
  const Said spelled = p.step();
  ASSERT_EQ(spelled.size(), 1u);
  ASSERT_TRUE(p.spelled_any());
  const std::string code = p.last_spelled();
  EXPECT_EQ(spelled[0], code);
  EXPECT_EQ(code.size(), 4u) << code;
  p.shot("captcha");
  ASSERT_TRUE(ez_down_to(k, "编辑框：验证码"));
  key(k, ez_keys(), SDLK_KP_5);
  for (const char c : code) k.type(std::string(1, c));
  key(k, ez_keys(), SDLK_KP_5);
  Said typed{"编辑框：验证码，必填", "请输入验证码，输入完按确认键"};
  for (const char c : code) typed.push_back(std::string(1, c));
  typed.push_back("已填写：" + code);
  EXPECT_EQ(p.step(), typed);

  // Submitted: the receipt is read in full at once.
  ASSERT_TRUE(ez_down_to(k, "按钮：提交申请"));
  EXPECT_EQ(p.step(), Said{"按钮：提交申请"});
  key(k, ez_keys(), SDLK_KP_5);
  ASSERT_EQ(k.view().document().title, "补换申请已受理");
  EXPECT_EQ(p.step(), receipt_read());
  p.shot("receipt");
  // The focus follows the voice to its end, the rating link: Enter opens the rating.
  for (std::size_t i = 1; i < k.view().document().blocks.size(); ++i) {
    k.speaker().advance_say_all();
    k.core().tick();
  }
  key(k, ez_keys(), SDLK_KP_5);
  ASSERT_EQ(k.view().document().title, "服务评价");
  EXPECT_EQ(p.step(), Said{kRatingOffer});
  key(k, ez_keys(), SDLK_KP_2);
  EXPECT_EQ(p.step(), Said{"非常满意，第1项，共5项"});
  p.shot("rating");
  key(k, ez_keys(), SDLK_KP_5);
  ASSERT_TRUE(k.wait_for_rating());
  EXPECT_EQ(p.step(), Said{kThanks});
  EXPECT_EQ(k.focused_text(), "结束服务");
  p.shot("thanks");
  key(k, ez_keys(), SDLK_KP_5);  // 结束服务
  EXPECT_EQ(p.step(), Said{kEnded});
  p.shot("end");

  expect_nothing_personal(k);
  expect_rated(k, 5);
  EXPECT_EQ(p.log().size(), 1u + 6 + 1 + 1 + 4 + 13 + 1 + 1 + 7 + 1 + 9 + 1 + 1 + 1 + 1);
}

// The low-vision person's page: 黑底黄字 behind the text, and room for three whole lines.
void expect_black_yellow_page(KioskHarness& k, const std::string& step) {
  const auto& scheme = k.view().scheme();
  EXPECT_EQ(std::string(scheme.id), "black-yellow") << step;
  k.core().draw();
  const ui::Rect area = k.view().content_area();
  EXPECT_EQ(k.canvas().pixel(area.x + 4, area.y + 4), scheme.background) << step;
  EXPECT_EQ(scheme.background, (ui::Rgb{0, 0, 0})) << step;
  EXPECT_DOUBLE_EQ(k.view().zoom(), 3.0) << step;
}

TEST(CitizenSessions, LowVisionOnTheKeyboardAt300PercentInBlackYellow) {
  KioskHarness k(home());
  k.core().end_session();
  k.forget_said();
  Person p(k, "lowvision", true);
  expect_poster(k);
  p.shot("attract");

  key(k, keyboard_keys(), SDLK_TAB);  // any key starts the session, and does nothing else
  EXPECT_EQ(p.step(), Said{"政务服务网（演示）。首页 办事指南"});
  key(k, keyboard_keys(), SDLK_F2);
  EXPECT_EQ(p.step(), Said{"已切换为黑底黄字"});
  for (int i = 0; i < 10 && k.view().zoom() < 3.0; ++i) key(k, keyboard_keys(), SDLK_EQUALS);
  EXPECT_EQ(p.step(), (Said{"页面已放大到百分之一百二十五", "页面已放大到百分之一百五十",
                            "页面已放大到百分之二百", "页面已放大到百分之二百五十",
                            "页面已放大到百分之三百"}));
  expect_black_yellow_page(k, "home");
  p.shot("home-300");

  ASSERT_TRUE(tab_to(k, "社会保障卡补换申请"));
  EXPECT_EQ(p.step(), (Said{"链接，首页", "链接，办事指南", "链接，社会保障卡申领办事指南",
                            "链接，社会保障卡申领预约（请带身份证）",
                            "链接，社会保障卡补换申请（请带身份证）"}));
  key(k, keyboard_keys(), SDLK_RETURN);
  ASSERT_EQ(k.view().document().title, "社会保障卡补换申请");
  EXPECT_EQ(p.step(), Said{kRenewalPage});
  expect_black_yellow_page(k, "renewal");
  p.shot("renewal");

  k.core().card_event(id_card_event());
  EXPECT_EQ(p.step(), Said{kCardRead});
  EXPECT_EQ(k.view().caption_override(), "已读取：测**，身份证尾号1234。请取回您的身份证");
  ASSERT_TRUE(tab_to(k, "编辑框：手机号码"));
  key(k, keyboard_keys(), SDLK_RETURN);
  for (const char c : std::string(kPhone)) k.type(std::string(1, c));
  key(k, keyboard_keys(), SDLK_RETURN);
  EXPECT_EQ(value_of(k, "手机号码"), kPhone);
  EXPECT_EQ(p.step(),
            concat({{"编辑框：姓名，内容：测**，必填", "编辑框：身份证号码，内容：尾号1234，必填",
                     "编辑框：手机号码，必填", "请输入手机号码，输入完按确认键"},
                    phone_typed(),
                    {"已填写：尾号5678"}}));
  p.shot("phone");

  // F9 (逐字朗读) on the captcha spells its code and shows it spaced in the caption bar.
  ASSERT_TRUE(tab_to(k, "验证码图片"));
  EXPECT_EQ(p.step(), Said{"链接，验证码图片，按确认键收听"});
  key(k, keyboard_keys(), SDLK_F9);
  const Said spelled = p.step();
  ASSERT_EQ(spelled.size(), 1u) << joined(spelled);
  const std::string code = spelled[0];
  ASSERT_EQ(code.size(), 4u) << code;
  const std::string spaced{code[0], ' ', ' ', code[1], ' ', ' ', code[2], ' ', ' ', code[3]};
  EXPECT_EQ(k.view().caption_override(), spaced) << "shown spaced in the caption bar";
  expect_black_yellow_page(k, "captcha");
  p.shot("captcha");
  ASSERT_TRUE(tab_to(k, "编辑框：验证码"));
  key(k, keyboard_keys(), SDLK_RETURN);
  for (const char c : code) k.type(std::string(1, c));
  key(k, keyboard_keys(), SDLK_RETURN);
  Said typed{"编辑框：验证码，必填", "请输入验证码，输入完按确认键"};
  for (const char c : code) typed.push_back(std::string(1, c));
  typed.push_back("已填写：" + code);
  EXPECT_EQ(p.step(), typed);

  ASSERT_TRUE(tab_to(k, "按钮：提交申请"));
  key(k, keyboard_keys(), SDLK_RETURN);
  ASSERT_EQ(k.view().document().title, "补换申请已受理");
  EXPECT_EQ(p.step(), concat({{"按钮：提交申请"}, receipt_read()}));
  expect_black_yellow_page(k, "receipt");
  p.shot("receipt");

  ASSERT_TRUE(tab_to(k, "评价本次服务"));
  key(k, keyboard_keys(), SDLK_RETURN);
  ASSERT_EQ(k.view().document().title, "服务评价");
  EXPECT_EQ(p.step(), (Said{"链接，返回首页", "链接，评价本次服务（好差评）", kRatingOffer}));
  p.shot("rating");
  key(k, keyboard_keys(), SDLK_2);  // 满意
  ASSERT_TRUE(k.wait_for_rating());
  EXPECT_EQ(p.step(), Said{kThanks});
  expect_black_yellow_page(k, "thanks");
  p.shot("thanks");
  key(k, keyboard_keys(), SDLK_F10);
  EXPECT_EQ(p.step(), Said{kEnded});
  p.shot("end");

  expect_nothing_personal(k);
  EXPECT_DOUBLE_EQ(k.view().zoom(), 1.0) << "settings back for the next citizen";
  EXPECT_EQ(std::string(k.view().scheme().id), std::string(ui::color_schemes().front().id));
  expect_rated(k, 4);
}

// At 300 % a low-vision reader needs at least three whole lines of the page on every screen
// of the service (the rule toolbar_test checks for a paragraph at 400 %).
TEST(CitizenSessions, LowVisionAt300PercentSeesThreeWholeLinesOnEveryScreen) {
  KioskHarness k(home());
  k.view().set_scheme(*ui::find_color_scheme("black-yellow"));
  for (int i = 0; i < 10 && k.view().zoom() < 3.0; ++i) k.press(Command::ZoomIn);
  ASSERT_DOUBLE_EQ(k.view().zoom(), 3.0);
  ASSERT_TRUE(k.open("/renewal.html"));
  k.core().card_event(id_card_event());
  for (const char* item : {"社会保障卡补换申请", "社会保障卡遗失", "编辑框：手机号码", "验证码图片",
                           "按钮：提交申请"}) {
    ASSERT_TRUE(ez_down_to(k, item)) << item;
    const auto& lines = k.view().layout().lines;
    std::string tops;
    for (const auto& l : lines)
      tops += std::to_string(l.top) + "+" + std::to_string(l.height) + " ";
    EXPECT_GE(kiosk_test::whole_lines_shown(k.view()), 3)
        << "renewal.html, focus on " << k.focused_text() << "; content area "
        << k.view().content_area().y << "+" << k.view().content_area().h << ", scroll "
        << k.view().scroll_y() << ", lines (top+height) " << tops;
  }
}

TEST(CitizenSessions, ElderlyByTouchAloneWithTheOnScreenKeyboard) {
  KioskHarness k(home());
  k.core().end_session();
  k.forget_said();
  Person p(k, "elderly", true);
  expect_poster(k);
  p.shot("attract");

  k.core().touch({300, 900});  // anywhere on the poster
  k.core().wait_until_loaded(std::chrono::seconds(10));
  EXPECT_EQ(p.step(), Said{"政务服务网（演示）。首页 办事指南"});
  p.shot("home");
  swipe_and_touch(k, "社会保障卡补换申请");
  ASSERT_EQ(k.view().document().title, "社会保障卡补换申请");
  EXPECT_EQ(p.step(), Said{kRenewalPage});
  k.core().card_event(id_card_event());
  EXPECT_EQ(p.step(), Said{kCardRead});
  p.shot("identified");

  // The phone field by touch: the on-screen keyboard comes up with its digits.
  swipe_and_touch(k, "编辑框：手机号码");
  ASSERT_TRUE(k.core().keyboard().shown());
  EXPECT_EQ(k.core().keyboard().layout(), kiosk::OnScreenKeyboard::Layout::Digits);
  EXPECT_EQ(p.step(), (Said{"请输入手机号码，输入完按确认键", "屏幕键盘，数字"}));
  for (const char c : std::string(kPhone)) touch_key(k, std::string(1, c));
  EXPECT_EQ(value_of(k, "手机号码"), kPhone);
  EXPECT_EQ(p.step(), phone_typed());
  // The keyboard panel is on screen below the page, drawn in the caption bar's colours.
  k.core().draw();
  const ui::Rect panel = k.view().bottom_panel_area();
  EXPECT_TRUE(k.view().bottom_panel_shown());
  EXPECT_GE(panel.h, 300);
  EXPECT_EQ(panel.bottom(), 1080);
  EXPECT_EQ(k.view().content_area().bottom(), panel.y);
  const auto one = k.core().keyboard().key_area("1");
  ASSERT_TRUE(one);
  EXPECT_GE(one->y, panel.y);
  int bar_coloured = 0;
  int samples = 0;
  const auto& scheme = k.view().scheme();
  for (int y = panel.y; y < panel.bottom(); y += 8) {
    for (int x = 0; x < 1920; x += 8) {
      const ui::Rgb c = k.canvas().pixel(x, y);
      bar_coloured += c == scheme.caption_background || c == scheme.caption_text;
      ++samples;
    }
  }
  EXPECT_GT(bar_coloured, samples * 9 / 10) << "the panel is the keyboard's, not the page";
  p.shot("osk-phone");
  touch_key(k, "确定");
  EXPECT_FALSE(k.core().keyboard().shown());
  EXPECT_EQ(p.step(), Said{"已填写：尾号5678"});

  // The captcha: a touch shows the code large in the caption bar (and says it).
  swipe_and_touch(k, "验证码图片");
  k.core().wait_until_loaded(std::chrono::seconds(10));
  const Said spelled = p.step();
  ASSERT_EQ(spelled.size(), 1u) << joined(spelled);
  const std::string code = spelled[0];
  ASSERT_EQ(code.size(), 4u) << code;
  std::string shown;
  for (const char c : k.view().caption_override()) {
    if (c != ' ') shown += c;
  }
  EXPECT_EQ(shown, code) << "read off the caption bar";
  p.shot("captcha");

  // 验证码 wants digits at first (码); the letters are on 字母, in capitals.
  swipe_and_touch(k, "编辑框：验证码");
  ASSERT_TRUE(k.core().keyboard().shown());
  EXPECT_EQ(p.step(), (Said{"请输入验证码，输入完按确认键", "屏幕键盘，数字"}));
  Said typed;
  bool letters = false;
  for (const char c : code) {
    const bool digit = c >= '0' && c <= '9';
    if (digit == letters) {
      touch_key(k, digit ? "数字" : "字母");
      typed.push_back(digit ? "屏幕键盘，数字" : "屏幕键盘，字母");
      letters = !digit;
    }
    touch_key(k, std::string(1, c));
    typed.push_back(std::string(1, c));
  }
  EXPECT_EQ(value_of(k, "验证码"), code);
  EXPECT_EQ(p.step(), typed);
  p.shot("osk-captcha");
  touch_key(k, "确定");
  EXPECT_EQ(p.step(), Said{"已填写：" + code});

  swipe_and_touch(k, "按钮：提交申请");
  ASSERT_EQ(k.view().document().title, "补换申请已受理");
  EXPECT_EQ(p.step(), receipt_read());
  p.shot("receipt");
  swipe_and_touch(k, "评价本次服务");
  ASSERT_EQ(k.view().document().title, "服务评价");
  EXPECT_EQ(p.step(), Said{kRatingOffer});
  p.shot("rating");
  swipe_and_touch(k, "基本满意");  // one touch sends without headphones
  ASSERT_TRUE(k.wait_for_rating());
  EXPECT_EQ(p.step(), Said{kThanks});
  p.shot("thanks");
  const ui::Point end = kiosk_test::button_point(k.view(), Command::EndSession);
  ASSERT_GE(end.x, 0);
  k.core().touch(end);  // the title bar's 结束
  EXPECT_EQ(p.step(), Said{kEnded});
  p.shot("end");

  expect_nothing_personal(k);
  expect_rated(k, 3);
}

// F9 (逐字朗读) on the captcha spells its code even before Enter was pressed on it, whether
// the focus came there by Tab (the link) or by the arrow keys (the item).
TEST(CitizenSessions, SpellKeyOnACaptchaNotHeardYetSpellsTheCode) {
  for (const Command move : {Command::NextLink, Command::NextItem}) {
    KioskHarness k;
    ASSERT_TRUE(k.open("/renewal.html"));
    for (int i = 0; i < 20 && k.focused_text().rfind("验证码图片", 0) != 0; ++i) k.press(move);
    ASSERT_EQ(k.focused_text().rfind("验证码图片", 0), 0u);
    k.forget_said();
    k.press(Command::SpellFocused);
    const auto spoken = k.speaker().take();
    ASSERT_EQ(spoken.size(), 1u);
    EXPECT_EQ(spoken[0].kind, kiosk::Spoken::Kind::Spell);
    EXPECT_EQ(spoken[0].text.size(), 4u) << spoken[0].text;
    EXPECT_FALSE(contains(spoken[0].text, "验证码")) << "the code, not the label";
  }
}

// --- Troubles ---------------------------------------------------------------------------

kiosk_test::HarnessOptions short_session() {
  kiosk_test::HarnessOptions o;
  o.start_home = true;
  o.session.idle_warning_s = 60;
  o.session.idle_end_s = 90;
  return o;
}

// From the poster by a key to the renewal form, as the low-vision person goes (100 %).
void reach_renewal(KioskHarness& k, Person& p) {
  k.core().end_session();
  k.forget_said();
  key(k, keyboard_keys(), SDLK_TAB);
  ASSERT_TRUE(tab_to(k, "社会保障卡补换申请"));
  key(k, keyboard_keys(), SDLK_RETURN);
  ASSERT_EQ(k.view().document().title, "社会保障卡补换申请");
  ASSERT_TRUE(k.core().cards().awaiting_identify());
  p.step();
}

// Phone and captcha filled by keys (the code heard with F9), 提交申请 focused.
void fill_form(KioskHarness& k, Person& p) {
  ASSERT_TRUE(tab_to(k, "编辑框：手机号码"));
  key(k, keyboard_keys(), SDLK_RETURN);
  for (const char c : std::string(kPhone)) k.type(std::string(1, c));
  key(k, keyboard_keys(), SDLK_RETURN);
  ASSERT_TRUE(tab_to(k, "验证码图片"));
  key(k, keyboard_keys(), SDLK_F9);
  const Said spelled = p.step();
  ASSERT_FALSE(spelled.empty());
  const std::string code = spelled.back();
  ASSERT_TRUE(tab_to(k, "编辑框：验证码"));
  key(k, keyboard_keys(), SDLK_RETURN);
  for (const char c : code) k.type(std::string(1, c));
  key(k, keyboard_keys(), SDLK_RETURN);
  ASSERT_TRUE(tab_to(k, "按钮：提交申请"));
  p.step();
}

TEST(CitizenSessionTroubles, ReaderUnpluggedWhileWaitingForTheCardThenBackAndAfterTheRead) {
  KioskHarness k(home());
  Person p(k, "reader-unplugged", true);
  reach_renewal(k, p);
  k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::ReaderRemoved,
                                             drivers::CardFault::ReaderUnplugged));
  EXPECT_EQ(p.step(), Said{"读卡器暂时不能使用。请手动填写，或请工作人员协助。"});
  EXPECT_EQ(k.view().caption_override(), "读卡器暂时不能使用。请手动填写，或请工作人员协助。");
  EXPECT_TRUE(k.core().cards().awaiting_identify()) << "the card is still asked for";
  EXPECT_EQ(k.view().document().title, "社会保障卡补换申请") << "the form stays";
  p.shot("unplugged");
  // Staff plug it back in; the card is read as if nothing had happened.
  k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::ReaderAdded));
  EXPECT_EQ(p.step(), Said{});
  k.core().card_event(id_card_event());
  EXPECT_EQ(p.step(), Said{kCardRead});
  ASSERT_NE(k.core().citizen().id_card(), nullptr);
  // Unplugged again after the read: said, and nothing of the read is lost.
  k.core().card_event(kiosk_test::card_event(drivers::CardEvent::Kind::ReaderRemoved,
                                             drivers::CardFault::ReaderUnplugged));
  EXPECT_EQ(p.step(), Said{"读卡器暂时不能使用，请工作人员检查。"});
  EXPECT_NE(k.core().citizen().id_card(), nullptr);
  EXPECT_EQ(value_of(k, "姓名"), p.clear().name) << "filled from the card, kept";
  fill_form(k, p);
  key(k, keyboard_keys(), SDLK_RETURN);
  EXPECT_EQ(k.view().document().title, "补换申请已受理");
  EXPECT_EQ(p.step(), concat({receipt_read()}));
  key(k, keyboard_keys(), SDLK_F10);
  EXPECT_EQ(p.step(), Said{kEnded});
  expect_nothing_personal(k);
}

TEST(CitizenSessionTroubles, CardTakenAwayMidReadIsToldAndTheNextPlacingReadsIt) {
  KioskHarness k(home());
  Person p(k, "card-taken", true);
  reach_renewal(k, p);
  using K = drivers::CardEvent::Kind;
  using F = drivers::CardFault;
  k.core().card_event(kiosk_test::card_event(K::IdCardFailed, F::IdCardMoved));
  EXPECT_EQ(p.step(), Said{"请把身份证放稳，不要移动"});
  EXPECT_EQ(k.view().caption_override(), "请把身份证放稳，不要移动");
  EXPECT_EQ(k.core().citizen().id_card(), nullptr);
  EXPECT_EQ(value_of(k, "姓名"), "") << "nothing half-read is filled in";
  EXPECT_TRUE(k.core().cards().awaiting_identify());
  p.shot("card-moved");
  k.core().card_event(kiosk_test::card_event(K::IdCardFailed, F::IdReadInterrupted));
  EXPECT_EQ(p.step(), Said{"读取证件中断，请把证件放稳后重试"});
  k.core().card_event(kiosk_test::card_event(K::CardError, F::CardMute));
  EXPECT_EQ(p.step(), Said{"无法读取这张卡，请确认芯片朝上、方向正确后重新插入"});
  k.core().card_event(id_card_event());
  EXPECT_EQ(p.step(), Said{kCardRead});
  EXPECT_EQ(value_of(k, "姓名"), p.clear().name);
  key(k, keyboard_keys(), SDLK_F10);
  EXPECT_EQ(p.step(), Said{kEnded});
  expect_nothing_personal(k);
}

TEST(CitizenSessionTroubles, GatewayDownAtSubmitIsToldAndTheSessionEndsClean) {
  KioskHarness k(home());
  Person p(k, "gateway-down", true);
  reach_renewal(k, p);
  k.core().card_event(id_card_event());
  p.step();
  fill_form(k, p);
  k.stop_gateway();
  key(k, keyboard_keys(), SDLK_RETURN);  // 提交申请
  EXPECT_EQ(p.step(), Said{"无法连接到政务服务网站。请稍后再试，或请工作人员协助您。"});
  EXPECT_EQ(k.view().document().title, "无法打开页面");
  p.shot("gateway-down");
  // 返回 brings the form back as it was, the focus where it was: the citizen can try again.
  key(k, keyboard_keys(), SDLK_ESCAPE);
  EXPECT_EQ(k.view().document().title, "社会保障卡补换申请");
  EXPECT_EQ(p.step(), Said{"社会保障卡补换申请。按钮：提交申请"});
  EXPECT_EQ(value_of(k, "手机号码"), kPhone);
  EXPECT_EQ(value_of(k, "姓名"), p.clear().name);
  EXPECT_EQ(k.core().session().state(), kiosk::Session::State::Active);
  EXPECT_NE(k.core().citizen().id_card(), nullptr) << "the session goes on";
  key(k, keyboard_keys(), SDLK_F10);
  EXPECT_EQ(p.step(), Said{kEnded});
  expect_nothing_personal(k);
}

TEST(CitizenSessionTroubles, IdleWithoutAnExtensionEndsTheSessionAndForgetsTheForm) {
  KioskHarness k(short_session());
  Person p(k, "timeout", true);
  reach_renewal(k, p);
  k.core().card_event(id_card_event());
  p.step();
  ASSERT_TRUE(tab_to(k, "编辑框：手机号码"));
  const auto t0 = Clock::now();
  k.core().command(Command::Activate, t0);
  k.core().text("139", t0);
  p.step();
  k.core().tick(t0 + seconds(61));
  EXPECT_EQ(p.step(), Said{"您已经很久没有操作了。29秒后将结束本次服务，回到首页。按任意键继续。"});
  EXPECT_EQ(k.view().caption_override(), "还剩29秒将结束本次服务，按任意键继续");
  p.shot("warning");
  k.core().tick(t0 + seconds(91));
  EXPECT_EQ(p.step(), Said{kEnded});
  p.shot("ended");
  expect_nothing_personal(k);
  EXPECT_TRUE(contains(kiosk_test::gateway_ratings(k), "\"total\":0")) << "nothing rated";
}

TEST(CitizenSessionTroubles, IdleWithAnExtensionKeepsEverythingAndTheServiceGoesOn) {
  KioskHarness k(short_session());
  Person p(k, "extended", true);
  reach_renewal(k, p);
  k.core().card_event(id_card_event());
  p.step();
  const auto t0 = Clock::now();
  k.core().command(Command::NextItem, t0);
  p.step();
  k.core().tick(t0 + seconds(61));
  EXPECT_EQ(p.step(), Said{"您已经很久没有操作了。29秒后将结束本次服务，回到首页。按任意键继续。"});
  const std::string focus = k.focused_text();
  k.core().command(Command::NextItem, t0 + seconds(70));
  EXPECT_EQ(p.step(), Said{"已为您延长时间"});
  EXPECT_EQ(k.focused_text(), focus) << "the key that extends does nothing else";
  EXPECT_TRUE(k.view().caption_override().empty());
  k.core().tick(t0 + seconds(91));
  EXPECT_EQ(k.core().session().state(), kiosk::Session::State::Active) << "extended";
  ASSERT_NE(k.core().citizen().id_card(), nullptr);
  EXPECT_EQ(value_of(k, "姓名"), p.clear().name);
  fill_form(k, p);
  key(k, keyboard_keys(), SDLK_RETURN);
  EXPECT_EQ(k.view().document().title, "补换申请已受理");
  EXPECT_EQ(p.step(), receipt_read());
  key(k, keyboard_keys(), SDLK_F10);
  EXPECT_EQ(p.step(), Said{kEnded});
  expect_nothing_personal(k);
}

}  // namespace
