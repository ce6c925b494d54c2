// The kiosk with card readers: an ID card fills the page's name field or shows a masked card
// page, an expired card is refused aloud and on screen, removal and session end forget the
// card, kioskd's emulated readers answer the keyboard, and the process cannot dump core.
#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "demo_gateway.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "drivers/resident_id.hpp"
#include "kiosk_app.hpp"
#include "process_hardening.hpp"
#include "test_support.hpp"

namespace {

drivers::CardEvent id_card_event(const drivers::emulated::TextRecord& record) {
  drivers::CardEvent e;
  e.kind = drivers::CardEvent::Kind::IdCardRead;
  auto parsed = drivers::parse_id_text(record.bytes, {2026, 11, 25});
  e.id_card = std::move(parsed.card);
  e.citizen_message = parsed.citizen_message;
  return e;
}

std::string page_text(const ui::Document& d) {
  std::string all;
  for (const auto& b : d.blocks) {
    for (const auto& r : b.runs) all += r.text + "\n";
  }
  return all;
}

struct CardFlow : ::testing::Test {
  kiosk_test::OffscreenCanvas canvas{1920, 1080};
  kiosk::KioskApp app{canvas.renderer.get(), kiosk_test::default_fonts(),
                      ui::ViewSettings{48, 1.0, nullptr, false, true}};
};

TEST_F(CardFlow, IdCardWithoutAFormShowsOnlyMaskedFields) {
  ASSERT_EQ(app.card_event(id_card_event(drivers::emulated::synthetic_resident())),
            kiosk::Outcome::Redraw);
  EXPECT_EQ(app.view().document().title, "已读取居民身份证");
  const std::string text = page_text(app.view().document());
  EXPECT_NE(text.find("3101**********1234"), std::string::npos) << text;
  EXPECT_NE(text.find("测**"), std::string::npos) << text;
  EXPECT_EQ(text.find("310101199001011234"), std::string::npos) << "never the clear number";
  EXPECT_EQ(text.find("测试甲"), std::string::npos) << "never the clear name";
  ASSERT_NE(app.id_card(), nullptr);
  drivers::CardEvent removed;
  removed.kind = drivers::CardEvent::Kind::CardRemoved;
  app.card_event(std::move(removed));
  EXPECT_EQ(app.id_card(), nullptr) << "taken away: forgotten";
}

TEST_F(CardFlow, ExpiredCardIsRefusedWithAReason) {
  app.card_event(id_card_event(drivers::emulated::synthetic_resident("20200101")));
  EXPECT_EQ(app.view().document().title, "证件已过有效期");
  EXPECT_NE(page_text(app.view().document()).find("2020年1月1日"), std::string::npos);
}

TEST_F(CardFlow, SessionEndForgetsTheCard) {
  app.card_event(id_card_event(drivers::emulated::synthetic_foreigner_2017()));
  ASSERT_NE(app.id_card(), nullptr);
  EXPECT_EQ(app.view().document().title, "已读取外国人永久居留身份证");
  app.end_session("");
  EXPECT_EQ(app.id_card(), nullptr);
}

TEST_F(CardFlow, ReaderTroubleIsShownAndSpokenNotSilent) {
  drivers::CardEvent e;
  e.kind = drivers::CardEvent::Kind::CardError;
  e.citizen_message = "无法读取这张卡，请确认芯片朝上、方向正确后重新插入";
  EXPECT_EQ(app.card_event(std::move(e)), kiosk::Outcome::Redraw);
  drivers::CardEvent gone;
  gone.kind = drivers::CardEvent::Kind::ReaderRemoved;
  EXPECT_EQ(app.card_event(std::move(gone)), kiosk::Outcome::Redraw);
}

TEST(CardFlowGateway, IdCardFillsTheAppointmentFormsNameField) {
  kiosk::DemoGateway gateway{kiosk_test::source_dir() + "/firmware/content"};
  const int port = gateway.start(0);
  ASSERT_GT(port, 0);
  const std::string base = "http://127.0.0.1:" + std::to_string(port);
  kiosk_test::OffscreenCanvas canvas{1920, 1080};
  kiosk::KioskApp app{canvas.renderer.get(), kiosk_test::default_fonts(),
                      ui::ViewSettings{48, 1.0, nullptr, false, true}};
  kiosk::FetchPolicy policy;
  policy.allowed_origins = {base};
  kiosk::PageFetcher fetcher(policy);
  app.attach_fetcher(&fetcher);
  ASSERT_TRUE(app.open_url(base + "/guide-social-card.html"));
  app.card_event(id_card_event(drivers::emulated::synthetic_resident()));
  EXPECT_EQ(app.view().document().title, "社会保障卡申领办事指南") << "the page stays";
  bool filled = false;
  for (const auto& f : app.forms().fields) {
    if (f.name == "name") {
      EXPECT_EQ(f.value, "测试甲");
      filled = true;
    }
    if (f.name == "phone") {
      EXPECT_TRUE(f.value.empty()) << "nothing else is touched";
    }
  }
  EXPECT_TRUE(filled);
}

TEST(ProcessHardening, CoreDumpsAreOff) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const bool ok = kiosk::disable_core_dumps().empty();
    rlimit lim{};
    getrlimit(RLIMIT_CORE, &lim);
    _exit(ok && lim.rlim_cur == 0 && lim.rlim_max == 0 && prctl(PR_GET_DUMPABLE) == 0 ? 0 : 1);
  }
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
