// Staged roll-outs through hawkBit's DDI API (issue 16): fleet::Rollout and fleet::DdiClient
// against a DDI stub on loopback (tests/support/ddi_stub) with a fake clock (the `now` handed to
// step) and a fake installer. Each test checks what the server saw: requests, ranges, bytes and
// the feedback, not only what the kiosk says about itself.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "ddi_stub.hpp"
#include "fleet/ddi_client.hpp"
#include "fleet/rollout.hpp"
#include "kiosk/health.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::system_clock;
using kiosk_test::DdiFeedback;
using kiosk_test::DdiStub;
using std::chrono::seconds;

const Clock::time_point t0 = Clock::from_time_t(1'800'000'000);

std::string random_bytes(std::size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng() & 0xff);
  return s;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

class FakeInstaller : public fleet::Installer {
 public:
  fleet::InstallOutcome outcome{true, {}};
  std::vector<std::string> installed;  // the bundle's bytes at the moment of each install
  fleet::InstallOutcome install(const std::string& bundle_path) override {
    installed.push_back(read_file(bundle_path));
    return outcome;
  }
};

// One kiosk: its client, its installer, its health report and its roll-out.
struct Kiosk {
  std::string id;
  fs::path dir;
  FakeInstaller installer;
  std::unique_ptr<fleet::DdiClient> client;
  fleet::RolloutSettings settings;
  std::unique_ptr<fleet::Rollout> rollout;
  int minute = 3 * 60;  // local time of day the fake clock reports

  Kiosk(const DdiStub& stub, std::string controller, const std::string& test,
        std::optional<fleet::LocalWindow> window = {}, std::string token = DdiStub::kToken)
      : id(std::move(controller)) {
    dir = fs::current_path() / "ddi_test_work" / test / id;
    fs::remove_all(dir);
    fs::create_directories(dir);
    client = std::make_unique<fleet::DdiClient>(
        fleet::DdiSettings{stub.url(), DdiStub::kTenant, id, std::move(token), 5, 10, 5, {}});
    fleet::RolloutSettings s;
    s.work_dir = (dir / "downloads").string();
    s.health_file = (dir / "health").string();
    s.local_window = window;
    s.max_download_attempts = 3;
    s.first_retry = seconds(30);
    s.max_retry = seconds(300);
    s.minute_of_day = [this](Clock::time_point) { return minute; };
    settings = s;
    restart();
    citizen(false);
  }
  // The agent process restarts: a new Rollout, the same files.
  void restart() { rollout = std::make_unique<fleet::Rollout>(*client, installer, settings); }
  void citizen(bool served) {
    kiosk::HealthReport r;
    r.display = r.speech = r.readers = {true, "ok"};
    r.citizen_served = served;
    ASSERT_TRUE(kiosk::write_health((dir / "health").string(), r).ok());
  }
  std::vector<fs::path> downloads() const {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir / "downloads", ec)) files.push_back(e.path());
    return files;
  }
};

// The deploymentBase feedback the server received (not cancelAction's).
std::vector<DdiFeedback> deployment_feedback(const DdiStub& stub, const std::string& id) {
  std::vector<DdiFeedback> out;
  for (const auto& f : stub.feedback(id)) {
    if (!f.cancel) out.push_back(f);
  }
  return out;
}

