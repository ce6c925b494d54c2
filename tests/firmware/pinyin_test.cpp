// The pinyin engine over librime by itself: deployment on its own thread (its time is
// reported), letters → candidates, paging, choosing, deleting, and forgetting.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "keyboard/pinyin.hpp"

namespace {

using kiosk::PinyinEngine;

bool offers(const kiosk::PinyinMenu& m, const std::string& text) {
  return std::find(m.candidates.begin(), m.candidates.end(), text) != m.candidates.end();
}

TEST(Pinyin, DeploysOnItsOwnThreadAndTurnsLettersIntoSimplifiedCandidates) {
  // What start-up pays on the UI thread (the first engine of the process starts deploying).
  const auto before = std::chrono::steady_clock::now();
  PinyinEngine engine;
  const auto ui_thread = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - before);
  std::printf("pinyin start-up on the UI thread: %lld us\n",
              static_cast<long long>(ui_thread.count()));
  const auto ready = engine.wait_ready();
  ASSERT_TRUE(ready.ok()) << ready.error().technician;
  EXPECT_TRUE(engine.ready());
  std::printf("pinyin start-up (setup + deploy, background thread): %lld ms\n",
              static_cast<long long>(engine.startup_time().count()));
  RecordProperty("startup_ms", static_cast<int>(engine.startup_time().count()));
  EXPECT_FALSE(engine.composing());
  for (char c : std::string("banli")) EXPECT_EQ(engine.letter(c), "");
  EXPECT_TRUE(engine.composing());
  const auto menu = engine.menu();
  EXPECT_EQ(menu.preedit, "ban li");
  EXPECT_TRUE(offers(menu, "办理")) << "simplified, not 辦理";
  EXPECT_EQ(menu.page, 0);
  EXPECT_LE(menu.candidates.size(), 5u);
  EXPECT_FALSE(menu.last_page);
  ASSERT_TRUE(engine.page(true));
  EXPECT_EQ(engine.menu().page, 1);
  EXPECT_NE(engine.menu().candidates, menu.candidates);
  ASSERT_TRUE(engine.page(false));
  EXPECT_FALSE(engine.page(false)) << "no page before the first";
  const auto at = std::find(menu.candidates.begin(), menu.candidates.end(), "办理");
  EXPECT_EQ(engine.choose(static_cast<int>(at - menu.candidates.begin())), "办理");
  EXPECT_FALSE(engine.composing());
}

TEST(Pinyin, BackspaceDeletesALetterAndForgetDropsTheComposition) {
  PinyinEngine engine;
  ASSERT_TRUE(engine.wait_ready().ok());
  for (char c : std::string("zhengwu")) engine.letter(c);
  EXPECT_TRUE(engine.backspace());
  EXPECT_EQ(engine.menu().preedit, "zheng w");
  EXPECT_EQ(engine.choose_first().empty(), false);
  EXPECT_FALSE(engine.backspace()) << "nothing composed";
  for (char c : std::string("shebao")) engine.letter(c);
  engine.forget();
  EXPECT_FALSE(engine.composing());
  for (const auto& e : std::filesystem::recursive_directory_iterator(engine.user_dir())) {
    EXPECT_EQ(e.path().string().find("userdb"), std::string::npos) << e.path();
  }
  // Usable again by the next citizen.
  for (char c : std::string("ni")) engine.letter(c);
  EXPECT_TRUE(engine.composing());
}

}  // namespace
