// The accessibility toolbar (无障碍工具条): a row of buttons under the title bar on every screen,
// each >= 60x60 px with labels >= 30 pt on the production panel, 7:1 in every scheme, paged
// rather than clipped; each item by its Alt+letter and by touch, with the exact words said;
// region jump with counts, layered help, speech off that stays silent, point-to-read, the
// caption in traditional characters (OpenCC), everything back at the session's end; and at
// 400 % with every bar shown, at least three whole lines of the page, none sliced.
#include <gtest/gtest.h>

#include <SDL_image.h>

#include <algorithm>
#include <set>

#include "board/profile.hpp"
#include "input/keymap.hpp"
#include "kiosk/profile_settings.hpp"
#include "kiosk_harness.hpp"
#include "toolbar/big_cursor.hpp"
#include "toolbar/page_regions.hpp"
#include "toolbar/toolbar.hpp"
#include "toolbar/traditional_chinese.hpp"
#include "ui/physical_size.hpp"
#include "ui/screenshot.hpp"

namespace {

using kiosk::Command;
using kiosk::Toolbar;
using kiosk_test::KioskHarness;
using Said = std::vector<std::string>;

kiosk_test::HarnessOptions home() {
  kiosk_test::HarnessOptions o;
  o.start_home = true;
  return o;
}

// A key as the keyboard gives it: Alt held with a letter.
kiosk::Outcome alt(KioskHarness& k, SDL_Keycode letter) {
  static const auto keys = kiosk::KeyMap::create({}, false);
  const auto command = k.core().key_to_command(*keys, letter, KMOD_LALT);
  EXPECT_TRUE(command) << "Alt+" << SDL_GetKeyName(letter) << " has no command";
  if (!command) return kiosk::Outcome::NotMine;
  return k.press(*command);
}

std::optional<ui::Rect> area_of(const ui::ReadingView& view, Command command) {
  for (const auto& [id, rect] : view.button_areas()) {
    if (id == static_cast<int>(command)) return rect;
  }
  return std::nullopt;
}

// A finger on the toolbar button for `command`, paging the toolbar with 更多 until it shows.
kiosk::Outcome touch(KioskHarness& k, Command command) {
  for (int page = 0; page < 4 && !area_of(k.view(), command); ++page) {
    const auto more = area_of(k.view(), Command::ToolbarNextPage);
    EXPECT_TRUE(more) << "the button is on no page and there is no 更多";
    if (!more) break;
    k.core().touch(more->center());
    k.forget_said();
  }
  const auto rect = area_of(k.view(), command);
  EXPECT_TRUE(rect) << kiosk::info(command).name << " is on no page of the toolbar";
  if (!rect) return kiosk::Outcome::NotMine;
  const auto o = k.core().touch(rect->center());
  k.core().wait_until_loaded(std::chrono::seconds(10));
  return o;
}

board::BoardProfile production_board() {
  auto r = board::load_profile_file(kiosk_test::source_dir() + "/board/profiles/rk3568-215.toml");
  EXPECT_TRUE(r.profile) << r.error;
  return *r.profile;
}

TEST(Toolbar, EveryItemIsABigButtonOnSomePageNeverClipped) {
  KioskHarness k;
  const ui::ScreenGeometry panel = kiosk::screen_geometry(production_board().display);
  EXPECT_GE(k.view().bar_label_px(), ui::font_px_for_points(30, panel)) << "labels >= 30 pt";
  EXPECT_EQ(ui::font_px_for_points(30, panel), 43);  // 10.6 mm on a 0.248 mm pitch
  const int zoom_before = k.view().toolbar_height();
  std::set<int> seen;
  for (int page = 0; page < k.view().toolbar_pages(); ++page) {
    for (const auto& [id, r] : k.view().button_areas()) {
      EXPECT_GE(r.w, 60) << id;
      EXPECT_GE(r.h, 60) << id;
      EXPECT_GE(r.x, 0);
      EXPECT_LE(r.right(), 1920) << "never clipped at the right edge";
      seen.insert(id);
    }
    k.view().next_toolbar_page();
  }
  for (const auto& item : Toolbar::items()) {
    EXPECT_TRUE(seen.count(static_cast<int>(item.command))) << item.label;
  }
  EXPECT_TRUE(seen.count(static_cast<int>(Command::Back))) << "the title bar's buttons remain";
  // The bar does not zoom with the page.
  k.press(Command::ZoomIn);
  k.press(Command::ZoomIn);
  EXPECT_EQ(k.view().toolbar_height(), zoom_before);
  EXPECT_EQ(k.view().content_area().y, k.view().title_bar_height() + zoom_before);
}

TEST(Toolbar, ANarrowScreenPagesTheItems) {
  KioskHarness k;
  k.core().resize(800, 1080);
  ASSERT_GE(k.view().toolbar_pages(), 3);
  std::set<int> seen;
  for (int page = 0; page < k.view().toolbar_pages(); ++page) {
    for (const auto& [id, r] : k.view().button_areas()) {
      if (r.y < k.view().title_bar_height()) continue;
      EXPECT_LE(r.right(), 800);
      seen.insert(id);
    }
    k.view().next_toolbar_page();
  }
  EXPECT_EQ(seen.size(), Toolbar::items().size() + 1) << "every item and 更多";
  // At 400 % the title bar's buttons leave no room beside them: the rows stay apart.
  for (int i = 0; i < 6; ++i) k.press(Command::ZoomIn);
  EXPECT_FALSE(k.view().crowded());
  for (const auto& [id, r] : k.view().button_areas()) EXPECT_LE(r.right(), 800) << id;
}

TEST(Toolbar, BarsAreSevenToOneInEverySchemeAndTheFocusedButtonIsRinged) {
  KioskHarness k;
  for (const auto& scheme : ui::color_schemes()) {
    k.view().set_scheme(scheme);
    EXPECT_GE(ui::contrast_ratio(scheme.caption_text, scheme.caption_background), 7.0) << scheme.id;
    const auto rect = *area_of(k.view(), Command::Help);
    k.view().set_focused_button(static_cast<int>(Command::Help));
    k.core().draw();
    const auto& canvas = k.canvas();
    // Between two buttons: the bar's background; a plain button's edge: the bar's text colour;
    // the focused button: filled with the text colour, a ring of the background inside it.
    const auto plain = *area_of(k.view(), Command::ResetSettings);
    EXPECT_EQ(canvas.pixel(plain.x - 3, plain.center().y), scheme.caption_background);
    EXPECT_EQ(canvas.pixel(plain.x + 1, plain.center().y), scheme.caption_text);
    EXPECT_EQ(canvas.pixel(plain.x + 6, plain.y + 6), scheme.caption_background);
    EXPECT_EQ(canvas.pixel(rect.x + 1, rect.y + 1), scheme.caption_text);
    EXPECT_EQ(canvas.pixel(rect.x + 5, rect.center().y), scheme.caption_background);
    EXPECT_EQ(canvas.pixel(rect.x + 9, rect.y + 9), scheme.caption_text);
    // A setting that is on: a square in the corner, in the text colour.
    const ui::Point bar{plain.right() - 14, plain.y + 14};
    EXPECT_EQ(canvas.pixel(bar.x, bar.y), scheme.caption_background);
    k.view().set_button_on(static_cast<int>(Command::ResetSettings), true);
    k.core().draw();
    EXPECT_EQ(canvas.pixel(bar.x, bar.y), scheme.caption_text);
    k.view().set_button_on(static_cast<int>(Command::ResetSettings), false);
  }
}

TEST(Toolbar, AltLettersAndWords) {
  KioskHarness k(home());
  const std::string next_scheme(ui::next_color_scheme(k.view().scheme()).name_zh);
  const int guides = static_cast<int>(Command::ToggleGuideLines);
  EXPECT_FALSE(k.view().button_on(guides));
  alt(k, SDLK_x);
  EXPECT_EQ(k.said(), Said{"十字线已开启"});
  EXPECT_TRUE(k.view().button_on(guides)) << "a square on 十字线 shows it is on";
  alt(k, SDLK_x);
  EXPECT_EQ(k.said(), Said{"十字线已关闭"});
  EXPECT_FALSE(k.view().button_on(guides));
  alt(k, SDLK_f);
  alt(k, SDLK_f);
  EXPECT_EQ(k.said(), (Said{"页面已放大到百分之一百二十五", "页面已放大到百分之一百五十"}));
  alt(k, SDLK_s);
  EXPECT_EQ(k.said(), Said{"页面已缩小到百分之一百二十五"});
  alt(k, SDLK_p);
  EXPECT_EQ(k.said(), Said{"已切换为" + next_scheme});
  alt(k, SDLK_d);
  EXPECT_EQ(k.said(), Said{"大字幕已关闭"});
  alt(k, SDLK_d);
  EXPECT_EQ(k.said(), Said{"大字幕已开启"});
  alt(k, SDLK_k);
  EXPECT_EQ(k.said(), Said{"语速加快，第五档"});
  alt(k, SDLK_j);
  EXPECT_EQ(k.said(), Said{"语速放慢，第四档"});
  alt(k, SDLK_m);
  EXPECT_EQ(k.said(), Said{"大鼠标已开启"});
  EXPECT_TRUE(k.core().toolbar().big_cursor());
  alt(k, SDLK_m);
  EXPECT_EQ(k.said(), Said{"大鼠标已关闭"});
  alt(k, SDLK_t);
  EXPECT_EQ(k.said(), Said{"已切换为繁体字幕"});
  alt(k, SDLK_t);
  EXPECT_EQ(k.said(), Said{"已切换为简体字幕"});
  alt(k, SDLK_z);
  EXPECT_EQ(k.said(), Said{"指读已开启，触摸或指向的内容会读出来，不会打开"});
  alt(k, SDLK_z);
  EXPECT_EQ(k.said(), Said{"指读已关闭"});
  alt(k, SDLK_e);
  EXPECT_EQ(k.said(), Said{"工具条已隐藏，按Alt加E重新显示"});
  EXPECT_EQ(k.view().toolbar_height(), 0);
  EXPECT_EQ(k.view().content_area().y, k.view().title_bar_height());
  alt(k, SDLK_e);
  EXPECT_EQ(k.said(), Said{"工具条已显示"});
  EXPECT_GT(k.view().toolbar_height(), 0);
  alt(k, SDLK_w);
  const Said text_only = k.said();
  ASSERT_FALSE(text_only.empty());
  EXPECT_EQ(text_only.front(), "纯文本已开启");
  EXPECT_TRUE(k.core().browser().text_only());
  alt(k, SDLK_c);
  // The page comes back without text-only after the words for the reset.
  EXPECT_EQ(k.said(), (Said{"已恢复默认设置", "纯文本已关闭"}));
  EXPECT_FALSE(k.core().browser().text_only()) << "text-only is a setting too";
  EXPECT_EQ(k.view().zoom(), 1.0);
  EXPECT_EQ(&k.view().scheme(), &ui::color_schemes().front());
  alt(k, SDLK_r);
  ASSERT_FALSE(k.speaker().log().empty());
  EXPECT_EQ(k.speaker().log().back().kind, kiosk::Spoken::Kind::SayAll);
}

TEST(Toolbar, AltKeysAreTheirOwnChordsAndWorkWhileTyping) {
  const auto map = kiosk::KeyMap::create({}, false);
  ASSERT_TRUE(map);
  EXPECT_EQ(map->lookup(SDLK_h, 0), Command::NextHeading);
  EXPECT_EQ(map->lookup(SDLK_h, KMOD_LALT), Command::Help);
  EXPECT_EQ(map->lookup(SDLK_h, KMOD_RALT), Command::Help);
  EXPECT_FALSE(map->lookup(SDLK_z, 0));
  EXPECT_FALSE(map->lookup(SDLK_q, KMOD_LALT | KMOD_LCTRL)) << "Ctrl+Alt+Q is not Alt+Q";
  // Every item has its own letter.
  std::set<char> letters;
  for (const auto& item : Toolbar::items()) {
    int alts = 0;
    for (auto key : kiosk::info(item.command).keys) {
      if (key.rfind("Alt+", 0) == 0) {
        ++alts;
        EXPECT_TRUE(letters.insert(key.back()).second) << key;
      }
    }
    EXPECT_EQ(alts, 1) << item.label;
  }
  // Typing into a field, a letter is typed but Alt + the letter is the toolbar's.
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  ASSERT_TRUE(k.tab_to("编辑框：办件编号"));
  k.press(Command::Activate);
  ASSERT_TRUE(k.core().forms().takes_text());
  EXPECT_FALSE(k.core().key_to_command(*map, SDLK_f, 0));
  EXPECT_EQ(k.core().key_to_command(*map, SDLK_f, KMOD_LALT), Command::ZoomIn);
}

TEST(Toolbar, MoreFlipsThePagesByKeyAndTouch) {
  KioskHarness k;
  ASSERT_EQ(k.view().toolbar_pages(), 2) << "1920 px holds about half the items";
  alt(k, SDLK_g);
  EXPECT_EQ(k.said(), Said{"工具条第2页，共2页"});
  touch(k, Command::ToolbarNextPage);
  EXPECT_EQ(k.said(), Said{"工具条第1页，共2页"});
}

// Each item pressed by a finger says the same words as its key.
TEST(Toolbar, EveryItemByTouch) {
  KioskHarness k(home());
  struct Case {
    Command command;
    Said words;
  };
  const std::string next_scheme(ui::next_color_scheme(k.view().scheme()).name_zh);
  const std::vector<Case> cases{
      {Command::ToggleGuideLines, {"十字线已开启"}},
      {Command::ToggleGuideLines, {"十字线已关闭"}},
      {Command::ZoomIn, {"页面已放大到百分之一百二十五"}},
      {Command::ZoomOut, {"页面已缩小到百分之一百"}},
      {Command::NextScheme, {"已切换为" + next_scheme}},
      {Command::ToggleBigCursor, {"大鼠标已开启"}},
      {Command::SpeakFaster, {"语速加快，第五档"}},
      {Command::SpeakSlower, {"语速放慢，第四档"}},
      {Command::ToggleCaptionBar, {"大字幕已关闭"}},
      {Command::ToggleCaptionBar, {"大字幕已开启"}},
      {Command::ToggleTraditional, {"已切换为繁体字幕"}},
      {Command::ToggleTraditional, {"已切换为简体字幕"}},
      {Command::ResetSettings, {"已恢复默认设置"}},
      {Command::ToggleSpeech, {"声音已关闭"}},
      {Command::ToggleSpeech, {"声音已开启"}},
      {Command::TogglePointToRead, {"指读已开启，触摸或指向的内容会读出来，不会打开"}},
  };
  for (const auto& c : cases) {
    touch(k, c.command);
    EXPECT_EQ(k.said(), c.words) << kiosk::info(c.command).name;
  }
  // With 指读 on, a button is said by the first touch and pressed by the second.
  touch(k, Command::TogglePointToRead);
  EXPECT_EQ(k.said(), Said{"指读，按钮。再按一次确认"});
  EXPECT_EQ(k.view().focused_button(), static_cast<int>(Command::TogglePointToRead));
  touch(k, Command::TogglePointToRead);
  EXPECT_EQ(k.said(), Said{"指读已关闭"});
  touch(k, Command::JumpRegion);
  const Said region = k.said();
  ASSERT_EQ(region.size(), 1u);
  EXPECT_EQ(region[0].rfind("正文区，共13项。", 0), 0u) << region[0];
  touch(k, Command::Help);
  ASSERT_EQ(k.said().size(), 1u);
  touch(k, Command::SayAll);
  EXPECT_EQ(k.speaker().log().back().kind, kiosk::Spoken::Kind::SayAll);
  k.forget_said();
  touch(k, Command::TextOnly);
  EXPECT_EQ(k.said().front(), "纯文本已开启");
  touch(k, Command::ToggleToolbar);
  EXPECT_EQ(k.said(), Said{"工具条已隐藏，按Alt加E重新显示"});
  EXPECT_FALSE(area_of(k.view(), Command::Help)) << "hidden: no toolbar buttons to touch";
}

TEST(Toolbar, AudioModeToolbarButtonsAreSaidFirstThenPressed) {
  KioskHarness k;
  k.core().headphones(true);
  k.forget_said();
  touch(k, Command::ToggleGuideLines);
  EXPECT_EQ(k.said(), Said{"十字光标，按钮。再按一次确认"});
  EXPECT_FALSE(k.view().guide_lines());
  touch(k, Command::ToggleGuideLines);
  EXPECT_EQ(k.said(), Said{"十字线已开启"});
  EXPECT_TRUE(k.view().guide_lines());
}

TEST(Toolbar, RegionJumpCountsTheHomePage) {
  KioskHarness k(home());
  const auto regions = kiosk::page_regions(k.view().document());
  ASSERT_EQ(regions.size(), 2u);
  EXPECT_EQ(regions[0].name, "导航区");
  EXPECT_EQ(regions[0].count, 2);  // 首页, 办事指南
  EXPECT_EQ(regions[1].name, "正文区");
  EXPECT_EQ(regions[1].first_block, 1u);
  EXPECT_EQ(regions[1].count, 13);
  alt(k, SDLK_q);
  EXPECT_EQ(k.said(), Said{"正文区，共13项。标题1级，政务服务网"});
  EXPECT_EQ(k.view().focus().block, 1u);
  alt(k, SDLK_q);
  EXPECT_EQ(k.said(), Said{"导航区，共2个链接。首页 办事指南"});
  EXPECT_EQ(k.view().focus().block, 0u);
}

TEST(Toolbar, RegionJumpFindsTheForm) {
  KioskHarness k;
  ASSERT_TRUE(k.open("/query.html"));
  const auto regions = kiosk::page_regions(k.view().document());
  const auto form = std::find_if(regions.begin(), regions.end(),
                                 [](const auto& r) { return r.name == "表单区"; });
  ASSERT_NE(form, regions.end());
  EXPECT_GE(form->count, 1);
  EXPECT_EQ(k.view().document().blocks[form->first_block].kind, ui::BlockKind::FormField);
}

TEST(Toolbar, HelpGoesOneLayerDeeperEachPress) {
  KioskHarness k(home());
  alt(k, SDLK_h);
  Said said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(said[0],
            "帮助。当前是：首页 办事指南。这是文字，按上下键逐项收听。再按帮助键，了解这个页面。");
  alt(k, SDLK_h);
  EXPECT_EQ(k.said(),
            Said{"这个页面是政务服务网（演示），共14项。分为导航区、正文区，按Alt加Q在区域间"
                 "跳转。再按帮助键，了解按键用法。"});
  alt(k, SDLK_h);
  said = k.said();
  ASSERT_EQ(said.size(), 1u);
  EXPECT_EQ(
      said[0].rfind("按上下键逐项收听，按Tab键到下一个链接，按确认键办理，按返回键返回。工具条："
                    "Alt加Q区域跳转，Alt加H帮助，Alt加C重置，Alt加X十字光标",
                    0),
      0u)
      << said[0];
  alt(k, SDLK_h);
  EXPECT_EQ(k.said(), said) << "the deepest layer again";
  k.press(Command::NextLink);
  k.forget_said();
  alt(k, SDLK_h);
  EXPECT_EQ(k.said(),
            Said{"帮助。当前是：链接，首页。这是链接，按确认键打开。再按帮助键，了解这个页面。"})
      << "another key starts help again at this item";
}

TEST(Toolbar, SpeechOffIsSilentUntilTurnedOn) {
  KioskHarness k(home());
  alt(k, SDLK_v);
  EXPECT_EQ(k.said(), Said{"声音已关闭"});
  EXPECT_FALSE(k.core().toolbar().speech_on());
  k.press(Command::NextItem);
  k.press(Command::ZoomIn);
  k.press(Command::WhereAmI);
  k.press(Command::Help);
  EXPECT_TRUE(k.speaker().take().empty()) << "not even an earcon";
  alt(k, SDLK_v);
  EXPECT_EQ(k.said(), Said{"声音已开启"});
  k.press(Command::WhereAmI);
  EXPECT_EQ(k.said().size(), 1u);
}

TEST(Toolbar, PointToReadSaysWithoutActivating) {
  KioskHarness k(home());
  alt(k, SDLK_z);
  k.forget_said();
  const std::string url = k.core().browser().url();
  while (k.view().focus().block < 5) k.press(Command::NextItem);  // the list on screen
  k.forget_said();
  // The first tile of the hot services list, under the mouse.
  const auto& layout = k.view().layout();
  const auto link = std::find_if(layout.fragments.begin(), layout.fragments.end(), [&](auto& f) {
    if (f.target.run < 0) return false;
    const auto& block = k.view().document().blocks[f.target.block];
    return block.runs[static_cast<std::size_t>(f.target.run)].text == "社会保障卡申领办事指南";
  });
  ASSERT_NE(link, layout.fragments.end());
  const ui::Point at{k.view().content_area().x + link->rect.center().x,
                     k.view().content_area().y + link->rect.center().y - k.view().scroll_y()};
  k.core().pointer_moved(at);
  EXPECT_EQ(k.said(), Said{"链接，社会保障卡申领办事指南"});
  k.core().pointer_moved({at.x + 2, at.y});
  EXPECT_TRUE(k.said().empty()) << "the same thing is not said again while the mouse rests";
  k.core().touch(at);
  k.core().wait_until_loaded(std::chrono::seconds(5));
  EXPECT_EQ(k.said(), Said{"链接，社会保障卡申领办事指南"}) << "a touch says it again";
  EXPECT_EQ(k.core().browser().url(), url) << "never activated";
  k.core().pointer_moved(area_of(k.view(), Command::Help)->center());
  EXPECT_EQ(k.said(), Said{"帮助，按钮"});
  EXPECT_EQ(k.view().focused_button(), static_cast<int>(Command::Help));
}

TEST(Toolbar, TraditionalCaptionThroughOpenCC) {
  auto s2t = kiosk::TraditionalChinese::open();
  ASSERT_TRUE(s2t) << s2t.error().technician;
  EXPECT_EQ(s2t->convert("办理"), "辦理");
  EXPECT_EQ(s2t->convert("社会保障卡申领办事指南"), "社會保障卡申領辦事指南");
  EXPECT_EQ(s2t->convert("身份证 12345"), "身份證 12345");
  EXPECT_FALSE(kiosk::TraditionalChinese::open("/nonexistent/s2t.json"));

  // What the caption bar draws is the traditional text's glyphs.
  KioskHarness k;
  alt(k, SDLK_t);
  k.forget_said();
  k.view().set_caption_override("办理");
  const auto shown = k.view().screen_view();
  ASSERT_TRUE(shown.caption);
  const ui::DocumentLayout expected =
      k.core().layouter().layout_text("辦理", 2 * k.view().bar_label_px(), 1920);
  ASSERT_EQ(shown.caption->text->glyphs.size(), expected.glyphs.size());
  for (std::size_t i = 0; i < expected.glyphs.size(); ++i) {
    EXPECT_EQ(shown.caption->text->glyphs[i].glyph_id, expected.glyphs[i].glyph_id);
  }
  const ui::DocumentLayout simplified =
      k.core().layouter().layout_text("办理", 2 * k.view().bar_label_px(), 1920);
  EXPECT_NE(simplified.glyphs.front().glyph_id, expected.glyphs.front().glyph_id);
}

TEST(Toolbar, BigCursorIsLargeAndInTheSchemesColours) {
  const auto& scheme = *ui::find_color_scheme("black-yellow");
  auto image = kiosk::big_cursor_image(scheme, 96);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->w, 96);
  auto pixel = [&](int x, int y) {
    Uint8 r = 0, g = 0, b = 0, a = 0;
    SDL_GetRGBA(static_cast<Uint32*>(image->pixels)[y * image->pitch / 4 + x], image->format, &r,
                &g, &b, &a);
    return std::pair{ui::Rgb{r, g, b}, a};
  };
  EXPECT_EQ(pixel(0, 0).first, scheme.caption_background) << "outlined at the hot spot";
  EXPECT_EQ(pixel(12, 40).first, scheme.caption_text) << "filled inside";
  EXPECT_EQ(pixel(12, 40).second, 255);
  EXPECT_EQ(pixel(90, 10).second, 0) << "transparent outside the arrow";
}