std::string joined(const DdiFeedback& f) {
  std::string s;
  for (const auto& d : f.details) s += d + "; ";
  return s;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// How the tests start the stub: an artifact of `size` random bytes, kiosk k01 in the canary.
std::unique_ptr<DdiStub> stub_with(std::size_t size,
                                   const std::vector<std::vector<std::string>>& groups = {
                                       {"k01"}}) {
  auto stub = DdiStub::start();
  EXPECT_TRUE(stub.ok()) << (stub.ok() ? "" : stub.error().technician);
  if (!stub.ok()) return nullptr;
  (*stub)->set_sleep("00:00:30");
  (*stub)->set_artifact("kiosk-1.6.0.raucb", random_bytes(size, 7), "1.6.0");
  (*stub)->start_rollout(groups);
  return std::move(*stub);
}

TEST(DdiParse, ControllerBaseDeploymentCancelAndFeedbackShapes) {
  EXPECT_EQ(fleet::parse_sleep("12:00:00"), seconds(12 * 3600));
  EXPECT_EQ(fleet::parse_sleep("00:00:30"), seconds(30));
  for (const char* bad : {"", "30", "00:60:00", "00:00:", "a0:00:00", "1:2:3:4", "-1:00:00"}) {
    EXPECT_FALSE(fleet::parse_sleep(bad)) << bad;
  }
  const auto base = fleet::parse_controller_base(
      R"({"config":{"polling":{"sleep":"00:05:00"}},"_links":{"deploymentBase":{"href":
      "https://h/T/controller/v1/c/deploymentBase/5?c=-2127183556"},"configData":{"href":"x"}}})");
  ASSERT_TRUE(base.ok()) << base.error().technician;
  EXPECT_EQ(base->sleep, seconds(300));
  EXPECT_EQ(base->deployment_href, "https://h/T/controller/v1/c/deploymentBase/5?c=-2127183556");
  EXPECT_FALSE(base->cancel_href);
  for (const char* bad : {"", "[]", "{}", R"({"config":{"polling":{"sleep":5}}})",
                          R"({"config":{"polling":{"sleep":"soon"}}})", "{\"config\":"}) {
    EXPECT_FALSE(fleet::parse_controller_base(bad).ok()) << bad;
  }
  // A link that is not http(s) is dropped, never followed.
  const auto odd = fleet::parse_controller_base(
      R"({"config":{"polling":{"sleep":"00:00:10"}},"_links":{"deploymentBase":{"href":"file:///etc/passwd"}}})");
  ASSERT_TRUE(odd.ok());
  EXPECT_FALSE(odd->deployment_href);

  const std::string sha(64, 'a');
  const std::string good = R"({"id":"8","deployment":{"download":"forced","update":"attempt",
      "maintenanceWindow":"unavailable","chunks":[{"part":"os","version":"1.0.79","name":"fw",
      "artifacts":[{"filename":"k.raucb","hashes":{"sha1":"x","md5":"y","sha256":")" +
                           sha +
                           R"("},"size":13,"_links":{"download-http":{"href":"http://h/a"}}}]}]}})";
  const auto d = fleet::parse_deployment(good);
  ASSERT_TRUE(d.ok()) << d.error().technician;
  EXPECT_EQ(d->action_id, "8");
  EXPECT_EQ(d->download, fleet::Handling::Forced);
  EXPECT_EQ(d->update, fleet::Handling::Attempt);
  EXPECT_EQ(d->window, fleet::ServerWindow::Unavailable);
  ASSERT_EQ(d->chunks.size(), 1u);
  ASSERT_EQ(d->chunks[0].artifacts.size(), 1u);
  EXPECT_EQ(d->chunks[0].artifacts[0].size, 13u);
  EXPECT_EQ(d->chunks[0].artifacts[0].href, "http://h/a");
  EXPECT_EQ(d->chunks[0].version, "1.0.79");
  auto broken = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    s.replace(s.find(from), from.size(), to);
    return fleet::parse_deployment(s);
  };
  EXPECT_FALSE(broken(sha, "abc").ok());                           // no real sha256
  EXPECT_FALSE(broken("\"size\":13", "\"size\":-1").ok());         // no size
  EXPECT_FALSE(broken("\"id\":\"8\"", "\"id\":\"8/../x\"").ok());  // an id that is a path
  EXPECT_FALSE(broken("\"forced\"", "\"now\"").ok());
  EXPECT_FALSE(broken("\"unavailable\"", "\"maybe\"").ok());
  EXPECT_FALSE(broken("k.raucb", "../k.raucb").ok());
  EXPECT_FALSE(broken("http://h/a", "ftp://h/a").ok());

  const auto c = fleet::parse_cancel(R"({"id":"11","cancelAction":{"stopId":"11"}})");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->action_id, "11");
  EXPECT_EQ(c->stop_id, "11");
  EXPECT_FALSE(fleet::parse_cancel(R"({"id":"11"})").ok());

  EXPECT_EQ(
      fleet::feedback_json({fleet::Execution::Closed, fleet::Finished::Failure, {"why"}}),
      R"({"status":{"details":["why"],"execution":"closed","result":{"finished":"failure"}}})");

  const auto w = fleet::parse_local_window("22:00-05:00");
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->contains(23 * 60));
  EXPECT_TRUE(w->contains(4 * 60 + 59));
  EXPECT_FALSE(w->contains(5 * 60));
  EXPECT_FALSE(w->contains(14 * 60));
  EXPECT_FALSE(fleet::parse_local_window("22:00"));
  EXPECT_FALSE(fleet::parse_local_window("25:00-05:00"));
}

