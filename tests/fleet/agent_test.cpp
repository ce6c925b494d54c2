// The kiosk agent (a real kiosk-agent process) against a real mosquitto on loopback, with a
// health report written the way kioskd writes it: the retained status reaches a subscriber who
// comes later and follows the report, a call for staff raises an alert that the hall's
// acknowledgement clears (and hands to kioskd as the staff-ack file), and a killed agent is
// reported "offline" by the broker's last will.
#include <gtest/gtest.h>

#include <fstream>

#include "fleet/agent_config.hpp"
#include "fleet/fleet_messages.hpp"
#include "fleet_test_support.hpp"
#include "kiosk/health.hpp"
#include "kiosk/runtime_paths.hpp"
#include "mosquitto_broker.hpp"

namespace {

using namespace std::chrono_literals;
using fleet_test::AgentProcess;
using fleet_test::Recorder;

kiosk::HealthReport report(int sessions, bool staff_called) {
  kiosk::HealthReport r;
  r.display = {true, "offscreen"};
  r.speech = {true, "speaking"};
  r.readers = {true, "emulated"};
  r.version = "1.2.3";
  r.slot = "A";
  r.sessions_today = sessions;
  r.staff_called = staff_called;
  r.started_at = 1000;
  r.audio_sessions_today = 1;
  return r;
}

class AgentOnBroker : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = kiosk_test::MosquittoBroker::start();
    if (!started) GTEST_SKIP() << started.error().technician;
    broker_ = std::move(*started);
    ASSERT_FALSE(dir_.path().empty());
    runtime_ = kiosk::RuntimePaths{(dir_.path() / "run").string()};
    std::filesystem::create_directories(runtime_.dir);
    write(report(0, false));
    fleet_test::AgentToml t;
    t.port = broker_->port();
    t.runtime_dir = runtime_.dir;
    config_ = dir_.path() / "agent.toml";
    std::ofstream(config_) << fleet_test::agent_toml(t);
    options_.port = broker_->port();
  }
  void write(const kiosk::HealthReport& r) {
    ASSERT_TRUE(kiosk::write_health(runtime_.health(), r).ok());
  }
  std::unique_ptr<Recorder> subscriber(const std::string& name) {
    fleet::MqttOptions o = options_;
    o.client_id = name;
    return Recorder::open(o, "kiosk/#");
  }
  static bool status_with(const fleet::MqttMessage& m, int sessions) {
    const auto s = fleet::parse_status(m.payload);
    return s && s->health.sessions_today == sessions;
  }

  const fleet::KioskId id_{"h1", "k01"};
  fleet_test::TempDir dir_{"kiosk-agent"};
  kiosk::RuntimePaths runtime_;
  std::filesystem::path config_;
  std::unique_ptr<kiosk_test::MosquittoBroker> broker_;
  fleet::MqttOptions options_;
};

TEST_F(AgentOnBroker, StatusIsRetainedAndFollowsTheHealthReport) {
  AgentProcess agent(config_);
  // The agent published before this subscriber came: the broker kept the last of each.
  {
    auto early = subscriber("early");
    ASSERT_TRUE(early);
    ASSERT_TRUE(early->wait_last(fleet::topics::status(id_), 10s)) << agent.log();
  }
  auto later = subscriber("later");
  ASSERT_TRUE(later);
  const auto online = later->wait_last(fleet::topics::online(id_), 10s);
  ASSERT_TRUE(online) << agent.log();
  EXPECT_EQ(online->payload, fleet::kOnline);
  EXPECT_TRUE(online->retained);
  const auto first = later->wait_last(fleet::topics::status(id_), 10s);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->retained);
  const auto status = fleet::parse_status(first->payload);
  ASSERT_TRUE(status.ok()) << status.error().technician;
  EXPECT_EQ(status->id, id_);
  EXPECT_EQ(status->health.version, "1.2.3");
  EXPECT_EQ(status->health.slot, "A");
  EXPECT_EQ(status->health.audio_sessions_today, 1);
  EXPECT_TRUE(status->health.healthy());
  // Uptime as of publishing, from when kioskd started (not the report's stale figure).
  EXPECT_EQ(status->health.uptime_s, status->published_at - 1000);

  write(report(3, false));  // kioskd rewrote its report
  const auto updated = later->wait_last(fleet::topics::status(id_), 10s,
                                        [](const auto& m) { return status_with(m, 3); });
  ASSERT_TRUE(updated) << agent.log();

  // kioskd gone (its report too): the hall sees the kiosk out of order, and why.
  std::filesystem::remove(runtime_.health());
  const auto gone = later->wait_last(fleet::topics::status(id_), 10s, [](const auto& m) {
    const auto s = fleet::parse_status(m.payload);
    return s && !s->health.display.ok;
  });
  ASSERT_TRUE(gone) << agent.log();
  EXPECT_NE(fleet::parse_status(gone->payload)->health.display.detail.find("no health report"),
            std::string::npos);
}

