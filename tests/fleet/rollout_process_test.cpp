// kiosk-rollout end to end: the real process, its settings from agent.toml's [rollout], against
// the DDI stub on loopback, installing through a stand-in kioskctl (RAUC itself is tested by
// update_rauc_ab_slots). It waits while a citizen is served, then installs and reports success;
// a token file others can read is refused.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "ddi_stub.hpp"
#include "fleet_test_support.hpp"
#include "kiosk/health.hpp"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

struct Bench {
  fleet_test::TempDir dir{"kiosk-rollout-test"};
  fs::path config = dir.path() / "agent.toml";
  fs::path token = dir.path() / "ddi-token";
  fs::path kioskctl = dir.path() / "kioskctl";
  fs::path installed = dir.path() / "installed";
  fs::path runtime = dir.path() / "run";

  void write(const std::string& server, mode_t token_mode) {
    fs::create_directories(runtime);
    std::ofstream(config) << "[kiosk]\nhall = \"h1\"\nname = \"k01\"\n[broker]\nhost = "
                             "\"127.0.0.1\"\n[runtime]\ndir = \""
                          << runtime.string() << "\"\n[rollout]\nserver_url = \"" << server
                          << "\"\ntoken_file = \"" << token.string() << "\"\nwork_dir = \""
                          << (dir.path() / "work").string() << "\"\n";
    std::ofstream(token) << kiosk_test::DdiStub::kToken << "\n";
    chmod(token.c_str(), token_mode);
    // kioskctl as the installer sees it: records the bundle it was given, exits 0.
    std::ofstream(kioskctl) << "#!/bin/sh\ncp \"$3\" '" << installed.string()
                            << "'\necho '{\"event\":\"update-installed\"}'\n";
    fs::permissions(kioskctl, fs::perms::owner_all);
  }
  void serving(bool citizen) {
    kiosk::HealthReport h{{true, "offscreen"}, {true, "speaking"}, {true, "none"}};
    h.citizen_served = citizen;
    ASSERT_TRUE(kiosk::write_health((runtime / "health").string(), h).ok());
  }
};

bool wait_for(const std::function<bool()>& done, std::chrono::seconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (done()) return true;
    std::this_thread::sleep_for(50ms);
  }
  return done();
}

TEST(RolloutProcess, WaitsForTheCitizenThenInstallsAndReportsSuccess) {
  auto stub = kiosk_test::DdiStub::start();
  ASSERT_TRUE(stub.ok()) << stub.error().technician;
  (*stub)->set_sleep("00:00:01");
  const std::string bundle(300 * 1024, 'b');
  (*stub)->set_artifact("kiosk-1.6.0.raucb", bundle, "1.6.0");
  (*stub)->start_rollout({{"k01"}});
  Bench b;
  b.write((*stub)->url(), 0600);
  b.serving(true);
  fleet_test::AgentProcess rollout(b.config, KIOSK_ROLLOUT_PATH,
                                   {"--no-restart", "--kioskctl", b.kioskctl.string()});
  // Downloaded, then held: a citizen is being served.
  ASSERT_TRUE(wait_for(
      [&] {
        for (const auto& f : (*stub)->feedback("k01")) {
          for (const auto& d : f.details) {
            if (d.find("citizen") != std::string::npos) return true;
          }
        }
        return false;
      },
      30s))
      << rollout.log();
  EXPECT_FALSE(fs::exists(b.installed)) << "installed while a citizen was served";
  b.serving(false);
  ASSERT_TRUE(wait_for(
      [&] {
        const auto f = (*stub)->feedback("k01");
        return !f.empty() && f.back().finished == "success";
      },
      30s))
      << rollout.log();
  std::ifstream in(b.installed, std::ios::binary);
  const std::string got((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(got, bundle) << "kioskctl got the verified bundle";
  EXPECT_EQ((*stub)->bytes_served(), bundle.size());
}

TEST(RolloutProcess, ATokenOthersCanReadIsRefused) {
  auto stub = kiosk_test::DdiStub::start();
  ASSERT_TRUE(stub.ok()) << stub.error().technician;
  Bench b;
  b.write((*stub)->url(), 0644);
  fleet_test::AgentProcess rollout(b.config, KIOSK_ROLLOUT_PATH, {"--no-restart"});
  ASSERT_TRUE(wait_for([&] { return rollout.log().find("0600") != std::string::npos; }, 10s))
      << rollout.log();
  EXPECT_EQ((*stub)->polls("k01"), 0);
}

}  // namespace
