// kioskd with a board profile it cannot use (a directory, an unreadable file, a value out of
// range, a key bound to an unknown action): it does not exit (systemd would restart it until it
// reboots the kiosk) but shows and says 暂停服务 with the technician's reason, feeds the
// watchdog, writes an unhealthy health report naming the file, answers keys with the sentence
// again and starts no session; SIGTERM ends it with 0. The test plays systemd: a notify socket
// and WATCHDOG_USEC, as in watchdog_test.
#include <SDL_image.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <regex>
#include <string>

#include "kiosk/health.hpp"
#include "kiosk/maintenance_screen.hpp"
#include "test_support.hpp"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string desktop_toml() {
  return read_file(kiosk_test::source_dir() + "/board/profiles/desktop.toml");
}

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

struct Frame {
  int width = 0;
  int height = 0;
  // Pixels far from the background colour (the top-left pixel), in the top 70 % of the frame
  // (the poster) and in the bottom 15 % (the technician's reason).
  long poster_ink = 0;
  long footer_ink = 0;
};

Frame measure(const std::string& png) {
  Frame f;
  SDL_Surface* loaded = IMG_Load(png.c_str());
  if (loaded == nullptr) return f;
  SDL_Surface* s = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGB24, 0);
  SDL_FreeSurface(loaded);
  if (s == nullptr) return f;
  f.width = s->w;
  f.height = s->h;
  const auto* px = static_cast<const Uint8*>(s->pixels);
  auto at = [&](int x, int y, int c) { return static_cast<int>(px[y * s->pitch + x * 3 + c]); };
  for (int y = 0; y < s->h; ++y) {
    for (int x = 0; x < s->w; ++x) {
      int diff = 0;
      for (int c = 0; c < 3; ++c) diff += std::abs(at(x, y, c) - at(0, 0, c));
      if (diff < 300) continue;
      if (y < s->h * 7 / 10) ++f.poster_ink;
      if (y >= s->h * 85 / 100) ++f.footer_ink;
    }
  }
  SDL_FreeSurface(s);
  return f;
}

struct Case {
  const char* name;
  // Writes the profile under `dir` and returns its path.
  std::string (*make)(const std::string& dir);
  // What the reason must hold besides the path (the line and key for a refused value).
  const char* reason;
  bool as_nobody = false;  // kioskd runs as nobody when the test runs as root
};

std::string a_directory(const std::string& dir) {
  fs::create_directories(dir + "/board.toml");
  return dir + "/board.toml";
}

// The profile `kioskctl provision` used to write: 0640 root:root, which kioskd (not root)
// cannot read. Run as root, the test starts kioskd as nobody; otherwise the file is made 000.
std::string unreadable(const std::string& dir) {
  const std::string path = dir + "/board.toml";
  std::ofstream(path) << desktop_toml();
  chmod(path.c_str(), geteuid() == 0 ? 0640 : 0);
  return path;
}

std::string value_out_of_range(const std::string& dir) {
  const std::string path = dir + "/board.toml";
  std::ofstream(path) << std::regex_replace(desktop_toml(), std::regex("zoom_percent = 100"),
                                            "zoom_percent = 900");
  return path;
}

std::string unknown_key_action(const std::string& dir) {
  const std::string path = dir + "/board.toml";
  std::ofstream(path) << desktop_toml() << "\n[keys]\nfly = [\"F5\"]\n";
  return path;
}

void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;  // the test's name in ctest, not 32 bytes of hex
}

class MaintenanceScreen : public ::testing::TestWithParam<Case> {};

