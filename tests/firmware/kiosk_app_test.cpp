// The kiosk application: capital height in mm on every board, key navigation, activation,
// touch targets, keeping the focus visible at every zoom, and kioskd end to end.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "actions.hpp"
#include "board/profile.hpp"
#include "display.hpp"
#include "kiosk_app.hpp"
#include "page_loader.hpp"
#include "sample_pages.hpp"
#include "speech_output.hpp"
#include "test_support.hpp"

namespace {

board::BoardProfile load(const std::string& name) {
  auto r = board::load_profile_file(kiosk_test::source_dir() + "/board/profiles/" + name + ".toml");
  EXPECT_TRUE(r.profile) << r.error;
  return *r.profile;
}

TEST(PhysicalSize, CapitalHeightOnA215InchPanel) {
  // 21.5-inch 1920x1080: 476.06 mm / 1920 px = 0.248 mm per pixel.
  const ui::ScreenGeometry panel{1920, 1080, 476.06, 267.79};
  EXPECT_NEAR(ui::mm_per_pixel(panel), 0.2479, 0.0001);
  // Cap height 0.733 em: a 48 px font draws 35 px capitals = 8.68 mm.
  EXPECT_NEAR(ui::capital_height_mm(48, 0.733, panel), 35 * 0.24795, 0.01);
  const int min_px = ui::min_font_px_for_capital_height(4.8, 0.733, panel);
  EXPECT_GE(ui::capital_height_mm(min_px, 0.733, panel), 4.8);
  EXPECT_LT(ui::capital_height_mm(min_px - 1, 0.733, panel), 4.8);
  EXPECT_EQ(min_px, 28);
}

TEST(PhysicalSize, EveryBoardShowsCapitalsOfAtLeast48Mm) {
  for (const char* name : {"desktop", "qemu-x86", "rk3568-215"}) {
    const auto body = kiosk::body_size_for(load(name), kiosk_test::default_fonts());
    EXPECT_GE(body.capital_mm, ui::kMinCapitalHeightMm) << name;
    EXPECT_GE(body.px, body.profile_px) << name;
  }
}

TEST(PhysicalSize, DenseSmallScreenRaisesTheBodySize) {
  board::BoardProfile tablet = load("desktop");
  tablet.display = {1920, 1200, 216.96, 135.6, 0, "auto", "", ""};  // 10-inch, 0.113 mm per px
  tablet.text.body_px = 32;
  const auto body = kiosk::body_size_for(tablet, kiosk_test::default_fonts());
  EXPECT_GT(body.px, 32);
  EXPECT_EQ(body.px, body.minimum_px);
  EXPECT_GE(body.capital_mm, 4.8);
}

TEST(PhysicalSize, RotationSwapsTheAxes) {
  const board::DisplayProfile portrait{1920, 1080, 476.06, 267.79, 90, "auto", "", ""};
  const auto g = kiosk::screen_geometry(portrait);
  EXPECT_EQ(g.width_px, 1080);
  EXPECT_DOUBLE_EQ(g.height_mm, 476.06);
}

TEST(VideoBackends, OrderFollowsTheEnvironment) {
  using kiosk::VideoBackend;
  EXPECT_EQ(kiosk::video_backends_to_try("auto", true, true),
            (std::vector{VideoBackend::Window, VideoBackend::KmsDrm, VideoBackend::Offscreen}));
  EXPECT_EQ(kiosk::video_backends_to_try("auto", false, true),
            (std::vector{VideoBackend::KmsDrm, VideoBackend::Offscreen}));
  EXPECT_EQ(kiosk::video_backends_to_try("auto", false, false),
            (std::vector{VideoBackend::Offscreen}));
  EXPECT_EQ(kiosk::video_backends_to_try("kmsdrm", true, false),
            (std::vector{VideoBackend::KmsDrm, VideoBackend::Offscreen}));
}

TEST(Keys, MapToActions) {
  using ui::ViewCommand;
  EXPECT_EQ(kiosk::action_for_key(SDLK_DOWN, 0), kiosk::Action(ViewCommand::NextItem));
  EXPECT_EQ(kiosk::action_for_key(SDLK_TAB, KMOD_LSHIFT), kiosk::Action(ViewCommand::PreviousLink));
  EXPECT_EQ(kiosk::action_for_key(SDLK_q, KMOD_LCTRL), kiosk::Action(kiosk::AppAction::Quit));
  EXPECT_FALSE(kiosk::action_for_key(SDLK_q, 0));
  EXPECT_EQ(kiosk::action_for_name("zoom-in"), kiosk::Action(ViewCommand::ZoomIn));
  EXPECT_FALSE(kiosk::action_for_name("fly"));
}

struct AppFixture : ::testing::Test {
  kiosk_test::OffscreenCanvas canvas{1920, 1080};
  kiosk::KioskApp app{canvas.renderer.get(), kiosk_test::default_fonts(),
                      ui::ViewSettings{48, 1.0, nullptr, true, true}};
};

TEST_F(AppFixture, TabVisitsEveryLinkAndWraps) {
  auto& view = app.view();
  std::vector<std::string> seen;
  for (int i = 0; i < 9; ++i) {
    ASSERT_EQ(app.perform(ui::ViewCommand::NextLink), kiosk::Outcome::Redraw);
    seen.push_back(view.focused_link()->text);
  }
  EXPECT_EQ(seen.front(), "社保卡办理与挂失");
  EXPECT_EQ(seen[7], "大字幕");
  EXPECT_EQ(seen[8], seen[0]) << "Tab wraps to the first link";
  app.perform(ui::ViewCommand::PreviousLink);
  EXPECT_EQ(view.focused_link()->text, "大字幕");
}

TEST_F(AppFixture, UpDownWalkItemsAndStopAtTheEnds) {
  auto& view = app.view();
  EXPECT_EQ(app.perform(ui::ViewCommand::PreviousItem), kiosk::Outcome::Unchanged);
  int moves = 0;
  while (app.perform(ui::ViewCommand::NextItem) == kiosk::Outcome::Redraw) ++moves;
  EXPECT_EQ(view.focus().block, view.document().blocks.size() - 1);
  EXPECT_GE(moves, static_cast<int>(view.document().blocks.size()) - 1);
}

TEST_F(AppFixture, EnterOnViewLinksActsAndServiceLinksOpenAPageWithBack) {
  auto& view = app.view();
  while (view.focused_link() == nullptr || view.focused_link()->target != "view:zoom-in") {
    app.perform(ui::ViewCommand::NextLink);
  }
  EXPECT_EQ(app.perform(kiosk::AppAction::Activate), kiosk::Outcome::Redraw);
  EXPECT_DOUBLE_EQ(view.zoom(), 1.25);
  app.perform(ui::ViewCommand::NextLink);  // 缩小
  app.perform(kiosk::AppAction::Activate);
  EXPECT_DOUBLE_EQ(view.zoom(), 1.0);

  app.perform(ui::ViewCommand::NextLink);
  app.perform(ui::ViewCommand::NextLink);
  app.perform(ui::ViewCommand::NextLink);
  app.perform(ui::ViewCommand::NextLink);  // wraps to 社保卡办理与挂失
  ASSERT_EQ(view.focused_link()->target, "service:social-card");
  app.perform(kiosk::AppAction::Activate);
  EXPECT_EQ(view.document().title, "社保卡办理与挂失");
  EXPECT_NE(view.document().blocks[1].plain_text().find("人工窗口"), std::string::npos);
  EXPECT_EQ(app.perform(kiosk::AppAction::Back), kiosk::Outcome::Redraw);
  EXPECT_EQ(view.document().title, "政务服务自助终端");
  EXPECT_EQ(app.perform(kiosk::AppAction::Back), kiosk::Outcome::Unchanged);
}

TEST_F(AppFixture, TouchTargetsAreAtLeast60By60At1080p) {
  const auto& layout = app.view().layout();
  int links = 0;
  for (const auto& f : layout.fragments) {
    if (f.target.run < 0) continue;
    EXPECT_GE(f.rect.w, 60) << "link in block " << f.target.block;
    EXPECT_GE(f.rect.h, 60) << "link in block " << f.target.block;
    ++links;
  }
  EXPECT_EQ(links, 8);
}

TEST_F(AppFixture, TouchingALinkFocusesAndActivatesIt) {
  auto& view = app.view();
  view.set_focus({3, -1});  // scrolls the first service link into view
  const auto rects = view.layout().focus_rects({3, 0});
  ASSERT_EQ(rects.size(), 1u);
  const ui::Point at{rects[0].center().x, rects[0].center().y - view.scroll_y()};
  EXPECT_EQ(app.touch(at), kiosk::Outcome::Redraw);
  EXPECT_EQ(view.document().title, "社保卡办理与挂失");
}

TEST_F(AppFixture, FocusStaysVisibleAtEveryZoom) {
  auto& view = app.view();
  for (double zoom : ui::kZoomSteps) {
    view.set_zoom(zoom);
    for (int step = 0; step < 40; ++step) {
      app.perform(step % 3 == 0 ? kiosk::Action(ui::ViewCommand::NextLink)
                                : kiosk::Action(ui::ViewCommand::NextItem));
      const auto sv = view.screen_view();
      const ui::Rect area = sv.content_area;
      for (const ui::Rect& r : sv.focus) {
        // WCAG 2.4.11: the focused item is not hidden: at least a line of it is on screen.
        const int top = r.y - sv.scroll_y;
        const int visible = std::min(top + r.h, area.h) - std::max(top, 0);
        EXPECT_GE(visible, std::min(r.h, view.layout().body_px)) << "zoom " << zoom;
        break;
      }
    }
  }
}

TEST_F(AppFixture, ZoomKeepsTheReadingPosition) {
  auto& view = app.view();
  view.set_document(kiosk::long_service_guide(30 * 1024));
  for (int i = 0; i < 25; ++i) app.perform(ui::ViewCommand::NextItem);
  const auto block = view.focus().block;
  app.perform(ui::ViewCommand::ZoomIn);
  app.perform(ui::ViewCommand::ZoomIn);
  EXPECT_EQ(view.focus().block, block);
  const auto rect = view.layout().focus_rects(view.focus()).front();
  EXPECT_GE(rect.y - view.scroll_y(), 0);
  EXPECT_LT(rect.y - view.scroll_y(), view.content_area().h);
}

TEST_F(AppFixture, CaptionBarPagesLongText) {
  auto& view = app.view();
  view.set_document(kiosk::long_service_guide(8 * 1024));
  app.perform(ui::ViewCommand::NextItem);  // a long paragraph
  const int pages = view.caption_pages();
  ASSERT_GT(pages, 1);
  for (int p = 1; p < pages; ++p) {
    EXPECT_EQ(app.perform(ui::ViewCommand::CaptionNextPage), kiosk::Outcome::Redraw);
  }
  EXPECT_EQ(view.caption_page(), pages - 1);
  EXPECT_EQ(app.perform(ui::ViewCommand::CaptionNextPage), kiosk::Outcome::Unchanged);
  app.perform(ui::ViewCommand::NextItem);
  EXPECT_EQ(view.caption_page(), 0) << "a new focus starts at the first caption page";
}

int run_kioskd(const std::string& args, std::string& output) {
  const std::string cmd =
      "SDL_VIDEODRIVER=offscreen " + std::string(KIOSKD_PATH) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  char buf[512];
  while (fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(Kioskd, HeadlessRunWritesTheFrameAsPng) {
  const std::string png = "kioskd-smoke.png";
  std::filesystem::remove(png);
  std::string out;
  ASSERT_EQ(run_kioskd("--frames 1 --keys down,tab,zoom-in --screenshot " + png, out), 0) << out;
  EXPECT_NE(out.find("video: offscreen"), std::string::npos) << out;
  EXPECT_NE(out.find("capitals"), std::string::npos) << out;
  ASSERT_TRUE(std::filesystem::exists(png));
  EXPECT_GT(std::filesystem::file_size(png), 10000u);
}

TEST(Kioskd, BadProfileStopsWithFileLineAndKey) {
  const std::string path = "bad-board.toml";
  FILE* f = std::fopen(path.c_str(), "w");
  std::fputs("[board]\nname = \"x\"\ncompatible = \"y\"\ncolour = 1\n", f);
  std::fclose(f);
  std::string out;
  EXPECT_EQ(run_kioskd("--board ./" + path + " --frames 1", out), 2);
  EXPECT_NE(out.find("bad-board.toml:4: [board] colour: unknown key"), std::string::npos) << out;
}

TEST(Kioskd, EmulatedReaderAnswersTheKeyboard) {
  std::string out;
  ASSERT_EQ(run_kioskd("--frames 1 --page welcome --keys place-id-card,wait-card", out), 0) << out;
  EXPECT_NE(out.find("emulated readers"), std::string::npos) << out;
  EXPECT_NE(out.find("card reader: id-card emulated ID-card reader"), std::string::npos) << out;
  EXPECT_NE(out.find("now showing 已读取居民身份证"), std::string::npos) << out;
  EXPECT_EQ(out.find("310101199001011234"), std::string::npos) << "nothing personal in the log";
}

TEST(Kioskd, UnknownOptionPrintsUsage) {
  std::string out;
  EXPECT_EQ(run_kioskd("--frobnicate", out), 1);
  EXPECT_NE(out.find("usage: kioskd"), std::string::npos);
}

}  // namespace

namespace {

kiosk::LoadedPage guide_page() {
  return kiosk::load_html_file(kiosk_test::source_dir() +
                               "/firmware/content/guide-social-card.html");
}

TEST_F(AppFixture, QuickNavigationByHeadingListTableAndField) {
  auto page = guide_page();
  ASSERT_TRUE(page.ok) << page.error;
  app.show(std::move(page.document));
  auto& view = app.view();
  const auto& blocks = view.document().blocks;
  auto kind_at_focus = [&] { return blocks[view.focus().block].kind; };
  ASSERT_EQ(app.perform(ui::ViewCommand::NextHeading), kiosk::Outcome::Redraw);
  EXPECT_EQ(kind_at_focus(), ui::BlockKind::Heading);
  EXPECT_EQ(blocks[view.focus().block].plain_text(), "社会保障卡申领");
  ASSERT_EQ(app.perform(ui::ViewCommand::NextList), kiosk::Outcome::Redraw);
  EXPECT_EQ(kind_at_focus(), ui::BlockKind::ListItem);
  EXPECT_EQ(blocks[view.focus().block].level, 1) << "the first item of the list";
  ASSERT_EQ(app.perform(ui::ViewCommand::NextTable), kiosk::Outcome::Redraw);
  EXPECT_EQ(kind_at_focus(), ui::BlockKind::TableRow);
  EXPECT_EQ(blocks[view.focus().block].plain_text(),
            "项目：首次申领；费用：免费；时限：3-5个工作日");
  ASSERT_EQ(app.perform(ui::ViewCommand::NextFormField), kiosk::Outcome::Redraw);
  EXPECT_EQ(blocks[view.focus().block].plain_text(), "编辑框：姓名，必填");
  ASSERT_EQ(app.perform(ui::ViewCommand::PreviousHeading), kiosk::Outcome::Redraw);
  EXPECT_EQ(blocks[view.focus().block].plain_text(), "在线预约");
  EXPECT_EQ(app.perform(ui::ViewCommand::NextTable), kiosk::Outcome::Unchanged) << "one table only";
}

TEST_F(AppFixture, WhereAmISaysPositionAndTitle) {
  auto page = guide_page();
  app.show(std::move(page.document));
  app.perform(ui::ViewCommand::NextItem);
  app.perform(ui::ViewCommand::NextItem);
  const std::string where = kiosk::describe_position(app.view());
  EXPECT_EQ(where.rfind("第3项，共", 0), 0u) << where;
  EXPECT_NE(where.find("页面：社会保障卡申领办事指南"), std::string::npos) << where;
}

TEST(SayAll, FocusFollowsTheVoiceAndAnyKeyStopsIt) {
  kiosk_test::OffscreenCanvas canvas{1920, 1080};
  kiosk::KioskApp app{canvas.renderer.get(), kiosk_test::default_fonts(),
                      ui::ViewSettings{48, 1.0, nullptr, false, false}};
  auto opened = kiosk::SpeechOutput::open("say-all.wav", "");
  ASSERT_TRUE(opened.speech) << opened.error;
  app.attach_speech(opened.speech.get());
  auto speed = opened.speech->engine().settings();
  speed.set_rate_step(6);  // the fastest step keeps the test short
  opened.speech->engine().set_settings(speed);
  auto page = guide_page();
  app.show(std::move(page.document));
  app.key(kiosk::AppAction::SayAll);
  ASSERT_TRUE(app.saying_all());
  std::vector<std::uint32_t> focus;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
  while (std::chrono::steady_clock::now() < deadline && focus.size() < 4) {
    app.tick();
    const auto b = app.view().focus().block;
    if (focus.empty() || focus.back() != b) focus.push_back(b);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GE(focus.size(), 4u) << "the highlight moved with the speech";
  EXPECT_TRUE(std::is_sorted(focus.begin(), focus.end()));
  app.key(ui::ViewCommand::NextItem);
  EXPECT_FALSE(app.saying_all()) << "any key stops reading on";
}

}  // namespace

namespace {

TEST(KeyMaps, BoardBindingsOverrideTheDefaults) {
  std::string error;
  auto map = kiosk::KeyMap::from_bindings(
      {{"down", {"Keypad 2"}}, {"enter", {"Keypad 5", "Space"}}}, error);
  ASSERT_TRUE(map) << error;
  EXPECT_EQ(map->lookup(SDLK_KP_2, 0), kiosk::Action(ui::ViewCommand::NextItem));
  EXPECT_EQ(map->lookup(SDLK_SPACE, 0), kiosk::Action(kiosk::AppAction::Activate));
  EXPECT_EQ(map->lookup(SDLK_TAB, 0), kiosk::Action(ui::ViewCommand::NextLink))
      << "defaults remain";
  EXPECT_FALSE(kiosk::KeyMap::from_bindings({{"fly", {"Down"}}}, error));
  EXPECT_NE(error.find("[keys] fly: unknown action"), std::string::npos);
  EXPECT_FALSE(kiosk::KeyMap::from_bindings({{"down", {"NoSuchKey"}}}, error));
  EXPECT_NE(error.find("unknown key name \"NoSuchKey\""), std::string::npos);
}

TEST(KeyMaps, ProductionBoardKeypadLoads) {
  const auto profile = load("rk3568-215");
  std::string error;
  auto map = kiosk::KeyMap::from_bindings(profile.key_bindings, error);
  ASSERT_TRUE(map) << error;
  EXPECT_EQ(map->lookup(SDLK_KP_8, 0), kiosk::Action(ui::ViewCommand::PreviousItem));
}

}  // namespace