TEST(Toolbar, EverythingComesBackAtTheSessionsEnd) {
  KioskHarness k(home());
  alt(k, SDLK_f);
  alt(k, SDLK_x);
  alt(k, SDLK_m);
  alt(k, SDLK_t);
  alt(k, SDLK_z);
  alt(k, SDLK_e);
  alt(k, SDLK_g);
  alt(k, SDLK_v);
  k.forget_said();
  k.core().end_session();
  const Toolbar& t = k.core().toolbar();
  EXPECT_TRUE(t.speech_on());
  EXPECT_FALSE(t.traditional());
  EXPECT_FALSE(t.big_cursor());
  EXPECT_FALSE(t.point_to_read());
  EXPECT_TRUE(k.view().toolbar_shown());
  EXPECT_EQ(k.view().toolbar_page(), 0);
  EXPECT_EQ(k.view().zoom(), 1.0);
  EXPECT_FALSE(k.view().guide_lines());
  EXPECT_EQ(k.said(), Said{"本次服务已结束"}) << "speech is on again for the goodbye";
  EXPECT_TRUE(k.view().button_on(static_cast<int>(Command::ToggleSpeech)));
  EXPECT_FALSE(k.view().button_on(static_cast<int>(Command::TogglePointToRead)));
}

void save(const KioskHarness& k, const std::string& name) {
  EXPECT_EQ(IMG_SavePNG(k.canvas().surface.get(), name.c_str()), 0) << SDL_GetError();
}

