// No personal data on the wire (issue 16): the real kioskd (headless, the emulated readers)
// serves a scripted session on the demo gateway's appointment form, filled from the synthetic
// ID card, with a phone number typed; the citizen calls for staff, the hall acknowledges, the
// session ends (the idle timeout); the real kiosk agent publishes all along to a real broker.
// A subscriber on kiosk/# records every message: none may hold the name, the ID number or the
// phone, in any spelling (whole, partial digits, UTF-16, JSON-escaped, percent-encoded). The
// control: kioskd held all three (it said so, masked), the recording holds the online, status
// and alert messages of that session, and kioskd said that staff are coming.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <thread>

#include "demo_gateway.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "fleet/fleet_messages.hpp"
#include "fleet_test_support.hpp"
#include "kioskd_process.hpp"
#include "mosquitto_broker.hpp"
#include "synthetic_pii.hpp"
#include "test_support.hpp"

namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

// A field of the card's UCS-2LE record as UTF-8, without its padding.
std::u32string card_field(const std::vector<std::uint8_t>& bytes, std::size_t at, std::size_t n) {
  std::u32string text;
  for (std::size_t i = at; i + 1 < at + n; i += 2) {
    text.push_back(static_cast<char32_t>(bytes[i] | (bytes[i + 1] << 8)));
  }
  while (!text.empty() && text.back() == U' ') text.pop_back();
  return text;
}

std::string json_escaped(const std::u32string& s) {  // \u6d4b\u8bd5 (BMP only: names are)
  std::string out;
  char buf[8];
  for (char32_t c : s) {
    std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
    out += buf;
  }
  return out;
}

std::string percent_encoded(const std::string& utf8) {
  std::string out;
  char buf[4];
  for (unsigned char c : utf8) {
    std::snprintf(buf, sizeof buf, "%%%02X", c);
    out += buf;
  }
  return out;
}

std::string utf16le(const std::string& ascii) {
  std::string out;
  for (char c : ascii) {
    out += c;
    out += '\0';
  }
  return out;
}

struct Pii {
  std::string name;
  std::string id;
  std::string phone;
  std::vector<std::pair<std::string, std::string>> forbidden;  // what, text

  Pii() {
    const auto card = drivers::emulated::synthetic_resident();
    const std::u32string name32 = card_field(card.bytes, 0, 30);
    name = kiosk_test::encode_utf8(name32);
    id = kiosk_test::encode_utf8(card_field(card.bytes, 122, 36));
    const std::uint64_t seed = kiosk_test::fresh_pii_seed();
    phone = "199";  // made up, new for every run
    for (std::size_t i = 0; i < 8; ++i) phone.push_back(kiosk_test::synthetic_id_digit(seed, i));
    forbidden = {{"name", name},
                 {"surname", kiosk_test::encode_utf8(name32.substr(0, 1))},
                 {"name (JSON-escaped)", json_escaped(name32)},
                 {"name (percent-encoded)", percent_encoded(name)},
                 {"ID number", id},
                 {"ID number (UTF-16)", utf16le(id)},
                 {"ID number's first 14 digits", id.substr(0, 14)},
                 {"ID number's birth date", id.substr(6, 8)},
                 {"ID number's middle digits", id.substr(4, 10)},
                 {"phone", phone},
                 {"phone's last eight digits", phone.substr(3)}};
  }
};

bool file_has(const fs::path& path, const std::string& text) {
  std::ifstream in(path);
  const std::string all{std::istreambuf_iterator<char>(in), {}};
  return all.find(text) != std::string::npos;
}