TEST(DdiRollout, PollsAtTheIntervalTheServerSets) {
  auto stub = stub_with(1000, {});
  ASSERT_TRUE(stub);
  Kiosk k(*stub, "k01", "poll");
  EXPECT_EQ(k.rollout->step(t0), t0 + seconds(30));
  EXPECT_EQ(stub->polls("k01"), 1);
  EXPECT_EQ(k.rollout->step(t0 + seconds(10)), t0 + seconds(30));
  EXPECT_EQ(k.rollout->step(t0 + seconds(29)), t0 + seconds(30));
  EXPECT_EQ(stub->polls("k01"), 1);  // not before the server's sleep
  stub->set_sleep("00:02:00");
  EXPECT_EQ(k.rollout->step(t0 + seconds(30)), t0 + seconds(150));
  EXPECT_EQ(stub->polls("k01"), 2);
  EXPECT_EQ(k.rollout->step(t0 + seconds(100)), t0 + seconds(150));
  EXPECT_EQ(stub->polls("k01"), 2);
  EXPECT_EQ(stub->unauthorized(), 0);

  // A kiosk with the wrong token is refused and waits the unreachable interval, not a storm.
  Kiosk wrong(*stub, "k09", "poll", {}, "not-the-token");
  EXPECT_EQ(wrong.rollout->step(t0), t0 + fleet::RolloutSettings{}.unreachable_poll);
  EXPECT_EQ(stub->unauthorized(), 1);
  EXPECT_TRUE(has(wrong.rollout->status().last_error, "401"));
}

TEST(DdiRollout, DownloadsVerifiesInstallsAndReportsSuccess) {
  const std::size_t size = 300 * 1024;
  auto stub = stub_with(size);
  ASSERT_TRUE(stub);
  Kiosk k(*stub, "k01", "success");
  k.rollout->step(t0);
  ASSERT_EQ(k.installer.installed.size(), 1u);
  EXPECT_EQ(k.installer.installed[0], random_bytes(size, 7));  // the whole bundle, verified
  EXPECT_EQ(stub->artifact_requests(), 1);
  EXPECT_EQ(stub->bytes_served(), size);
  const auto fb = deployment_feedback(*stub, "k01");
  ASSERT_GE(fb.size(), 3u);
  EXPECT_EQ(fb.front().execution, "proceeding");
  EXPECT_EQ(fb.front().action_id, stub->action_of("k01"));
  EXPECT_TRUE(
      std::any_of(fb.begin(), fb.end(), [](const auto& f) { return f.execution == "downloaded"; }));
  EXPECT_EQ(fb.back().execution, "closed");
  EXPECT_EQ(fb.back().finished, "success");
  EXPECT_TRUE(has(joined(fb.back()), "1.6.0"));
  EXPECT_TRUE(k.downloads().empty());  // the bundle is gone once RAUC has it
  EXPECT_EQ(k.rollout->status().phase, fleet::RolloutStatus::Phase::Idle);

  // Closed on the server: later polls bring nothing, nothing is installed twice.
  k.rollout->step(t0 + seconds(30));
  k.rollout->step(t0 + seconds(60));
  EXPECT_EQ(stub->polls("k01"), 3);
  EXPECT_EQ(k.installer.installed.size(), 1u);
  EXPECT_EQ(deployment_feedback(*stub, "k01").size(), fb.size());
}

