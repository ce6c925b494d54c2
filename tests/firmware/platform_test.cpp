// The platform room: which video backends are tried in which order, and a process that cannot
// dump core (personal data passes through it).
#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "platform/display.hpp"
#include "platform/process_hardening.hpp"

namespace {

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
