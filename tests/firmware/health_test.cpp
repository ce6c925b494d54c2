// The health report kioskd writes and kioskctl / the update confirmation read back: a round
// trip keeps every part, and a missing, non-JSON or old-format file is handled as documented
// in kiosk/health.hpp. Needs only kiosk::platform and GoogleTest.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "kiosk/health.hpp"
#include "kiosk/runtime_paths.hpp"
#include "platform/device_facts.hpp"

namespace {

namespace fs = std::filesystem;

struct HealthFile : ::testing::Test {
  fs::path dir =
      fs::temp_directory_path() / ("kiosk-health-test-" + std::to_string(::getpid()) + "-" +
                                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
  kiosk::RuntimePaths paths{dir.string()};

  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  void write_raw(const std::string& text) {
    std::ofstream out(paths.health());
    out << text;
  }
};

TEST_F(HealthFile, RoundTripKeepsEveryPart) {
  kiosk::HealthReport report;
  report.display = {true, "kmsdrm"};
  report.speech = {false, "into a file (no audio device)"};
  report.readers = {true, "libusb: 1 reader"};
  ASSERT_TRUE(kiosk::write_health(paths.health(), report).ok());
  EXPECT_FALSE(fs::exists(paths.health() + ".new")) << "the temporary file is renamed away";

  const auto back = kiosk::read_health(paths.health());
  ASSERT_TRUE(back.ok()) << back.error().technician;
  EXPECT_TRUE(back->display.ok);
  EXPECT_EQ(back->display.detail, "kmsdrm");
  EXPECT_FALSE(back->speech.ok);
  EXPECT_EQ(back->speech.detail, "into a file (no audio device)");
  EXPECT_TRUE(back->readers.ok);
  EXPECT_EQ(back->readers.detail, "libusb: 1 reader");
  EXPECT_FALSE(back->healthy());

  report.speech.ok = true;
  ASSERT_TRUE(kiosk::write_health(paths.health(), report).ok());
  const auto healthy = kiosk::read_health(paths.health());
  ASSERT_TRUE(healthy.ok()) << healthy.error().technician;
  EXPECT_TRUE(healthy->healthy());
}

TEST_F(HealthFile, StaffFactsRoundTripAndNeverDecideHealthy) {
  kiosk::HealthReport report;
  report.display = {true, "kmsdrm"};
  report.speech = {true, "speaking"};
  report.readers = {true, "libusb: 1 reader"};
  report.staff_called = true;
  report.staff_ack_s = 42;
  report.sessions_today = 17;
  report.network = {false, "no interface up"};
  report.version = "0.1.0";
  report.slot = "B";
  report.uptime_s = 3600;
  report.started_at = 1764556800;
  report.last_errors = {"cannot write /run/kiosk/x", "warning: fonts"};
  ASSERT_TRUE(kiosk::write_health(paths.health(), report).ok());
  const auto back = kiosk::read_health(paths.health());
  ASSERT_TRUE(back.ok()) << back.error().technician;
  EXPECT_TRUE(back->healthy()) << "no network is not an unhealthy kiosk";
  EXPECT_TRUE(back->staff_called);
  EXPECT_EQ(back->staff_ack_s, 42);
  EXPECT_EQ(back->sessions_today, 17);
  EXPECT_FALSE(back->network.ok);
  EXPECT_EQ(back->network.detail, "no interface up");
  EXPECT_EQ(back->version, "0.1.0");
  EXPECT_EQ(back->slot, "B");
  EXPECT_EQ(back->uptime_s, 3600);
  EXPECT_EQ(back->started_at, 1764556800);
  EXPECT_EQ(back->last_errors, report.last_errors);
}

// kioskd on its maintenance screen (the board profile unusable): the profile part says why and
// makes the report unhealthy; a report from before the part had a usable profile.
TEST_F(HealthFile, AnUnusableProfileIsUnhealthyAndOldReportsHadAUsableOne) {
  kiosk::HealthReport report;
  report.display = {true, "kmsdrm"};
  report.speech = {true, "speaking"};
  report.readers = {true, "libusb: 1 reader"};
  EXPECT_TRUE(report.profile.ok) << "a report is made with a usable profile unless told";
  report.profile = {false, "bad board profile: /data/kiosk/board.toml:7: [text] zoom_percent"};
  ASSERT_TRUE(kiosk::write_health(paths.health(), report).ok());
  const auto back = kiosk::read_health(paths.health());
  ASSERT_TRUE(back.ok()) << back.error().technician;
  EXPECT_FALSE(back->profile.ok);
  EXPECT_EQ(back->profile.detail, report.profile.detail);
  EXPECT_FALSE(back->healthy());

  write_raw(R"({"healthy": false, "display": "offscreen", "display_ok": true,
                "speech": "into a file", "speech_ok": false, "readers": "none", "readers_ok": true})");
  const auto old = kiosk::read_health(paths.health());
  ASSERT_TRUE(old.ok()) << old.error().technician;
  EXPECT_TRUE(old->profile.ok);
  EXPECT_EQ(old->profile.detail, "");
  EXPECT_FALSE(old->healthy()) << "still unhealthy for its speech";
}

TEST_F(HealthFile, WriteCreatesTheRuntimeDirectory) {
  const kiosk::RuntimePaths nested{(dir / "run" / "kiosk").string()};
  ASSERT_TRUE(kiosk::write_health(nested.health(), {}).ok());
  EXPECT_TRUE(kiosk::read_health(nested.health()).ok());
}

TEST_F(HealthFile, MissingFileIsAnErrorNamingIt) {
  const auto r = kiosk::read_health(paths.health());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().technician.find(paths.health()), std::string::npos) << r.error().technician;
}