TEST(DdiRollout, ResumesACutDownloadWithARangeRequest) {
  const std::size_t size = 300 * 1024;
  auto stub = stub_with(size);
  ASSERT_TRUE(stub);
  stub->cut_next_download_after(100000);
  Kiosk k(*stub, "k01", "resume");
  const auto next = k.rollout->step(t0);
  EXPECT_EQ(next, t0 + seconds(30));  // the first retry, before the next poll's due
  EXPECT_TRUE(k.installer.installed.empty());
  EXPECT_EQ(k.rollout->status().phase, fleet::RolloutStatus::Phase::Downloading);
  EXPECT_EQ(k.rollout->status().download_attempts, 1);
  ASSERT_EQ(k.downloads().size(), 1u);
  EXPECT_EQ(fs::file_size(k.downloads()[0]), 100000u);  // kept for the resume

  k.rollout->step(next);
  ASSERT_EQ(stub->ranges_seen().size(), 2u)
      << k.rollout->status().last_error << " / " << k.rollout->status().last_result;
  EXPECT_EQ(stub->ranges_seen()[0], "");
  EXPECT_EQ(stub->ranges_seen()[1], "bytes=100000-");
  EXPECT_EQ(stub->bytes_served(), size);  // not twice
  ASSERT_EQ(k.installer.installed.size(), 1u);
  EXPECT_EQ(k.installer.installed[0], random_bytes(size, 7));
  const auto fb = deployment_feedback(*stub, "k01");
  ASSERT_FALSE(fb.empty());
  EXPECT_EQ(fb.back().finished, "success");
}

TEST(DdiRollout, ARestartedAgentResumesThePartFile) {
  const std::size_t size = 120 * 1024;
  auto stub = stub_with(size);
  ASSERT_TRUE(stub);
  stub->cut_next_download_after(50000);
  Kiosk k(*stub, "k01", "restart");
  k.rollout->step(t0);
  ASSERT_EQ(k.installer.installed.size(), 0u);
  k.restart();
  k.rollout->step(t0 + seconds(5));  // a fresh agent polls at once
  ASSERT_EQ(stub->ranges_seen().size(), 2u);
  EXPECT_EQ(stub->ranges_seen()[1], "bytes=50000-");
  EXPECT_EQ(stub->bytes_served(), size);
  ASSERT_EQ(k.installer.installed.size(), 1u);
  EXPECT_EQ(k.installer.installed[0], random_bytes(size, 7));
}

// A part file whose bytes are not the bundle's (a power cut can leave garbage at its end):
// the sha256 check catches the spliced result and the bundle is fetched whole once more.
TEST(DdiRollout, ACorruptPartFileIsFetchedAgainFromTheStart) {
  const std::size_t size = 64 * 1024;
  auto stub = stub_with(size);
  ASSERT_TRUE(stub);
  Kiosk k(*stub, "k01", "corrupt_part");
  fs::create_directories(k.dir / "downloads");
  std::ofstream(k.dir / "downloads" / (kiosk_test::sha256_hex(random_bytes(size, 7)) + ".raucb"))
      << std::string(1000, 'x');
  Clock::time_point now = t0;
  for (int i = 0; i < 4 && k.installer.installed.empty(); ++i) {
    now = std::max(k.rollout->step(now), now + seconds(1));
  }
  ASSERT_EQ(stub->ranges_seen().size(), 2u);
  EXPECT_EQ(stub->ranges_seen()[0], "bytes=1000-");
  EXPECT_EQ(stub->ranges_seen()[1], "");
  ASSERT_EQ(k.installer.installed.size(), 1u);
  EXPECT_EQ(k.installer.installed[0], random_bytes(size, 7));
  EXPECT_EQ(deployment_feedback(*stub, "k01").back().finished, "success");
}

TEST(DdiRollout, RepeatedCutsBackOffAndStopAtTheCap) {
  auto stub = stub_with(200 * 1024);
  ASSERT_TRUE(stub);
  Kiosk k(*stub, "k01", "cap");
  std::vector<Clock::time_point> tries;
  Clock::time_point now = t0;
  for (int i = 0; i < 20; ++i) {
    stub->cut_next_download_after(10000);  // every request is cut
    const int before = stub->artifact_requests();
    const auto next = k.rollout->step(now);
    if (stub->artifact_requests() > before) tries.push_back(now);
    now = std::max(next, now + seconds(1));
  }
  EXPECT_EQ(stub->artifact_requests(), 3);  // max_download_attempts, then never again
  ASSERT_EQ(tries.size(), 3u);
  EXPECT_EQ(tries[1] - tries[0], seconds(30));  // 30 s, then doubled
  EXPECT_EQ(tries[2] - tries[1], seconds(60));
  const auto fb = deployment_feedback(*stub, "k01");
  ASSERT_FALSE(fb.empty());
  EXPECT_EQ(fb.back().execution, "closed");
  EXPECT_EQ(fb.back().finished, "failure");
  EXPECT_TRUE(has(joined(fb.back()), "after 3 attempts")) << joined(fb.back());
  EXPECT_TRUE(k.installer.installed.empty());
}

