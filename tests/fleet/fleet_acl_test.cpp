// The hall's broker as scripts/fleet-pki.sh sets it up (a real mosquitto, TLS on loopback):
// a kiosk with its certificate publishes and the hall's dashboard reads it; a client without a
// certificate of the hall's CA cannot connect; a kiosk cannot publish into another kiosk's or
// another hall's topics (the broker drops it: nobody receives it); the kiosk agent connects
// with its agent.toml's certificate.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>

#include "fleet/fleet_messages.hpp"
#include "fleet_test_support.hpp"
#include "kiosk/health.hpp"
#include "mosquitto_broker.hpp"
#include "test_support.hpp"

namespace {

using namespace std::chrono_literals;
using fleet_test::Recorder;
namespace fs = std::filesystem;

bool run(const std::string& command) {
  return std::system((command + " > /dev/null 2>&1").c_str()) == 0;
}

class FleetBroker : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!run("command -v openssl")) GTEST_SKIP() << "openssl is not installed";
    ASSERT_FALSE(dir_.path().empty());
    pki_ = dir_.path() / "pki";
    const std::string script = kiosk_test::source_dir() + "/scripts/fleet-pki.sh";
    const std::string p = pki_.string();
    for (const std::string& args :
         {"ca " + p, "broker " + p + " 127.0.0.1", "kiosk " + p + " h1 k01",
          "kiosk " + p + " h1 k02", "kiosk " + p + " h2 k03", "dashboard " + p + " h1 dash-h1",
          "dashboard " + p + " h2 dash-h2"}) {
      ASSERT_TRUE(run("bash " + script + " " + args)) << "fleet-pki.sh " << args;
    }
    // Another CA's certificate with a kiosk's name: what a stranger could make.
    ASSERT_TRUE(run("bash " + script + " ca " + (dir_.path() / "rogue").string()));
    ASSERT_TRUE(run("bash " + script + " kiosk " + (dir_.path() / "rogue").string() + " h1 k01"));
    // mosquitto started as root reads its files as the mosquitto user, as on the hall's server
    // (where broker.key is given to that user).
    fs::permissions(dir_.path(), fs::perms::owner_all | fs::perms::group_read |
                                     fs::perms::group_exec | fs::perms::others_read |
                                     fs::perms::others_exec);
    fs::permissions(pki_ / "broker.key", fs::perms::others_read, fs::perm_options::add);
    const std::string conf = dir_.path().string() + "/listener.conf";
    ASSERT_TRUE(std::system(("bash " + script + " mosquitto-conf " + p + " > " + conf).c_str()) ==
                0);
    std::ifstream in(conf);
    const std::string listener{std::istreambuf_iterator<char>(in), {}};
    for (const char* line :
         {"require_certificate true", "use_identity_as_username true", "acl_file "}) {
      ASSERT_NE(listener.find(line), std::string::npos) << line;
    }
    auto started = kiosk_test::MosquittoBroker::start(listener);
    if (!started) GTEST_SKIP() << started.error().technician;
    broker_ = std::move(*started);
  }

  fleet::MqttOptions as(const std::string& name, const fs::path& pki) const {
    fleet::MqttOptions o;
    o.port = broker_->port();
    o.client_id = name;
    o.tls = fleet::MqttTls{(pki_ / "ca.crt").string(), (pki / (name + ".crt")).string(),
                           (pki / (name + ".key")).string()};
    return o;
  }
  fleet::MqttOptions as(const std::string& name) const { return as(name, pki_); }

  // Published and acknowledged by the broker (which acknowledges what its ACL drops, too).
  static void publish(fleet::MqttLink& link, const std::string& topic, const std::string& text) {
    const auto mid = link.publish(topic, text, 1, false);
    ASSERT_TRUE(mid.ok()) << mid.error().technician;
    ASSERT_TRUE(link.wait_delivered(*mid, 5s)) << topic;
  }
  static bool saw(const Recorder& r, const std::string& payload) {
    for (const auto& m : r.messages()) {
      if (m.payload == payload) return true;
    }
    return false;
  }
  static bool wait_for(const Recorder& r, const std::string& payload) {
    return r.wait(
        [&](const auto& all) {
          for (const auto& m : all) {
            if (m.payload == payload) return true;
          }
          return false;
        },
        10s);
  }

  fleet_test::TempDir dir_{"kiosk-fleet-pki"};
  fs::path pki_;
  std::unique_ptr<kiosk_test::MosquittoBroker> broker_;
};

TEST_F(FleetBroker, AKioskWithItsCertificatePublishesAndItsHallReadsIt) {
  auto hall = Recorder::open(as("dash-h1"), "kiosk/h1/#");
  ASSERT_TRUE(hall);
  ASSERT_TRUE(hall->link().wait_connected(10s)) << hall->link().last_error() << broker_->log();
  auto k01 = fleet::MqttLink::open(as("k01"), {}, {});
  ASSERT_TRUE(k01.ok()) << k01.error().technician;
  ASSERT_TRUE((*k01)->wait_connected(10s)) << (*k01)->last_error() << broker_->log();
  publish(**k01, "kiosk/h1/k01/status", "k01 is fine");
  EXPECT_TRUE(wait_for(*hall, "k01 is fine"));
  // The dashboard's acknowledgement reaches the kiosk it is for, and only that one: k02 asks
  // for every kiosk's acknowledgements and is given its own.
  auto k01_acks = Recorder::open(as("k01"), "kiosk/h1/k01/alert/ack");
  auto k02_acks = Recorder::open(as("k02"), "kiosk/h1/+/alert/ack");
  ASSERT_TRUE(k01_acks && k02_acks);
  const auto sent_until = [&](const Recorder& to, const std::string& topic,
                              const std::string& text) {
    // Not retained: sent again until the subscription (made on connecting) is in place.
    return fleet_test::eventually(
        [&] {
          publish(hall->link(), topic, text);
          return saw(to, text);
        },
        10s);
  };
  ASSERT_TRUE(sent_until(*k01_acks, "kiosk/h1/k01/alert/ack", "ack for k01"));
  ASSERT_TRUE(sent_until(*k02_acks, "kiosk/h1/k02/alert/ack", "ack for k02"));
  EXPECT_FALSE(saw(*k02_acks, "ack for k01"));
}

