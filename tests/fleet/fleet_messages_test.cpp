// The fleet's topics and payloads (firmware/src/fleet/fleet_messages.hpp): what a kiosk's agent
// publishes is what the dashboard reads back, and nothing from the wire can throw or smuggle a
// wildcard into a topic.
#include "fleet/fleet_messages.hpp"

#include <gtest/gtest.h>

namespace {

fleet::KioskId k01() {
  return *fleet::make_kiosk_id("hall-3", "k01");
}

TEST(FleetTopics, NamesAreCheckedAndTopicsParseBack) {
  EXPECT_FALSE(fleet::make_kiosk_id("hall/3", "k01").ok());
  EXPECT_FALSE(fleet::make_kiosk_id("hall-3", "k+").ok());
  EXPECT_FALSE(fleet::make_kiosk_id("", "k01").ok());
  EXPECT_FALSE(fleet::make_kiosk_id("hall", std::string(33, 'k')).ok());
  const auto bad = fleet::make_kiosk_id("hall-3", "k#");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().technician.find("kiosk name"), std::string::npos);

  EXPECT_EQ(fleet::topics::status(k01()), "kiosk/hall-3/k01/status");
  EXPECT_EQ(fleet::topics::online(k01()), "kiosk/hall-3/k01/online");
  EXPECT_EQ(fleet::topics::alert(k01()), "kiosk/hall-3/k01/alert");
  EXPECT_EQ(fleet::topics::alert_ack(k01()), "kiosk/hall-3/k01/alert/ack");
  EXPECT_EQ(fleet::topics::hall("hall-3"), "kiosk/hall-3/#");

  using K = fleet::topics::Kind;
  for (const auto& [topic, kind] : {std::pair{fleet::topics::status(k01()), K::Status},
                                    {fleet::topics::online(k01()), K::Online},
                                    {fleet::topics::alert(k01()), K::Alert},
                                    {fleet::topics::alert_ack(k01()), K::AlertAck}}) {
    const auto parsed = fleet::topics::parse(topic);
    ASSERT_TRUE(parsed) << topic;
    EXPECT_EQ(parsed->id, k01()) << topic;
    EXPECT_EQ(parsed->kind, kind) << topic;
  }
  for (const char* other : {"kiosk/hall-3/k01", "kiosk/hall-3/k01/other", "x/hall-3/k01/status",
                            "kiosk/hall-3/k01/alert/nack", "kiosk/+/k01/status", "",
                            "kiosk/hall-3/k01/status/extra/more"}) {
    EXPECT_FALSE(fleet::topics::parse(other)) << other;
  }
}

TEST(FleetPayloads, StatusAlertAndAckGoThereAndBack) {
  fleet::KioskStatus s{k01(), {}, 1764576000};
  s.health.display = {true, "kmsdrm"};
  s.health.speech = {true, "speaking"};
  s.health.readers = {false, "none"};
  s.health.version = "0.9.0";
  s.health.sessions_today = 12;
  s.health.audio_sessions_today = 4;
  s.health.staff_called = true;
  const auto back = fleet::parse_status(fleet::status_json(s));
  ASSERT_TRUE(back.ok()) << back.error().technician;
  EXPECT_EQ(back->id, k01());
  EXPECT_EQ(back->published_at, 1764576000);
  EXPECT_EQ(back->health.display.detail, "kmsdrm");
  EXPECT_FALSE(back->health.readers.ok);
  EXPECT_FALSE(back->health.healthy());
  EXPECT_EQ(back->health.version, "0.9.0");
  EXPECT_EQ(back->health.sessions_today, 12);
  EXPECT_EQ(back->health.audio_sessions_today, 4);
  EXPECT_TRUE(back->health.staff_called);

  const auto alert = fleet::parse_alert(fleet::alert_json({k01(), 7, 1764576100}));
  ASSERT_TRUE(alert.ok()) << alert.error().technician;
  EXPECT_EQ(alert->kiosk, k01());
  EXPECT_EQ(alert->id, 7);
  EXPECT_EQ(alert->raised_at, 1764576100);

  const auto ack = fleet::parse_ack(fleet::ack_json({k01(), 7, "desk-1", 1764576142}));
  ASSERT_TRUE(ack.ok()) << ack.error().technician;
  EXPECT_EQ(ack->id, 7);
  EXPECT_EQ(ack->by, "desk-1");
  EXPECT_EQ(ack->acked_at, 1764576142);
}

TEST(FleetPayloads, AnythingElseIsAnErrorNotAnException) {
  for (const char* text :
       {"", "null", "[]", "{", R"({"hall": 3, "kiosk": "k01", "id": 1, "raised_at": 1})",
        R"({"hall": "h/1", "kiosk": "k01", "id": 1, "raised_at": 1})",
        R"({"hall": "h", "kiosk": "k01", "id": "1", "raised_at": 1})",
        R"({"hall": "h", "kiosk": "k01", "published_at": 1, "health": []})",
        R"({"hall": "h", "kiosk": "k01", "published_at": 1, "health": {"healthy": "yes"}})"}) {
    EXPECT_FALSE(fleet::parse_status(text).ok()) << text;
    EXPECT_FALSE(fleet::parse_alert(text).ok()) << text;
    EXPECT_FALSE(fleet::parse_ack(text).ok()) << text;
  }
}

}  // namespace
