// Fetching service pages: allowlist on every hop, redirects, timeouts, size limit, GBK, the
// session's cookie jar, and the kiosk opening links, all against the local demo gateway.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "demo_gateway.hpp"
#include "kiosk_app.hpp"
#include "page_fetcher.hpp"
#include "page_loader.hpp"
#include "speech_output.hpp"
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

TEST_F(Gateway, KioskOpensLinksAndGoesBack) {
  kiosk_test::OffscreenCanvas canvas{1920, 1080};
  kiosk::KioskApp app{canvas.renderer.get(), kiosk_test::default_fonts(),
                      ui::ViewSettings{48, 1.0, nullptr, false, true}};
  kiosk::PageFetcher f(policy());
  app.attach_fetcher(&f);
  ASSERT_TRUE(app.open_url(base + "/"));
  EXPECT_EQ(app.view().document().title, "政务服务网（演示）");
  // Tab to "办件进度查询" and press Enter.
  while (app.view().focused_link() == nullptr ||
         app.view().focused_link()->text != "办件进度查询") {
    ASSERT_EQ(app.perform(ui::ViewCommand::NextLink), kiosk::Outcome::Redraw);
  }
  app.perform(kiosk::AppAction::Activate);
  EXPECT_EQ(app.view().document().title, "办件进度查询");
  EXPECT_EQ(app.current_url(), base + "/query.html");
  app.perform(kiosk::AppAction::Back);
  EXPECT_EQ(app.view().document().title, "政务服务网（演示）");
  EXPECT_EQ(app.current_url(), base + "/");
  // The external link is refused with a page that says why.
  while (app.view().focused_link() == nullptr ||
         app.view().focused_link()->target != "http://example.com/") {
    app.perform(ui::ViewCommand::NextLink);
  }
  app.perform(kiosk::AppAction::Activate);
  EXPECT_EQ(app.view().document().title, "无法打开页面");
  EXPECT_NE(app.view().document().blocks[1].plain_text().find("安全"), std::string::npos);
}

}  // namespace

namespace {

struct KioskOnGateway : Gateway {
  kiosk_test::OffscreenCanvas canvas{1920, 1080};
  kiosk::KioskApp app{canvas.renderer.get(), kiosk_test::default_fonts(),
                      ui::ViewSettings{48, 1.0, nullptr, false, true}};
  kiosk::PageFetcher fetcher{policy()};
  KioskOnGateway() { app.attach_fetcher(&fetcher); }

  std::string focused_text() { return app.view().focused_text(); }
  // Moves to the next form field whose text starts with `prefix` and activates it.
  void activate_field(const std::string& prefix) {
    for (int i = 0; i < 20 && focused_text().rfind(prefix, 0) != 0; ++i) {
      if (app.perform(ui::ViewCommand::NextLink) != kiosk::Outcome::Redraw) break;
    }
    ASSERT_EQ(focused_text().rfind(prefix, 0), 0u) << focused_text();
    app.key(kiosk::AppAction::Activate);
  }
};

TEST_F(KioskOnGateway, FillsInAndSubmitsAQueryForm) {
  ASSERT_TRUE(app.open_url(base + "/query.html"));
  activate_field("编辑框：办件编号");
  ASSERT_TRUE(app.editing());
  for (const char* ch : {"S", "H", "2", "0", "2", "6", "X"}) app.text_input(ch);
  app.key(kiosk::AppAction::Back);      // Backspace removes the X
  app.key(kiosk::AppAction::Activate);  // Enter ends typing
  EXPECT_FALSE(app.editing());
  EXPECT_EQ(focused_text(), "编辑框：办件编号，内容：SH2026，必填");
  activate_field("选择框：办理地区，内容：徐汇区");
  EXPECT_EQ(focused_text(), "选择框：办理地区，内容：浦东新区") << "Enter moves to the next option";
  activate_field("按钮：查询");
  EXPECT_EQ(app.view().document().title, "查询结果");
  EXPECT_NE(app.current_url().find("/query?code=SH2026&district=pudong"), std::string::npos)
      << app.current_url();
  bool found = false;
  for (const auto& b : app.view().document().blocks)
    found = found || b.plain_text().find("SH2026") != std::string::npos;
  EXPECT_TRUE(found);
}

TEST_F(KioskOnGateway, RequiredFieldsAreCheckedBeforeSubmitting) {
  ASSERT_TRUE(app.open_url(base + "/guide-social-card.html"));
  activate_field("按钮：提交预约");
  EXPECT_EQ(app.view().document().title, "社会保障卡申领办事指南") << "not submitted";
  EXPECT_EQ(focused_text(), "编辑框：姓名，必填") << "focus moved to the first missing field";
  app.key(kiosk::AppAction::Activate);
  app.text_input("张");
  app.text_input("三");
  app.key(kiosk::AppAction::Activate);
  activate_field("编辑框：手机号码");
  for (const char* d : {"1", "3", "8", "0", "0", "1", "3", "8", "0", "0", "0"}) app.text_input(d);
  app.key(kiosk::AppAction::Activate);
  activate_field("复选框：我已阅读");
  EXPECT_EQ(focused_text(), "复选框：我已阅读并同意告知书，已选中");
  activate_field("按钮：提交预约");
  EXPECT_EQ(app.view().document().title, "预约成功") << "POSTed through the session";
  EXPECT_NE(app.view().document().blocks.at(1).plain_text().find("张三"), std::string::npos);
}

TEST_F(KioskOnGateway, CaptchaIsSpelledAndShownLargeThenAccepted) {
  ASSERT_TRUE(app.open_url(base + "/captcha.html"));
  activate_field("验证码图片，按确认键收听");
  std::string shown = app.view().caption_override();
  ASSERT_FALSE(shown.empty()) << "the characters appear in the caption bar";
  std::string code;
  for (char c : shown) {
    if (c != ' ') code += c;
  }
  EXPECT_EQ(code.size(), 4u) << shown;
  // And it is what the caption bar draws: four large glyphs, nothing else.
  const auto sv = app.view().screen_view();
  ASSERT_TRUE(sv.caption);
  EXPECT_EQ(sv.caption->text->glyphs.size(), 4u);
  activate_field("编辑框：验证码");
  app.text_input(code);
  app.key(kiosk::AppAction::Activate);
  activate_field("按钮：确定");
  EXPECT_EQ(app.view().document().title, "验证通过");
}

TEST_F(KioskOnGateway, CaptchaWithoutAnAlternativeSaysSo) {
  const auto page = kiosk::load_html("<img src=\"/yzm.png\" alt=\"图片\"><input name=yzm>", "x");
  bool said = false;
  for (const auto& b : page.document.blocks)
    said = said || b.plain_text().find("工作人员") != std::string::npos;
  EXPECT_TRUE(said) << "no dead end: staff help is offered";
}

}  // namespace