TEST_P(MaintenanceScreen, ShowsAndSaysOutOfServiceFeedsTheWatchdogAndStopsWith0) {
  const Case& c = GetParam();
  const std::string dir = fs::absolute(std::string("maintenance-") + c.name).string();
  if (fs::exists(dir)) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) chmod(e.path().c_str(), 0700);
  }
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string board = c.make(dir);

  const std::string socket_path = dir + "/notify.sock";
  const int sock = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(sock, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", socket_path.c_str());
  ASSERT_EQ(bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  timeval tv{0, 100'000};
  setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const bool drop = c.as_nobody && geteuid() == 0;
  if (drop) {  // nobody writes its files here and sends to the socket
    chmod(dir.c_str(), 0777);
    chmod(socket_path.c_str(), 0777);
  }

  const std::string utterances = dir + "/utterances.log";
  const std::string health = dir + "/run/health";
  const std::string shot = dir + "/maintenance.png";
  const std::string out = dir + "/out";
  const std::string log = dir + "/kioskd.log";
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    setenv("NOTIFY_SOCKET", socket_path.c_str(), 1);
    setenv("WATCHDOG_USEC", "1000000", 1);  // 1 s: kioskd pings every 500 ms
    std::freopen(log.c_str(), "w", stderr);
    if (drop && (setgroups(0, nullptr) != 0 || setgid(65534) != 0 || setuid(65534) != 0)) {
      _exit(126);
    }
    // Keys that would start a session, a card: each only brings the sentence again.
    execl(KIOSKD_PATH, KIOSKD_PATH, "--board", board.c_str(), "--video", "offscreen", "--no-speech",
          "--utterance-log", utterances.c_str(), "--health-file", health.c_str(), "--out",
          out.c_str(), "--screenshot", shot.c_str(), "--keys", "enter,down,place-id-card",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // Up (READY=1) and still feeding the watchdog three times after: it stays, it does not exit.
  bool ready = false;
  int pings_after_ready = 0;
  const auto limit = Clock::now() + std::chrono::seconds(30);  // a hung kioskd fails, not hangs
  while (pings_after_ready < 3 && Clock::now() < limit) {
    char buf[512];
    const ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
    if (n <= 0) continue;
    const std::string msg(buf, static_cast<std::size_t>(n));
    if (msg.find("READY=1") != std::string::npos) ready = true;
    if (ready && msg.find("WATCHDOG=1") != std::string::npos) ++pings_after_ready;
  }
  close(sock);
  int status = 0;
  const pid_t still = waitpid(child, &status, WNOHANG);
  EXPECT_EQ(still, 0) << "kioskd exited (status " << status << "): " << read_file(log);
  EXPECT_TRUE(ready) << read_file(log);
  EXPECT_EQ(pings_after_ready, 3) << read_file(log);

  // The health report: unhealthy, the profile part naming the file (and line and key).
  const auto report = kiosk::read_health(health);
  ASSERT_TRUE(report.ok()) << report.error().technician;
  EXPECT_FALSE(report->healthy());
  EXPECT_FALSE(report->profile.ok);
  EXPECT_NE(report->profile.detail.find(board), std::string::npos) << report->profile.detail;
  EXPECT_NE(report->profile.detail.find(c.reason), std::string::npos) << report->profile.detail;
  EXPECT_FALSE(report->readers.ok) << "older readers of the report see it unhealthy too";

  if (still == 0) {
    kill(child, SIGTERM);
    waitpid(child, &status, 0);
  }
  ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
  EXPECT_EQ(WEXITSTATUS(status), 0) << read_file(log);

  // Said when the screen appeared and once for each of the three keys; nothing else (no
  // welcome, no card: no session started).
  const std::string said = read_file(utterances);
  EXPECT_EQ(count(said, "暂停服务。本机正在维护，请到其他自助终端或人工窗口办理。"), 4) << said;
  EXPECT_EQ(count(said, "\n"), 4) << said;
  EXPECT_EQ(said.find(board), std::string::npos) << "the technician's reason is not said";

  // The frame: the poster's large type above, the reason in a line across the bottom.
  const Frame f = measure(shot);
  EXPECT_EQ(f.width, 1920);
  EXPECT_EQ(f.height, 1080);
  EXPECT_GT(f.poster_ink, 40'000) << "暂停服务 and the sentence in large type";
  EXPECT_GT(f.footer_ink, 2'000) << "the technician's reason";
  EXPECT_NE(read_file(log).find("maintenance screen (暂停服务): bad board profile: " + board),
            std::string::npos)
      << read_file(log);
}

// The screen the maintenance screen opens: the refused profile's when it was read, else the
// image's profile's (QEMU's Mesa driver, for one), else a 1920x1080 landscape panel.
TEST(MaintenanceBoard, TakesTheBoardsScreenWhereOneIsKnown) {
  const std::string profiles = kiosk_test::source_dir() + "/board/profiles/";
  const auto qemu = board::load_profile_file(profiles + "qemu-x86.toml");
  ASSERT_TRUE(qemu.profile) << qemu.error;

  const auto refused = kiosk::maintenance_board(qemu.profile, "/nonexistent/board.toml");
  EXPECT_EQ(refused.display.width_px, 1280);
  EXPECT_EQ(refused.display.gl_driver, qemu.profile->display.gl_driver);
  EXPECT_TRUE(refused.content.home.empty()) << "its screen only, never its pages";
  EXPECT_TRUE(refused.staff.pin_hash.empty());

  const auto image = kiosk::maintenance_board(std::nullopt, profiles + "qemu-x86.toml");
  EXPECT_EQ(image.display.width_px, 1280);
  EXPECT_EQ(image.display.video, "kmsdrm");

  const auto safe = kiosk::maintenance_board(std::nullopt, "/nonexistent/board.toml");
  EXPECT_EQ(safe.display.width_px, 1920);
  EXPECT_EQ(safe.display.height_px, 1080);
  EXPECT_GT(safe.display.width_mm, 0);
  EXPECT_EQ(safe.display.video, "auto");
  EXPECT_FALSE(safe.font_families.empty());
}

INSTANTIATE_TEST_SUITE_P(
    UnusableProfiles, MaintenanceScreen,
    ::testing::Values(Case{"directory", a_directory, "cannot open board profile (Is a directory)"},
                      Case{"unreadable", unreadable, "Permission denied", true},
                      Case{"value", value_out_of_range, "zoom_percent"},
                      Case{"keys", unknown_key_action, "fly"}),
    [](const ::testing::TestParamInfo<Case>& param) { return std::string(param.param.name); });

}  // namespace