TEST(DdiRollout, MissingArtifactFailsOnceWithoutARetryStorm) {
  auto stub = stub_with(4096);
  ASSERT_TRUE(stub);
  stub->set_artifact_missing(true);
  Kiosk k(*stub, "k01", "missing");
  Clock::time_point now = t0;
  for (int i = 0; i < 40; ++i) now = std::max(k.rollout->step(now), now + seconds(1));
  EXPECT_EQ(stub->artifact_requests(), 1);  // a 404 is not retried
  EXPECT_GE(stub->polls("k01"), 10);        // polling goes on at the server's pace
  EXPECT_LE(stub->polls("k01"), 41);
  const auto fb = deployment_feedback(*stub, "k01");
  ASSERT_FALSE(fb.empty());
  EXPECT_EQ(fb.back().execution, "closed");
  EXPECT_EQ(fb.back().finished, "failure");
  EXPECT_TRUE(has(joined(fb.back()), "404")) << joined(fb.back());
  EXPECT_EQ(
      std::count_if(fb.begin(), fb.end(), [](const auto& f) { return f.execution == "closed"; }),
      1);
  EXPECT_TRUE(k.installer.installed.empty());
  EXPECT_TRUE(stub->stopped());
}

TEST(DdiRollout, Sha256MismatchFailsWithTheReasonAndInstallsNothing) {
  auto stub = stub_with(50 * 1024);
  ASSERT_TRUE(stub);
  stub->announce_sha256(kiosk_test::sha256_hex("another bundle"));
  Kiosk k(*stub, "k01", "sha");
  k.rollout->step(t0);
  EXPECT_TRUE(k.installer.installed.empty());
  const auto fb = deployment_feedback(*stub, "k01");
  ASSERT_FALSE(fb.empty());
  EXPECT_EQ(fb.back().execution, "closed");
  EXPECT_EQ(fb.back().finished, "failure");
  EXPECT_TRUE(has(joined(fb.back()), "sha256 mismatch")) << joined(fb.back());
  EXPECT_TRUE(k.downloads().empty());  // the wrong file is not kept
  EXPECT_EQ(stub->artifact_requests(), 1);
}

TEST(DdiRollout, MoreBytesThanAnnouncedAreNeverWrittenAndFail) {
  auto stub = stub_with(64 * 1024);
  ASSERT_TRUE(stub);
  stub->announce_size(20000);  // the server then sends 64 KiB
  Kiosk k(*stub, "k01", "too_large");
  k.rollout->step(t0);
  EXPECT_TRUE(k.installer.installed.empty());
  EXPECT_TRUE(k.downloads().empty());
  const auto fb = deployment_feedback(*stub, "k01");
  ASSERT_FALSE(fb.empty());
  EXPECT_EQ(fb.back().finished, "failure");
  EXPECT_TRUE(has(joined(fb.back()), "more than the announced 20000 bytes")) << joined(fb.back());
}

// The target token goes to the configured server's origin only: an artifact link to another
// host (here "localhost" instead of "127.0.0.1") is fetched without it.
TEST(DdiClient, TokenIsNotSentToAnotherOrigin) {
  auto stub = stub_with(4096);
  ASSERT_TRUE(stub);
  const fs::path dir = fs::current_path() / "ddi_test_work" / "origin";
  fs::remove_all(dir);
  fs::create_directories(dir);
  fleet::DdiClient client({stub->url(), DdiStub::kTenant, "k01", DdiStub::kToken, 5, 10, 5, {}});
  const std::string path =
      "/DEFAULT/controller/v1/k01/softwaremodules/7/artifacts/kiosk-1.6.0.raucb";
  const auto same = client.download(stub->url() + path, (dir / "a").string(), 4096);
  EXPECT_EQ(same.outcome, fleet::DownloadResult::Outcome::Complete) << same.detail;
  EXPECT_EQ(stub->unauthorized(), 0);
  std::string other = stub->url();
  other.replace(other.find("127.0.0.1"), 9, "localhost");
  const auto off = client.download(other + path, (dir / "b").string(), 4096);
  EXPECT_EQ(off.http_status, 401);
  EXPECT_EQ(off.outcome, fleet::DownloadResult::Outcome::Refused);
  EXPECT_EQ(stub->unauthorized(), 1);
  EXPECT_EQ(fs::file_size(dir / "b"), 0u);  // an error page is never written into the bundle
}