TEST_F(FleetBroker, ClientsWithoutTheHallsCertificateCannotConnect) {
  fleet::MqttOptions plain;  // no TLS at all
  plain.port = broker_->port();
  auto no_tls = fleet::MqttLink::open(plain, {}, {});
  ASSERT_TRUE(no_tls.ok());
  // Another CA's certificate, even with a kiosk's name.
  auto rogue = fleet::MqttLink::open(as("k01", dir_.path() / "rogue"), {}, {});
  ASSERT_TRUE(rogue.ok()) << rogue.error().technician;
  for (auto* link : {no_tls->get(), rogue->get()}) {
    // Refused (an attempt ended in an error), and never connected.
    EXPECT_TRUE(fleet_test::eventually([&] { return !link->last_error().empty(); }, 15s));
    EXPECT_FALSE(link->connected());
  }
}

TEST_F(FleetBroker, AKioskCannotPublishIntoAnotherKiosksOrHallsTopics) {
  auto hall1 = Recorder::open(as("dash-h1"), "kiosk/h1/#");
  auto hall2 = Recorder::open(as("dash-h2"), "kiosk/h2/#");
  ASSERT_TRUE(hall1 && hall2);
  ASSERT_TRUE(hall1->link().wait_connected(10s) && hall2->link().wait_connected(10s));
  auto k01 = fleet::MqttLink::open(as("k01"), {}, {});
  auto k03 = fleet::MqttLink::open(as("k03"), {}, {});
  ASSERT_TRUE(k01.ok() && k03.ok());
  ASSERT_TRUE((*k01)->wait_connected(10s) && (*k03)->wait_connected(10s)) << broker_->log();
  // Subscriptions are in place once each dashboard sees its own hall's first message.
  publish(**k01, "kiosk/h1/k01/status", "ready 1");
  publish(**k03, "kiosk/h2/k03/status", "ready 2");
  ASSERT_TRUE(wait_for(*hall1, "ready 1") && wait_for(*hall2, "ready 2"));

  publish(**k01, "kiosk/h1/k02/status", "forged k02 status");
  publish(**k01, "kiosk/h1/k02/alert", "forged k02 alert");
  publish(**k01, "kiosk/h2/k03/status", "forged other hall");
  publish(**k01, "kiosk/h2/k01/status", "k01 in another hall");
  // Markers after the forgeries (each already acknowledged, so handled before these): once a
  // dashboard has its marker, anything forged would have reached it before.
  publish(**k01, "kiosk/h1/k01/status", "marker 1");
  publish(**k03, "kiosk/h2/k03/status", "marker 2");
  ASSERT_TRUE(wait_for(*hall1, "marker 1"));
  ASSERT_TRUE(wait_for(*hall2, "marker 2"));
  for (const char* forged :
       {"forged k02 status", "forged k02 alert", "forged other hall", "k01 in another hall"}) {
    EXPECT_FALSE(saw(*hall1, forged)) << forged;
    EXPECT_FALSE(saw(*hall2, forged)) << forged;
  }
  // A dashboard reads its own hall only.
  EXPECT_FALSE(saw(*hall1, "ready 2"));
  EXPECT_FALSE(saw(*hall2, "ready 1"));
}

TEST_F(FleetBroker, TheAgentConnectsWithTheCertificateInItsSettings) {
  auto hall = Recorder::open(as("dash-h1"), "kiosk/h1/#");
  ASSERT_TRUE(hall);
  const fs::path run_dir = dir_.path() / "run";
  fs::create_directories(run_dir);
  kiosk::HealthReport r;
  r.display = {true, "offscreen"};
  ASSERT_TRUE(kiosk::write_health((run_dir / "health").string(), r).ok());
  fleet_test::AgentToml t;
  t.port = broker_->port();
  t.runtime_dir = run_dir.string();
  t.ca = (pki_ / "ca.crt").string();
  t.cert = (pki_ / "k01.crt").string();
  t.key = (pki_ / "k01.key").string();
  const fs::path config = dir_.path() / "agent.toml";
  std::ofstream(config) << fleet_test::agent_toml(t);
  fleet_test::AgentProcess agent(config);
  const auto status = hall->wait_last("kiosk/h1/k01/status", 15s);
  ASSERT_TRUE(status) << agent.log() << broker_->log();
  EXPECT_TRUE(fleet::parse_status(status->payload).ok());
  EXPECT_TRUE(hall->wait_last("kiosk/h1/k01/online", 5s));
}

}  // namespace