TEST(Toolbar, AtFourHundredPercentThreeWholeLinesStayVisible) {
  KioskHarness k(home());
  k.view().set_scheme(*ui::find_color_scheme("black-yellow"));
  k.press(Command::NextItem);
  k.press(Command::NextItem);  // the intro paragraph: five lines at 400 %
  k.core().draw();
  save(k, "toolbar-black-yellow-100.png");
  for (int i = 0; i < 6; ++i) k.press(Command::ZoomIn);
  ASSERT_EQ(k.view().zoom(), 4.0);
  ASSERT_TRUE(k.view().caption_bar());
  ASSERT_TRUE(k.view().toolbar_shown());
  const ui::ScreenView sv = k.view().screen_view();
  ASSERT_TRUE(sv.title_bar && sv.toolbar && sv.caption);
  const int paragraph_lines = static_cast<int>(
      std::count_if(k.view().layout().lines.begin(), k.view().layout().lines.end(),
                    [&](const ui::LineBox& l) { return l.block == k.view().focus().block; }));
  ASSERT_GE(paragraph_lines, 4);
  // Read through the paragraph screen by screen: three whole lines each time.
  for (int step = 0; step < 3 && k.view().focus().block == 2; ++step) {
    // Three, or all the paragraph has left from the first line shown.
    const ui::Rect area = k.view().content_area();
    const auto& lines = k.view().layout().lines;
    const auto first = std::find_if(lines.begin(), lines.end(), [&](const ui::LineBox& l) {
      return l.block == 2 && l.top >= k.view().scroll_y();
    });
    const int left = static_cast<int>(
        std::count_if(first, lines.end(), [](const ui::LineBox& l) { return l.block == 2; }));
    EXPECT_GE(kiosk_test::whole_lines_shown(k.view()), std::min(3, left))
        << "step " << step << ": content " << area.h << " px";
    k.core().draw();
    if (step == 0) {
      save(k, "toolbar-black-yellow-400.png");
      std::printf(
          "400 %%: title bar %d px (toolbar in its row), caption %d px, content %d px, "
          "%d whole lines\n",
          k.view().title_bar_height(), k.view().screen_view().caption->area.h, area.h,
          kiosk_test::whole_lines_shown(k.view()));
    }
    // Nothing drawn across the content area's top or bottom edge inside the text column.
    for (int x = area.x + 200; x < area.right() - 200; x += 3) {
      for (int y : {area.y, area.bottom() - 1}) {
        ASSERT_EQ(k.canvas().pixel(x, y), k.view().scheme().background)
            << "a line sliced at (" << x << ", " << y << ")";
      }
    }
    k.press(Command::NextItem);
  }
  // The caption bar is still there, one line at body size (the page is larger by now); the
  // toolbar shares the title bar's row, its buttons still >= 60 px, clear of the title's own.
  EXPECT_LT(sv.caption->area.h, 2 * 72);
  EXPECT_TRUE(k.view().crowded());
  EXPECT_EQ(k.view().content_area().y, k.view().title_bar_height());
  const auto back = *area_of(k.view(), Command::Back);
  for (const auto& [id, r] : k.view().button_areas()) {
    EXPECT_GE(r.w, 60);
    EXPECT_GE(r.h, 60);
    if (id != static_cast<int>(Command::Back) && r.y == back.y && r.x < back.x) {
      EXPECT_LE(r.right(), back.x) << id;
    }
  }
}

}  // namespace
