// `make run` (scripts/run-kiosk.sh) on a machine where port 8088 is already held: by another
// program the demo gateway moves to a free port and kioskd is pointed at it; by a demo gateway
// that is already running it is reused. Never silently talking to a stranger on 8088.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "demo_gateway.hpp"

namespace {

// A listening socket that is not the gateway (it never answers).
class Stranger {
 public:
  explicit Stranger(int port) : fd_(socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int yes = 1;
    setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listening_ = bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof(a)) == 0 && listen(fd_, 4) == 0;
  }
  ~Stranger() { close(fd_); }
  Stranger(const Stranger&) = delete;
  Stranger& operator=(const Stranger&) = delete;
  bool listening() const { return listening_; }

 private:
  int fd_;
  bool listening_ = false;
};

std::string run_script(const std::string& build, int& rc) {
  const std::string cmd = "cd '" KIOSK_SOURCE_DIR
                          "' && SDL_VIDEODRIVER=offscreen timeout 60 "
                          "scripts/run-kiosk.sh '" +
                          build + "' desktop --video offscreen --frames 1 --no-speech 2>&1";
  std::string out;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return out;
  char buf[4096];
  while (const std::size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  rc = WEXITSTATUS(pclose(pipe));
  return out;
}

TEST(MakeRun, NeverReusesAPortHeldByAnotherProgramButReusesItsOwnGateway) {
  const std::string build = KIOSK_BUILD_DIR;
  {
    Stranger stranger(8088);
    if (!stranger.listening()) GTEST_SKIP() << "port 8088 is in use here; cannot stage the test";
    int rc = -1;
    const std::string out = run_script(build, rc);
    EXPECT_EQ(rc, 0) << out;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(out, m,
                                  std::regex("port 8088 is taken by another program; "
                                             "the demo gateway uses port ([0-9]+)")))
        << out;
    const std::string port = m[1];
    EXPECT_NE(port, "8088");
    // kioskd ran on a copy of the board profile whose home and origin are the new port.
    const std::string profile = build + "/run-desktop-" + port + ".toml";
    EXPECT_NE(out.find("board desktop (" + profile), std::string::npos) << out;
    std::ifstream in(profile);
    const std::string text((std::istreambuf_iterator<char>(in)), {});
    EXPECT_NE(text.find("home = \"http://127.0.0.1:" + port + "/\""), std::string::npos);
    EXPECT_EQ(text.find("127.0.0.1:8088"), std::string::npos);
    EXPECT_NE(out.find("kiosk ready"), std::string::npos) << out;
    std::filesystem::remove(profile);
  }
  {
    kiosk::DemoGateway ours(KIOSK_SOURCE_DIR "/firmware/content");
    if (ours.start(8088) != 8088) GTEST_SKIP() << "port 8088 did not come free again";
    int rc = -1;
    const std::string out = run_script(build, rc);
    EXPECT_EQ(rc, 0) << out;
    EXPECT_NE(out.find("using the demo gateway already running on 127.0.0.1:8088"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("board desktop ("), std::string::npos);
    EXPECT_EQ(out.find("run-desktop-"), std::string::npos) << out;
    EXPECT_NE(out.find("kiosk ready"), std::string::npos) << out;
  }
}

}  // namespace