namespace {

TEST_F(KioskOnGateway, SessionEndForgetsPagesFormsAndCookies) {
  ASSERT_TRUE(app.open_url(base + "/query.html"));
  activate_field("编辑框：办件编号");
  app.text_input("SH123");
  app.key(kiosk::AppAction::Activate);
  auto code = fetcher.get(base + "/captcha/text");  // the session now has a cookie
  app.end_session(base + "/");
  EXPECT_EQ(app.view().document().title, "政务服务网（演示）");
  EXPECT_EQ(app.perform(kiosk::AppAction::Back), kiosk::Outcome::Unchanged) << "no history";
  EXPECT_TRUE(app.forms().fields.empty());
  auto check =
      fetcher.post_form(base + "/captcha-check", kiosk::url_encode_form({{"captcha", code.body}}));
  EXPECT_NE(check.body.find("验证码错误"), std::string::npos) << "cookies were cleared";
}

}  // namespace

namespace {

TEST_F(KioskOnGateway, AudioCaptchaIsPlayedThroughTheSpeechOutput) {
  ASSERT_TRUE(app.open_url(base + "/captcha-audio.html"));
  const std::string wav = "audio-captcha.wav";
  {
    auto opened = kiosk::SpeechOutput::open(wav, "");
    ASSERT_TRUE(opened.speech) << opened.error;
    app.attach_speech(opened.speech.get());
    activate_field("验证码图片，按确认键收听语音验证码");
    EXPECT_EQ(app.view().caption_override(), "正在播放语音验证码，按确认键再听一遍");
    // The four tones (1 s at 8 kHz, resampled to 22050 Hz) follow the spoken intro.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(6);
    while (std::chrono::steady_clock::now() < deadline &&
           !(opened.speech->engine().idle() && opened.speech->engine().ring().backlog() == 0)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    const auto written = opened.speech->engine().ring().written();
    EXPECT_GT(written, 22050u) << "more than a second of audio: the intro and the captcha";
    app.attach_speech(nullptr);
  }
  EXPECT_GT(std::filesystem::file_size(wav), 44u + 2 * 22050u);
}

}  // namespace

namespace {

TEST_F(KioskOnGateway, TextOnlyModeDropsImagesAndKeepsEntries) {
  ASSERT_TRUE(app.open_url(base + "/guide-social-card.html"));
  auto count_images = [&] {
    int n = 0;
    for (const auto& b : app.view().document().blocks) {
      n += b.plain_text().find("图片，无说明") != std::string::npos;
    }
    return n;
  };
  EXPECT_EQ(count_images(), 1);
  activate_field("编辑框：姓名");
  app.text_input("李四");
  app.key(kiosk::AppAction::Activate);
  EXPECT_EQ(app.perform(kiosk::AppAction::TextOnly), kiosk::Outcome::Redraw);
  EXPECT_TRUE(app.text_only());
  EXPECT_EQ(count_images(), 0);
  bool kept = false;
  for (const auto& b : app.view().document().blocks)
    kept = kept || b.plain_text() == "编辑框：姓名，内容：李四，必填";
  EXPECT_TRUE(kept) << "what the citizen typed survives the switch";
  app.perform(kiosk::AppAction::TextOnly);
  EXPECT_EQ(count_images(), 1);
}

}  // namespace
