// agent.toml: every key checked, errors name the file and line like a board profile's.
#include "fleet/agent_config.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace {

constexpr const char* kGood = R"([kiosk]
hall = "h1"
name = "k01"
[broker]
host = "broker.hall"
ca = "/etc/kiosk/fleet/ca.crt"
cert = "/etc/kiosk/fleet/k01.crt"
key = "/etc/kiosk/fleet/k01.key"
[runtime]
status_every_s = 30
)";

std::string error_of(const std::string& text) {
  const auto c = fleet::parse_agent_config(text, "agent.toml");
  return c ? "" : c.error().technician;
}

TEST(AgentConfig, AGoodFileGivesTheKioskTheBrokerAndTls) {
  const auto c = fleet::parse_agent_config(kGood, "agent.toml");
  ASSERT_TRUE(c.ok()) << c.error().technician;
  EXPECT_EQ(c->id, (fleet::KioskId{"h1", "k01"}));
  EXPECT_EQ(c->mqtt.host, "broker.hall");
  EXPECT_EQ(c->mqtt.port, 8883);  // TLS's port when none is given
  ASSERT_TRUE(c->mqtt.tls.has_value());
  EXPECT_EQ(c->mqtt.tls->cert_file, "/etc/kiosk/fleet/k01.crt");
  EXPECT_EQ(c->mqtt.client_id, "kiosk-h1-k01");
  EXPECT_EQ(c->runtime_dir, "/run/kiosk");
  EXPECT_EQ(c->status_every, std::chrono::seconds(30));
}

TEST(AgentConfig, ErrorsNameTheFileTheLineAndTheKey) {
  std::string text = kGood;
  text.replace(text.find("k01\""), 4, "k/01\"");
  EXPECT_EQ(error_of(text), "agent.toml:3: [kiosk] name: must be 1..32 of [A-Za-z0-9_-]");
  EXPECT_EQ(error_of(std::string(kGood) + "port = 70000\n"),
            "agent.toml:11: [runtime] port: unknown key");
  text = kGood;
  text.replace(text.find("host"), 0, "port = 70000\n");
  EXPECT_EQ(error_of(text), "agent.toml:5: [broker] port: must be a whole number from 1 to 65535");
  text = kGood;
  text.replace(text.find("cert ="), text.find("key =") - text.find("cert ="), "");
  EXPECT_EQ(error_of(text), "agent.toml:4: [broker] ca, cert, key: give all three (TLS) or none");
  EXPECT_EQ(error_of("[kiosk]\nhall = \"h1\"\n"), "agent.toml: [kiosk] name: missing (required)");
  EXPECT_EQ(
      error_of("[fleet]\n"),
      "agent.toml:1: unknown section [fleet] (expected [kiosk], [broker], [runtime] or [rollout])");
  EXPECT_NE(error_of("[kiosk\n").find("agent.toml:1: "), std::string::npos);
  text = kGood;
  text.replace(text.find("\"/etc/kiosk/fleet/ca.crt\""), 25, "\"ca.crt\"");
  EXPECT_EQ(error_of(text), "agent.toml:6: [broker] ca: must be an absolute path");
}

TEST(AgentConfig, WithoutTlsThePlainPort) {
  const auto c = fleet::parse_agent_config(
      "[kiosk]\nhall = \"h1\"\nname = \"k01\"\n[broker]\nhost = \"127.0.0.1\"\n", "agent.toml");
  ASSERT_TRUE(c.ok()) << c.error().technician;
  EXPECT_FALSE(c->mqtt.tls.has_value());
  EXPECT_EQ(c->mqtt.port, 1883);
}

TEST(AgentConfig, TheShippedExampleIsValid) {
  const auto c =
      fleet::load_agent_config(kiosk_test::source_dir() + "/board/system/agent.toml.example");
  ASSERT_TRUE(c.ok()) << c.error().technician;
  EXPECT_TRUE(c->mqtt.tls.has_value());
  EXPECT_EQ(c->mqtt.port, 8883);
}

}  // namespace

// [rollout] (kiosk-rollout): optional; when given, the server and the token file are required,
// the window is checked, and the controller is the kiosk unless named.
TEST(AgentConfig, TheRolloutSectionIsOptionalAndChecked) {
  const auto none = fleet::parse_agent_config(kGood, "agent.toml");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->rollout.has_value());
  const std::string with = std::string(kGood) +
                           "[rollout]\nserver_url = \"https://hawkbit.hall\"\n"
                           "token_file = \"/data/kiosk/fleet/ddi-token\"\n"
                           "local_window = \"22:00-05:00\"\n";
  const auto c = fleet::parse_agent_config(with, "agent.toml");
  ASSERT_TRUE(c.ok()) << c.error().technician;
  ASSERT_TRUE(c->rollout.has_value());
  EXPECT_EQ(c->rollout->server_url, "https://hawkbit.hall");
  EXPECT_EQ(c->rollout->controller_id, "k01");
  EXPECT_EQ(c->rollout->tenant, "DEFAULT");
  EXPECT_EQ(c->rollout->local_window, "22:00-05:00");
  EXPECT_EQ(c->rollout->work_dir, "/data/kiosk-rollout");

  EXPECT_EQ(error_of(std::string(kGood) + "[rollout]\nserver_url = \"https://h\"\n"
                                          "token_file = \"/t\"\nlocal_window = \"late\"\n"),
            "agent.toml:14: [rollout] local_window: must be \"HH:MM-HH:MM\" (e.g. "
            "\"22:00-05:00\")");
  EXPECT_EQ(error_of(std::string(kGood) + "[rollout]\nserver_url = \"ftp://h\"\n"),
            "agent.toml:12: [rollout] server_url: must start with https:// (or http:// on a "
            "test bench)");
  EXPECT_EQ(error_of(std::string(kGood) + "[rollout]\nserver_url = \"https://h\"\n"),
            "agent.toml:11: [rollout] token_file: missing");
  EXPECT_EQ(error_of(std::string(kGood) + "[rollout]\nserver_url = \"https://h\"\n"
                                          "token_file = \"token\"\n"),
            "agent.toml:13: [rollout] token_file: must be an absolute path");
}
