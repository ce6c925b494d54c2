// The input room: one table names every command with its keys and words; the board's key map
// overrides the defaults; developer keys exist only on boards that allow them; edit mode turns
// printable keys into text.
#include <gtest/gtest.h>

#include <set>

#include "board/profile.hpp"
#include "input/command.hpp"
#include "input/keymap.hpp"
#include "test_support.hpp"

namespace {

using kiosk::Command;

TEST(Commands, EveryCommandHasOneRowWithNameWordsAndKeys) {
  std::set<std::string_view> names;
  int rows = 0;
  for (const auto& c : kiosk::command_table()) {
    EXPECT_TRUE(names.insert(c.name).second) << "duplicate name " << c.name;
    EXPECT_FALSE(c.help.empty()) << c.name;
    EXPECT_FALSE(c.zh.empty()) << c.name;
    EXPECT_FALSE(c.keys[0].empty()) << c.name << " has no default key";
    EXPECT_EQ(&kiosk::info(c.command), &c);
    EXPECT_EQ(kiosk::command_named(c.name), c.command);
    for (auto k : c.keys) {
      if (!k.empty()) {
        EXPECT_TRUE(kiosk::parse_chord(k)) << c.name << ": " << k;
      }
    }
    ++rows;
  }
  EXPECT_EQ(rows, static_cast<int>(Command::ToggleHeadphones) + 1);
  EXPECT_FALSE(kiosk::command_named("fly"));
}

TEST(Commands, NoTwoCommandsShareADefaultKey) {
  std::set<std::string_view> keys;
  for (const auto& c : kiosk::command_table()) {
    for (auto k : c.keys) {
      if (!k.empty()) {
        EXPECT_TRUE(keys.insert(k).second) << k << " is " << c.name << "'s and another's";
      }
    }
  }
}

TEST(KeyMaps, TheRatingHasItsKeys) {
  auto map = kiosk::KeyMap::create({}, false);
  ASSERT_TRUE(map);
  EXPECT_EQ(map->lookup(SDLK_e, 0), Command::RateService);
  EXPECT_EQ(map->lookup(SDLK_1, 0), Command::RateVerySatisfied);
  EXPECT_EQ(map->lookup(SDLK_5, 0), Command::RateVeryDissatisfied);
  EXPECT_EQ(map->lookup(SDLK_F9, 0), Command::SpellFocused);
}

TEST(KeyMaps, DefaultsComeFromTheTable) {
  auto map = kiosk::KeyMap::create({}, false);
  ASSERT_TRUE(map);
  EXPECT_EQ(map->lookup(SDLK_DOWN, 0), Command::NextItem);
  EXPECT_EQ(map->lookup(SDLK_TAB, KMOD_LSHIFT), Command::PreviousLink);
  EXPECT_EQ(map->lookup(SDLK_TAB, 0), Command::NextLink);
  EXPECT_EQ(map->lookup(SDLK_p, 0), Command::TextOnly) << "纯文本 has a key";
  EXPECT_EQ(map->lookup(SDLK_EQUALS, KMOD_LSHIFT), Command::ZoomIn) << "+ is Shift+= on US keys";
  EXPECT_FALSE(map->lookup(SDLK_q, KMOD_LCTRL)) << "no quitting a hall kiosk from its keyboard";
  EXPECT_FALSE(map->lookup(SDLK_1, KMOD_LCTRL));
}

TEST(KeyMaps, DeveloperBoardsHaveTheDeveloperKeys) {
  auto map = kiosk::KeyMap::create({}, true);
  ASSERT_TRUE(map);
  EXPECT_EQ(map->lookup(SDLK_q, KMOD_LCTRL), Command::Quit);
  EXPECT_EQ(map->lookup(SDLK_1, KMOD_LCTRL), Command::PlaceVirtualIdCard);
  EXPECT_FALSE(map->lookup(SDLK_q, 0));
}

TEST(KeyMaps, BoardBindingsOverrideTheDefaults) {
  auto map =
      kiosk::KeyMap::create({{"down", {"Keypad 2"}}, {"enter", {"Keypad 5", "Space"}}}, false);
  ASSERT_TRUE(map);
  EXPECT_EQ(map->lookup(SDLK_KP_2, 0), Command::NextItem);
  EXPECT_EQ(map->lookup(SDLK_SPACE, 0), Command::Activate);
  EXPECT_EQ(map->lookup(SDLK_TAB, 0), Command::NextLink) << "defaults remain";
  auto unknown = kiosk::KeyMap::create({{"fly", {"Down"}}}, false);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().technician.find("[keys] fly: unknown command"), std::string::npos);
  auto bad_key = kiosk::KeyMap::create({{"down", {"NoSuchKey"}}}, false);
  ASSERT_FALSE(bad_key);
  EXPECT_NE(bad_key.error().technician.find("unknown key name \"NoSuchKey\""), std::string::npos);
  auto dev = kiosk::KeyMap::create({{"quit", {"F11"}}}, false);
  ASSERT_FALSE(dev) << "a production board cannot bind quit";
}

TEST(KeyMaps, AltChordsNeedAltAndHoldKeysAreNotPresses) {
  const auto chord = kiosk::parse_chord("Ctrl+Alt+S");
  ASSERT_TRUE(chord);
  EXPECT_TRUE(chord->ctrl && chord->alt && !chord->shift && !chord->hold);
  const auto held = kiosk::parse_chord("Hold+Keypad *");
  ASSERT_TRUE(held);
  EXPECT_TRUE(held->hold);
  EXPECT_EQ(held->key, SDLK_KP_MULTIPLY);
  auto map = kiosk::KeyMap::create({{"staff-mode", {"Hold+Keypad 0"}}}, false);
  ASSERT_TRUE(map);
  EXPECT_EQ(map->lookup(SDLK_DOWN, KMOD_LALT), Command::NextItem) << "Alt alone changes nothing";
  EXPECT_EQ(map->lookup(SDLK_b, KMOD_LALT), std::nullopt);
  EXPECT_EQ(map->lookup(SDLK_h, KMOD_LALT), Command::Help) << "Alt+H is not H";
  EXPECT_EQ(map->lookup(SDLK_s, KMOD_LCTRL | KMOD_LALT), Command::StaffMode);
  EXPECT_EQ(map->lookup(SDLK_KP_0, 0), std::nullopt) << "a hold binding is no press binding";
  EXPECT_EQ(map->held(SDLK_KP_0), Command::StaffMode);
  EXPECT_EQ(map->held(SDLK_KP_1), std::nullopt);
}

TEST(KeyMaps, ProductionBoardKeypadLoads) {
  auto r = board::load_profile_file(kiosk_test::source_dir() + "/board/profiles/rk3568-215.toml");
  ASSERT_TRUE(r.profile) << r.error;
  auto map = kiosk::KeyMap::create(r.profile->key_bindings, r.profile->developer_keys);
  ASSERT_TRUE(map) << map.error().technician;
  EXPECT_EQ(map->lookup(SDLK_KP_8, 0), Command::PreviousItem);
  EXPECT_FALSE(map->lookup(SDLK_q, KMOD_LCTRL));
}

}  // namespace
