// kioskd as a process: a headless run writes its frame, a bad profile names file, line and key
// (on the maintenance screen), the emulated readers answer a script, bad options print the
// usage, and its main stays small.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "kiosk_harness.hpp"

namespace {

using kiosk_test::run_kioskd;

TEST(Kioskd, HeadlessRunWritesTheFrameAsPng) {
  const std::string png = "kioskd-smoke.png";
  std::filesystem::remove(png);
  std::string out;
  ASSERT_EQ(
      run_kioskd("--frames 1 --page welcome --keys down,tab,zoom-in --screenshot " + png, out), 0)
      << out;
  EXPECT_NE(out.find("video: offscreen"), std::string::npos) << out;
  EXPECT_NE(out.find("capitals"), std::string::npos) << out;
  ASSERT_TRUE(std::filesystem::exists(png));
  EXPECT_GT(std::filesystem::file_size(png), 10000u);
}

// Not an exit (under systemd a reboot loop): the maintenance screen, which --frames ends.
TEST(Kioskd, BadProfileShowsTheMaintenanceScreenWithFileLineAndKey) {
  const std::string path = "bad-board.toml";
  std::ofstream(path) << "[board]\nname = \"x\"\ncompatible = \"y\"\ncolour = 1\n";
  std::string out;
  EXPECT_EQ(run_kioskd("--board ./" + path + " --no-speech --frames 1", out), 0);
  EXPECT_NE(out.find("maintenance screen (暂停服务)"), std::string::npos) << out;
  EXPECT_NE(out.find("bad-board.toml:4: [board] colour: unknown key"), std::string::npos) << out;
}

TEST(Kioskd, EmulatedReaderAnswersTheScript) {
  std::string out;
  ASSERT_EQ(run_kioskd("--frames 1 --page welcome --keys place-id-card,wait-card", out), 0) << out;
  EXPECT_NE(out.find("emulated readers"), std::string::npos) << out;
  EXPECT_NE(out.find("card reader: id-card emulated ID-card reader"), std::string::npos) << out;
  EXPECT_NE(out.find("now showing 已读取居民身份证"), std::string::npos) << out;
  EXPECT_EQ(out.find("310101199001011234"), std::string::npos) << "nothing personal in the log";
}

TEST(Kioskd, UnknownOptionsAndStepsPrintUsage) {
  std::string out;
  EXPECT_EQ(run_kioskd("--frobnicate", out), 1);
  EXPECT_NE(out.find("usage: kioskd"), std::string::npos);
  out.clear();
  EXPECT_EQ(run_kioskd("--keys down,fly", out), 1);
  EXPECT_NE(out.find("unknown step 'fly'"), std::string::npos) << out;
  out.clear();
  EXPECT_EQ(run_kioskd("--help", out), 0);
  EXPECT_NE(out.find("text-only: P"), std::string::npos) << "usage lists the command table";
}

// librime (and boost, ICU, LevelDB with it: 4-5 MB resident) is opened only when the on-screen
// keyboard first shows its pinyin letters: a kioskd showing a page and speaking never loads it.
// The dynamic loader's own log (LD_DEBUG=files) names every library loaded or opened.
TEST(Kioskd, PinyinsLibraryIsNotLoadedUntilTheKeyboardWantsIt) {
  const std::string cmd = "LD_DEBUG=files SDL_VIDEODRIVER=offscreen " + std::string(KIOSKD_PATH) +
                          " --frames 1 --wav /dev/null --page welcome --keys down,tab 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe) != nullptr) out += buf;
  ASSERT_EQ(pclose(pipe), 0) << out;
  ASSERT_NE(out.find("file=libSDL2"), std::string::npos) << "no loader log: " << out.substr(0, 400);
  EXPECT_EQ(out.find("librime"), std::string::npos);
  EXPECT_EQ(out.find("libicu"), std::string::npos);
}

TEST(Kioskd, MainOnlyParsesOptionsAndStartsTheKiosk) {
  std::ifstream main(kiosk_test::source_dir() + "/firmware/kioskd/main.cpp");
  int lines = 0;
  for (std::string l; std::getline(main, l);) ++lines;
  EXPECT_LT(lines, 120);
}

}  // namespace

namespace {

// A page whose links use the old kiosk-internal words: kioskd refuses each like a foreign URL
// and keeps running (the old kiosk aborted on href="control:abc").
TEST(Kioskd, KioskWordsInAPageNeitherCrashNorCommandIt) {
  const std::string page = "hostile-links.html";
  std::ofstream(page) << "<title>恶意页面</title><a href=\"control:abc\">一</a> "
                         "<a href=\"view:zoom-in\">二</a> <a href=\"captcha:x\">三</a> "
                         "<a href=\"control:99999999999999999999\">四</a>";
  std::string out;
  ASSERT_EQ(run_kioskd("--frames 1 --no-speech --page " + page +
                           " --keys tab,enter,tab,enter,tab,enter,tab,enter --screenshot " +
                           "hostile-links.png",
                       out),
            0)
      << out;
  EXPECT_NE(out.find("link refused: control:abc"), std::string::npos) << out;
  EXPECT_NE(out.find("link refused: view:zoom-in"), std::string::npos) << out;
}

}  // namespace

namespace {

// What kioskd says in a scripted run, read from its utterance log (reason, kind, text).
TEST(Kioskd, TheUtteranceLogHoldsWhatWasSaidMasked) {
  const std::string log = "kioskd-said.txt";
  std::filesystem::remove(log);
  std::string out;
  ASSERT_EQ(run_kioskd("--frames 1 --no-speech --page welcome --utterance-log " + log +
                           " --keys down,zoom-in,place-id-card,wait-card,end",
                       out),
            0)
      << out;
  std::ifstream in(log);
  std::vector<std::string> lines;
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  ASSERT_GE(lines.size(), 4u) << out;
  EXPECT_EQ(lines[0].rfind("page\tsay\t政务服务自助终端。", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1].rfind("focus\tsay\t本机支持大字", 0), 0u) << lines[1];
  EXPECT_EQ(lines[2], "setting\tsay\t页面已放大到百分之一百二十五");
  EXPECT_EQ(lines[3], "card\tsay\t已读取居民身份证。测**，证件号码尾号1234。");
  EXPECT_EQ(lines.back(), "session\tsay\t本次服务已结束");
  for (const auto& l : lines) {
    EXPECT_EQ(l.find("310101199001011234"), std::string::npos) << l;
    EXPECT_EQ(l.find("测试甲"), std::string::npos) << l;
  }
}

}  // namespace