TEST_F(AgentOnBroker, ACallRaisesAnAlertThatTheHallsAcknowledgementClears) {
  AgentProcess agent(config_);
  auto hall = subscriber("dashboard-h1");
  ASSERT_TRUE(hall);
  ASSERT_TRUE(hall->wait_last(fleet::topics::status(id_), 10s)) << agent.log();

  write(report(1, true));  // a citizen pressed 呼叫
  const auto raised = hall->wait_last(fleet::topics::alert(id_), 10s,
                                      [](const auto& m) { return !m.payload.empty(); });
  ASSERT_TRUE(raised) << agent.log();
  const auto alert = fleet::parse_alert(raised->payload);
  ASSERT_TRUE(alert.ok()) << alert.error().technician;
  EXPECT_EQ(alert->kiosk, id_);
  EXPECT_EQ(alert->id, 1);

  // An acknowledgement of another call changes nothing.
  const auto ack = [&](long id) {
    const auto mid =
        hall->link().publish(fleet::topics::alert_ack(id_),
                             fleet::ack_json({id_, id, "dashboard-h1", 1700000000}), 1, false);
    ASSERT_TRUE(mid.ok());
    ASSERT_TRUE(hall->link().wait_delivered(*mid, 5s));
  };
  ack(7);
  // The staff desk acknowledges the open one: kioskd's hand-over file, and the alert cleared.
  ack(1);
  ASSERT_TRUE(
      fleet_test::eventually([&] { return std::filesystem::exists(runtime_.staff_ack()); }, 10s))
      << agent.log();
  ASSERT_TRUE(hall->wait_last(fleet::topics::alert(id_), 10s, [](const auto& m) {
    return m.payload.empty();
  })) << agent.log();
  EXPECT_NE(agent.log().find("acknowledgement of alert 7 ignored"), std::string::npos)
      << agent.log();
  std::ifstream in(runtime_.staff_ack());  // the file names the call acknowledged
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "1");

  // The call ends at the kiosk (staff arrived, or the citizen left); the next is alert 2.
  write(report(1, false));
  ASSERT_TRUE(hall->wait_last(fleet::topics::status(id_), 10s, [](const auto& m) {
    const auto s = fleet::parse_status(m.payload);
    return s && !s->health.staff_called;
  }));
  write(report(2, true));
  const auto second = hall->wait_last(fleet::topics::alert(id_), 10s, [](const auto& m) {
    const auto a = fleet::parse_alert(m.payload);
    return a && a->id == 2;
  });
  ASSERT_TRUE(second) << agent.log();
  // Cleared at the kiosk, without an acknowledgement.
  write(report(2, false));
  const auto closed = hall->wait_last(fleet::topics::alert(id_), 10s,
                                      [](const auto& m) { return m.payload.empty(); });
  ASSERT_TRUE(closed) << agent.log();
}

TEST_F(AgentOnBroker, AKilledAgentIsReportedOfflineByItsWill) {
  auto hall = subscriber("dashboard-h1");
  ASSERT_TRUE(hall);
  AgentProcess agent(config_);
  ASSERT_TRUE(hall->wait_last(fleet::topics::online(id_), 10s, [](const auto& m) {
    return m.payload == fleet::kOnline;
  })) << agent.log();
  agent.kill_hard();
  // The socket closes with the process (or, on a lost link, keepalive_s = 5 runs out).
  const auto will = hall->wait_last(fleet::topics::online(id_), 20s,
                                    [](const auto& m) { return m.payload == fleet::kOffline; });
  ASSERT_TRUE(will);
  // A later subscriber learns it too: the will is retained.
  auto later = subscriber("later");
  ASSERT_TRUE(later);
  const auto kept = later->wait_last(fleet::topics::online(id_), 10s);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->payload, fleet::kOffline);
}

TEST_F(AgentOnBroker, AStoppedAgentSaysOfflineItself) {
  // A long keepalive: the "offline" seen below cannot be the broker's will.
  fleet_test::AgentToml t;
  t.port = broker_->port();
  t.runtime_dir = runtime_.dir;
  t.keepalive_s = 300;
  std::ofstream(config_) << fleet_test::agent_toml(t);
  auto hall = subscriber("dashboard-h1");
  ASSERT_TRUE(hall);
  {
    AgentProcess agent(config_);
    ASSERT_TRUE(hall->wait_last(fleet::topics::online(id_), 10s, [](const auto& m) {
      return m.payload == fleet::kOnline;
    })) << agent.log();
  }  // SIGTERM: a clean disconnect, after which the broker would send no will
  const auto offline = hall->wait_last(fleet::topics::online(id_), 10s,
                                       [](const auto& m) { return m.payload == fleet::kOffline; });
  ASSERT_TRUE(offline);
}

}  // namespace