TEST(DdiRollout, CancelBeforeInstallIsConfirmedAndNothingIsInstalled) {
  auto stub = stub_with(20 * 1024);
  ASSERT_TRUE(stub);
  stub->set_maintenance_window("unavailable");
  Kiosk k(*stub, "k01", "cancel");
  k.rollout->step(t0);
  EXPECT_EQ(k.rollout->status().phase, fleet::RolloutStatus::Phase::WaitingToInstall);
  ASSERT_EQ(k.downloads().size(), 1u);
  stub->cancel("k01");
  k.rollout->step(t0 + seconds(30));
  std::vector<DdiFeedback> cancels;
  for (const auto& f : stub->feedback("k01")) {
    if (f.cancel) cancels.push_back(f);
  }
  ASSERT_EQ(cancels.size(), 1u);
  EXPECT_EQ(cancels[0].execution, "canceled");
  EXPECT_EQ(cancels[0].action_id, stub->action_of("k01"));
  EXPECT_EQ(k.rollout->status().phase, fleet::RolloutStatus::Phase::Idle);
  EXPECT_TRUE(k.downloads().empty());
  // The window opens later: there is nothing left to install.
  stub->set_maintenance_window("available");
  for (int i = 2; i < 6; ++i) k.rollout->step(t0 + seconds(30 * i));
  EXPECT_TRUE(k.installer.installed.empty());
  for (const auto& f : deployment_feedback(*stub, "k01")) EXPECT_NE(f.execution, "closed");
}

TEST(DdiRollout, ServerMaintenanceWindowClosedDownloadsButWaitsToInstall) {
  auto stub = stub_with(20 * 1024);
  ASSERT_TRUE(stub);
  stub->set_maintenance_window("unavailable");
  Kiosk k(*stub, "k01", "window");
  for (int i = 0; i < 4; ++i) k.rollout->step(t0 + seconds(30 * i));
  EXPECT_TRUE(k.installer.installed.empty());
  EXPECT_EQ(stub->artifact_requests(), 1);  // downloaded once, kept while waiting
  EXPECT_TRUE(has(k.rollout->status().waiting_for, "maintenance window"));
  auto fb = deployment_feedback(*stub, "k01");
  const auto waits =
      std::count_if(fb.begin(), fb.end(), [](const auto& f) { return has(joined(f), "waiting"); });
  EXPECT_EQ(waits, 1);  // said once, not on every poll
  EXPECT_TRUE(
      std::any_of(fb.begin(), fb.end(), [](const auto& f) { return f.execution == "downloaded"; }));
  stub->set_maintenance_window("available");
  k.rollout->step(t0 + seconds(120));
  ASSERT_EQ(k.installer.installed.size(), 1u);
  fb = deployment_feedback(*stub, "k01");
  EXPECT_EQ(fb.back().finished, "success");
}

TEST(DdiRollout, SkipHandlingHoldsTheDownloadOrTheInstall) {
  auto stub = stub_with(8 * 1024);
  ASSERT_TRUE(stub);
  stub->set_handling("skip", "skip");
  Kiosk k(*stub, "k01", "skip");
  k.rollout->step(t0);
  k.rollout->step(t0 + seconds(30));
  EXPECT_EQ(stub->artifact_requests(), 0);  // not even downloaded
  EXPECT_TRUE(has(k.rollout->status().waiting_for, "download handling is skip"));
  stub->set_handling("attempt", "skip");
  k.rollout->step(t0 + seconds(60));
  EXPECT_EQ(stub->artifact_requests(), 1);
  EXPECT_TRUE(k.installer.installed.empty());
  EXPECT_TRUE(has(k.rollout->status().waiting_for, "update handling is skip"));
  stub->set_handling("attempt", "attempt");
  k.rollout->step(t0 + seconds(90));
  EXPECT_EQ(k.installer.installed.size(), 1u);
  EXPECT_EQ(stub->artifact_requests(), 1);
}