TEST_F(HealthFile, NonJsonFileIsAnError) {
  write_raw("kiosk ready: offscreen\n");
  const auto r = kiosk::read_health(paths.health());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().technician.find("not a health report"), std::string::npos)
      << r.error().technician;

  write_raw("[1, 2, 3]\n");  // JSON, but not an object
  EXPECT_FALSE(kiosk::read_health(paths.health()).ok());
}

TEST_F(HealthFile, OldFormatWithoutPartFlagsTakesTheOverallFlag) {
  write_raw(
      R"({"healthy": true, "display": "offscreen", "speech": "speaking", "readers": "none"})");
  const auto up = kiosk::read_health(paths.health());
  ASSERT_TRUE(up.ok()) << up.error().technician;
  EXPECT_TRUE(up->display.ok);
  EXPECT_TRUE(up->speech.ok);
  EXPECT_TRUE(up->readers.ok);
  EXPECT_EQ(up->display.detail, "offscreen");
  EXPECT_EQ(up->speech.detail, "speaking");
  EXPECT_EQ(up->readers.detail, "none");
  EXPECT_TRUE(up->healthy());

  write_raw(
      R"({"healthy": false, "display": "offscreen", "speech": "speaking", "readers": "none"})");
  const auto down = kiosk::read_health(paths.health());
  ASSERT_TRUE(down.ok()) << down.error().technician;
  EXPECT_FALSE(down->display.ok);
  EXPECT_FALSE(down->speech.ok);
  EXPECT_FALSE(down->readers.ok);
  EXPECT_FALSE(down->healthy());
}

// Found by fuzz_health_report: json::value() threw on a field of another type, and dump()
// threw on a detail that is not UTF-8 (a USB product string), so kioskctl and kioskd aborted.
TEST(HealthText, AFieldOfAnotherTypeIsAnErrorNotAnException) {
  for (const char* text : {R"({"healthy": true, "display": 5})", R"({"healthy": "yes"})",
                           R"({"display_ok": null})", R"({"readers": ["a"]})"}) {
    const auto r = kiosk::parse_health(text, "health");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.error().technician.find("not a health report"), std::string::npos) << text;
  }
  const kiosk::HealthReport all_up{{true, "a"}, {true, "b"}, {true, "c"}};
  const auto up = kiosk::parse_health(kiosk::health_json(all_up), "health");
  ASSERT_TRUE(up.ok()) << up.error().technician;
  EXPECT_TRUE(up->healthy());
}

TEST_F(HealthFile, ADetailThatIsNotUtf8IsWrittenWithReplacementCharacters) {
  kiosk::HealthReport report;
  report.readers = {true, "USB \xFF reader"};
  ASSERT_TRUE(kiosk::write_health(paths.health(), report).ok());
  const auto back = kiosk::read_health(paths.health());
  ASSERT_TRUE(back.ok()) << back.error().technician;
  EXPECT_EQ(back->readers.detail, "USB \xEF\xBF\xBD reader");
  EXPECT_TRUE(back->readers.ok);
}

TEST_F(HealthFile, RuntimePathsNameTheFilesInTheDirectory) {
  const kiosk::RuntimePaths run{kiosk::kDefaultRuntimeDir};
  EXPECT_EQ(run.health(), "/run/kiosk/health");
  EXPECT_EQ(run.pid(), "/run/kiosk/kioskd.pid");
  EXPECT_EQ(run.screenshot(), "/run/kiosk/screenshot.png");
  EXPECT_TRUE(run.enabled());
  EXPECT_FALSE(kiosk::RuntimePaths{}.enabled());
}

TEST_F(HealthFile, TheBootedSlotComesFromTheKernelCommandLine) {
  const std::string cmdline = (dir / "cmdline").string();
  std::ofstream(cmdline) << "root=PARTUUID=1234 rauc.slot=B quiet\n";
  EXPECT_EQ(kiosk::booted_slot(cmdline), "B");
  std::ofstream(cmdline) << "root=/dev/sda2 notrauc.slot=A quiet\n";
  EXPECT_EQ(kiosk::booted_slot(cmdline), "");
  EXPECT_EQ(kiosk::booted_slot((dir / "missing").string()), "");
}

}  // namespace

// What a fleet agent reads (issue 16): the session facts and the repaired pages survive the file.
TEST(HealthText, FleetFactsGoThereAndBack) {
  kiosk::HealthReport report;
  report.citizen_served = true;
  report.audio_sessions_today = 3;
  report.large_type_sessions_today = 5;
  report.touch_sessions_today = 7;
  report.repaired_pages.push_back({"http://127.0.0.1:8088/bad.html", {"label", "alt"}, 2});
  const auto back = kiosk::parse_health(kiosk::health_json(report), "health");
  ASSERT_TRUE(back.ok()) << back.error().technician;
  EXPECT_TRUE(back->citizen_served);
  EXPECT_EQ(back->audio_sessions_today, 3);
  EXPECT_EQ(back->large_type_sessions_today, 5);
  EXPECT_EQ(back->touch_sessions_today, 7);
  ASSERT_EQ(back->repaired_pages.size(), 1U);
  EXPECT_EQ(back->repaired_pages[0].page, "http://127.0.0.1:8088/bad.html");
  EXPECT_EQ(back->repaired_pages[0].missing, (std::vector<std::string>{"label", "alt"}));
  EXPECT_EQ(back->repaired_pages[0].times, 2);
  // An older report has none of them.
  const auto old = kiosk::parse_health(R"({"healthy": true})", "health");
  ASSERT_TRUE(old.ok());
  EXPECT_FALSE(old->citizen_served);
  EXPECT_TRUE(old->repaired_pages.empty());
}
