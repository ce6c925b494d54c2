// HallBoard without a broker: the messages a dashboard can be sent, in the orders they can come
// (a retained call delivered again after a reconnection, another dashboard answering first, a
// kiosk clearing its call), and a page that shows what kiosks wrote without running it.
#include <gtest/gtest.h>

#include "fleet/dashboard_page.hpp"
#include "fleet/dashboard_state.hpp"

namespace {

const fleet::KioskId kK1{"hall1", "k1"};

fleet::MqttMessage alert(long id, long raised_at) {
  return {fleet::topics::alert(kK1), fleet::alert_json(fleet::StaffAlert{kK1, id, raised_at}),
          true};
}

fleet::MqttMessage ack(long id, const std::string& by, long at) {
  return {fleet::topics::alert_ack(kK1), fleet::ack_json(fleet::AlertAck{kK1, id, by, at}), false};
}

TEST(HallBoard, ACallAnsweredElsewhereIsAnsweredHereAndItsRetainedCopyDoesNotReopenIt) {
  fleet::HallBoard board;
  board.apply(alert(7, 1000));
  ASSERT_TRUE(board.open_alert(kK1).has_value());
  board.apply(ack(6, "other-desk", 1010));  // an older call's ack: not this one
  ASSERT_TRUE(board.open_alert(kK1).has_value());
  board.apply(ack(7, "other-desk", 1042));
  EXPECT_FALSE(board.open_alert(kK1).has_value());
  const auto snap = board.snapshot();
  ASSERT_EQ(snap.kiosks.size(), 1u);
  ASSERT_TRUE(snap.kiosks[0].answered.has_value());
  EXPECT_EQ(snap.kiosks[0].answered->ack.by, "other-desk");
  EXPECT_EQ(snap.kiosks[0].answered->waited_s(), 42);
  // The broker hands the retained call out again after a reconnection: still answered.
  board.apply(alert(7, 1000));
  EXPECT_FALSE(board.open_alert(kK1).has_value());
  // Our own acknowledgement of it now changes nothing.
  EXPECT_FALSE(board.acknowledge(fleet::AlertAck{kK1, 7, "hall1-desk", 1050}));
  // The kiosk's next call opens again; the kiosk clearing it closes it unanswered.
  board.apply(alert(8, 1100));
  EXPECT_TRUE(board.open_alert(kK1).has_value());
  board.apply({fleet::topics::alert(kK1), "", false});
  EXPECT_FALSE(board.open_alert(kK1).has_value());
  EXPECT_EQ(board.snapshot().kiosks[0].answered->alert.id, 7);
}

TEST(HallBoard, OnlyTheTwoOnlineWordsCountAndOtherTopicsAreIgnored) {
  fleet::HallBoard board;
  board.apply({fleet::topics::online(kK1), "maybe", true});
  EXPECT_EQ(board.snapshot().bad_messages, 1);
  board.apply({fleet::topics::online(kK1), fleet::kOffline, true});
  EXPECT_EQ(board.snapshot().kiosks.at(0).online, false);
  const long version = board.snapshot().version;
  board.apply({"weather/hall1", "sunny", false});
  EXPECT_EQ(board.snapshot().version, version);
}

TEST(DashboardPage, WhatAKioskWroteIsShownAsTextNeverAsMarkup) {
  fleet::HallBoard board;
  kiosk::HealthReport h;
  h.display = {false, "<script>alert(1)</script>"};
  h.version = "1.0\"><img src=x onerror=alert(2)>";
  board.apply(
      {fleet::topics::status(kK1), fleet::status_json(fleet::KioskStatus{kK1, h, 5}), true});
  const fleet::PageContext context{"hall1", "desk<1>", 10};
  const std::string page = fleet::dashboard_page(board.snapshot(), context);
  EXPECT_EQ(page.find("<script>alert"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("显示（&lt;script&gt;alert(1)&lt;/script&gt;）"), std::string::npos);
  EXPECT_NE(page.find("desk&lt;1&gt;"), std::string::npos);
  const std::string detail = fleet::kiosk_page(board.snapshot(), kK1, context);
  EXPECT_EQ(detail.find("<img"), std::string::npos);
}

}  // namespace