TEST(DdiRollout, LocalWindowOfTheHallGatesTheInstall) {
  auto stub = stub_with(8 * 1024);
  ASSERT_TRUE(stub);
  Kiosk k(*stub, "k01", "local", fleet::parse_local_window("22:00-05:00"));
  k.minute = 14 * 60;  // opening hours
  k.rollout->step(t0);
  k.rollout->step(t0 + seconds(30));
  EXPECT_TRUE(k.installer.installed.empty());
  EXPECT_TRUE(has(k.rollout->status().waiting_for, "22:00-05:00"))
      << k.rollout->status().waiting_for;
  k.minute = 23 * 60 + 30;
  k.rollout->step(t0 + seconds(60));
  EXPECT_EQ(k.installer.installed.size(), 1u);
}

TEST(DdiRollout, WaitsWhileACitizenIsServedAndInstallsAfter) {
  auto stub = stub_with(8 * 1024);
  ASSERT_TRUE(stub);
  Kiosk k(*stub, "k01", "citizen");
  k.citizen(true);
  const auto next = k.rollout->step(t0);
  EXPECT_LE(next, t0 + seconds(30));
  k.rollout->step(t0 + seconds(30));
  EXPECT_TRUE(k.installer.installed.empty());
  EXPECT_EQ(k.rollout->status().waiting_for, "a citizen is being served");
  // No report from kioskd at all: it cannot tell, so it does not install either.
  fs::remove(k.dir / "health");
  k.rollout->step(t0 + seconds(40));
  EXPECT_TRUE(k.installer.installed.empty());
  EXPECT_TRUE(has(k.rollout->status().waiting_for, "no health report"));
  k.citizen(false);
  k.rollout->step(t0 + seconds(50));
  EXPECT_EQ(k.installer.installed.size(), 1u);
  EXPECT_EQ(deployment_feedback(*stub, "k01").back().finished, "success");
}

TEST(DdiRollout, RestartsOnceAfterTheInstallWhenNoCitizenIsServed) {
  auto stub = stub_with(8 * 1024);
  ASSERT_TRUE(stub);
  Kiosk k(*stub, "k01", "restart_after");
  int restarts = 0;
  k.settings.restart = [&restarts] { ++restarts; };
  k.restart();
  k.citizen(true);
  k.rollout->step(t0);
  EXPECT_TRUE(k.installer.installed.empty());
  k.citizen(false);
  k.rollout->step(t0 + seconds(5));
  ASSERT_EQ(k.installer.installed.size(), 1u);
  EXPECT_EQ(restarts, 1);  // nobody there: installed, then restarted at once
  k.rollout->step(t0 + seconds(60));
  EXPECT_EQ(restarts, 1);

  // Next time a citizen walks up between the install and the restart: the restart waits.
  auto again = stub_with(8 * 1024);
  ASSERT_TRUE(again);
  Kiosk k2(*again, "k01", "restart_wait");
  k2.settings.restart = [&restarts] { ++restarts; };
  k2.restart();
  struct CitizenArrives : fleet::Installer {
    Kiosk* kiosk = nullptr;
    fleet::InstallOutcome install(const std::string&) override {
      kiosk->citizen(true);
      return {true, {}};
    }
  } arrives;
  arrives.kiosk = &k2;
  k2.rollout = std::make_unique<fleet::Rollout>(*k2.client, arrives, k2.settings);
  const auto next = k2.rollout->step(t0);
  EXPECT_EQ(restarts, 1);
  EXPECT_TRUE(k2.rollout->status().restart_pending);
  EXPECT_LE(next, t0 + seconds(30));
  k2.citizen(false);
  k2.rollout->step(next);
  EXPECT_EQ(restarts, 2);
  EXPECT_FALSE(k2.rollout->status().restart_pending);
}