TEST(FleetPrivacy, NoMessageOfAScriptedSessionHoldsPersonalData) {
  auto started = kiosk_test::MosquittoBroker::start();
  if (!started) GTEST_SKIP() << started.error().technician;
  auto& broker = **started;
  fleet_test::TempDir dir("kiosk-fleet-privacy");
  ASSERT_FALSE(dir.path().empty());
  const fs::path run = dir.path() / "run";
  for (const char* d : {"run", "out", "home"}) fs::create_directories(dir.path() / d);
  const fleet::KioskId id{"h1", "k01"};
  const Pii pii;

  fleet::MqttOptions o;
  o.port = broker.port();
  o.client_id = "wiretap";
  auto wire = fleet_test::Recorder::open(o, fleet::topics::kAllHalls);
  ASSERT_TRUE(wire);
  ASSERT_TRUE(wire->link().wait_connected(10s));

  fleet_test::AgentToml t;
  t.port = broker.port();
  t.runtime_dir = run.string();
  std::ofstream(dir.path() / "agent.toml") << fleet_test::agent_toml(t);
  fleet_test::AgentProcess agent(dir.path() / "agent.toml");

  // The demo gateway's appointment form (the card fills the name and ID fields, the phone is
  // typed) on the desktop board; the session ends 40 s after the last key (the shortest a
  // board allows).
  kiosk::DemoGateway gateway(kiosk_test::source_dir() + "/firmware/content");
  const int gateway_port = gateway.start(0);
  ASSERT_GT(gateway_port, 0);
  const std::string base = "http://127.0.0.1:" + std::to_string(gateway_port);
  std::ofstream(dir.path() / "board.toml") << kiosk_test::desktop_board_toml(base, base + "/")
                                           << "\n[session]\nidle_warning_s = 20\nidle_end_s = 40\n";
  const fs::path said = dir.path() / "said.txt";
  kiosk_test::KioskdProcess kioskd(
      {"--board", (dir.path() / "board.toml").string(), "--video", "offscreen", "--no-speech",
       "--out", (dir.path() / "out").string(), "--health-file", (run / "health").string(),
       "--utterance-log", said.string(), "--page", base + "/appointment.html", "--keys",
       "wait-page,place-id-card,wait-card,field,field,field,enter,type:" + pii.phone +
           ",enter,call-staff"},
      {"SDL_VIDEODRIVER=offscreen", "HOME=" + (dir.path() / "home").string(),
       "XDG_CACHE_HOME=" + (dir.path() / "home" / ".cache").string()});
  ASSERT_GT(kioskd.pid(), 0);
  ASSERT_TRUE(kioskd.wait_for("kioskd: script done", 60s)) << kioskd.output();
  EXPECT_NE(kioskd.output().find("card reader: id-card"), std::string::npos) << kioskd.output();

  // The call reaches the hall; the hall acknowledges it.
  const auto alert_message = wire->wait_last(fleet::topics::alert(id), 30s,
                                             [](const auto& m) { return !m.payload.empty(); });
  kioskd.drain();
  ASSERT_TRUE(alert_message) << agent.log() << kioskd.output();
  const auto alert = fleet::parse_alert(alert_message->payload);
  ASSERT_TRUE(alert.ok());
  auto hall = fleet::MqttLink::open(
      [&] {
        fleet::MqttOptions d = o;
        d.client_id = "dashboard-h1";
        return d;
      }(),
      {}, {});
  ASSERT_TRUE(hall.ok());
  ASSERT_TRUE((*hall)->wait_connected(10s));
  const auto mid = (*hall)->publish(fleet::topics::alert_ack(id),
                                    fleet::ack_json({id, alert->id, "dashboard-h1", 0}), 1, false);
  ASSERT_TRUE(mid.ok());
  // kioskd tells the citizen that someone is coming.
  ASSERT_TRUE(fleet_test::eventually(
      [&] {
        kioskd.drain();
        return file_has(said, "工作人员已收到呼叫，正在赶来，请稍候");
      },
      20s))
      << agent.log() << kioskd.output();
  // The citizen leaves: the session ends by itself, the call with it.
  const auto ended = wire->wait_last(fleet::topics::status(id), 90s, [&](const auto& m) {
    kioskd.drain();
    const auto s = fleet::parse_status(m.payload);
    return s && s->health.sessions_today == 1 && !s->health.citizen_served &&
           !s->health.staff_called;
  });
  ASSERT_TRUE(ended) << agent.log() << kioskd.output();
  EXPECT_TRUE(file_has(said, "本次服务已结束"));
  // kioskd held all three during the session: the card filled the form, the phone was typed.
  EXPECT_TRUE(file_has(said, "已为您填写姓名和证件号码"));
  EXPECT_TRUE(file_has(said, "已填写：尾号" + pii.phone.substr(7)));
  kioskd.stop();
  if (std::getenv("KIOSK_TEST_SHOW_SAID") != nullptr) {  // synthetic data only
    std::ifstream in(said);
    std::cout << in.rdbuf();
  }

  // The control: this session's messages are in the recording.
  const auto all = wire->messages();
  int statuses = 0;
  int alerts = 0;
  int online = 0;
  bool served = false;
  for (const auto& m : all) {
    const auto topic = fleet::topics::parse(m.topic);
    if (!topic) continue;
    if (topic->kind == fleet::topics::Kind::Status) {
      ++statuses;
      const auto s = fleet::parse_status(m.payload);
      served = served || (s && s->health.citizen_served && s->health.staff_called);
    }
    if (topic->kind == fleet::topics::Kind::Alert && !m.payload.empty()) ++alerts;
    if (topic->kind == fleet::topics::Kind::Online) ++online;
  }
  EXPECT_TRUE(served) << "a status while the citizen was served and had called";
  EXPECT_GE(statuses, 3);
  EXPECT_GE(alerts, 1);
  EXPECT_GE(online, 1);
  // And nothing personal in any of them (topic or payload).
  std::size_t bytes = 0;
  for (const auto& m : all) {
    bytes += m.topic.size() + m.payload.size();
    for (const auto& [what, text] : pii.forbidden) {
      EXPECT_EQ(m.topic.find(text), std::string::npos) << what << " in a topic: " << m.topic;
      EXPECT_EQ(m.payload.find(text), std::string::npos)
          << what << " on " << m.topic << ": " << m.payload;
    }
  }
  std::cout << "[ wire     ] " << all.size() << " messages, " << bytes << " bytes searched\n";
}

}  // namespace