TEST(DdiRollout, CanaryInstallFailureStopsTheNextGroup) {
  auto stub = stub_with(16 * 1024, {{"k01", "k02"}, {"k03", "k04"}});
  ASSERT_TRUE(stub);
  std::vector<std::unique_ptr<Kiosk>> kiosks;
  for (const char* id : {"k01", "k02", "k03", "k04"}) {
    kiosks.push_back(std::make_unique<Kiosk>(*stub, id, "canary_fail"));
  }
  kiosks[1]->installer.outcome = {false,
                                  "the bundle is signed by a certificate this kiosk "
                                  "does not trust (another CA)"};
  for (int round = 0; round < 6; ++round) {
    for (auto& k : kiosks) k->rollout->step(t0 + seconds(30 * round));
  }
  EXPECT_EQ(kiosks[0]->installer.installed.size(), 1u);
  EXPECT_EQ(kiosks[1]->installer.installed.size(), 1u);
  const auto failed = deployment_feedback(*stub, "k02");
  ASSERT_FALSE(failed.empty());
  EXPECT_EQ(failed.back().execution, "closed");
  EXPECT_EQ(failed.back().finished, "failure");
  EXPECT_TRUE(has(joined(failed.back()), "another CA")) << joined(failed.back());
  EXPECT_TRUE(stub->stopped());
  EXPECT_EQ(stub->groups_open(), 1);
  for (const char* id : {"k03", "k04"}) {
    EXPECT_EQ(stub->polls(id), 6) << id;     // they kept asking ...
    EXPECT_FALSE(stub->assigned(id)) << id;  // ... and were never given the update
    EXPECT_TRUE(stub->feedback(id).empty()) << id;
  }
  EXPECT_TRUE(kiosks[2]->installer.installed.empty());
  EXPECT_TRUE(kiosks[3]->installer.installed.empty());
}

TEST(DdiRollout, CanarySuccessOpensTheNextGroup) {
  auto stub = stub_with(16 * 1024, {{"k01", "k02"}, {"k03", "k04"}});
  ASSERT_TRUE(stub);
  std::vector<std::unique_ptr<Kiosk>> kiosks;
  for (const char* id : {"k01", "k02", "k03", "k04"}) {
    kiosks.push_back(std::make_unique<Kiosk>(*stub, id, "canary_ok"));
  }
  // Group 2 asks first: nothing for it until the canary has succeeded.
  kiosks[2]->rollout->step(t0);
  kiosks[3]->rollout->step(t0);
  EXPECT_FALSE(stub->assigned("k03"));
  EXPECT_EQ(stub->groups_open(), 1);
  kiosks[0]->rollout->step(t0);
  EXPECT_EQ(stub->groups_open(), 1);  // one canary done, the other not yet
  kiosks[1]->rollout->step(t0);
  EXPECT_EQ(stub->groups_open(), 2);
  EXPECT_TRUE(stub->assigned("k03"));
  EXPECT_TRUE(kiosks[2]->installer.installed.empty());
  for (auto& k : kiosks) k->rollout->step(t0 + seconds(30));
  for (auto& k : kiosks) EXPECT_EQ(k->installer.installed.size(), 1u) << k->id;
  EXPECT_EQ(deployment_feedback(*stub, "k04").back().finished, "success");
  EXPECT_FALSE(stub->stopped());
}

// The real installer's mapping of kioskctl's exit status and JSON lines, with a stand-in
// kioskctl script (the RAUC path itself is tested by update_rauc_ab_slots).
TEST(DdiInstaller, KioskctlExitStatusAndReasonBecomeTheOutcome) {
  const fs::path dir = fs::current_path() / "ddi_test_work" / "installer";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path script = dir / "kioskctl";
  const fs::path args = dir / "args";
  auto write_script = [&](const std::string& body) {
    std::ofstream(script) << "#!/bin/sh\necho \"$@\" > '" << args.string() << "'\n" << body;
    fs::permissions(script, fs::perms::owner_all);
  };
  write_script(
      "echo '{\"event\":\"update-refused\",\"reason\":\"the bundle is older than the running "
      "system\"}'\nexit 2\n");
  fleet::KioskctlInstaller installer(script.string(), {"--rauc-conf", "/etc/rauc/x.conf"});
  auto r = installer.install("/var/lib/kiosk/rollout/a.raucb");
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.reason, "the bundle is older than the running system");
  EXPECT_EQ(read_file(args),
            "update install /var/lib/kiosk/rollout/a.raucb --rauc-conf "
            "/etc/rauc/x.conf\n");
  write_script("echo '{\"event\":\"update-installed\"}'\nexit 0\n");
  EXPECT_TRUE(installer.install("/x.raucb").ok);
  write_script("exit 3\n");
  EXPECT_TRUE(has(installer.install("/x.raucb").reason, "RAUC is not installed"));
  fleet::KioskctlInstaller absent((dir / "nothing-here").string());
  EXPECT_FALSE(absent.install("/x.raucb").ok);
}

}  // namespace
