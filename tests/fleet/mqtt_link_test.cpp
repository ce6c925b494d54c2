// MqttLink against a real mosquitto on loopback: retained messages reach a later subscriber,
// QoS 1 is acknowledged, and a broker that comes up late is found without the caller waiting.
#include "fleet/mqtt_link.hpp"

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "mosquitto_broker.hpp"

namespace {

using namespace std::chrono_literals;

struct Inbox {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<fleet::MqttMessage> messages;
  void add(const fleet::MqttMessage& m) {
    {
      const std::lock_guard lock(mutex);
      messages.push_back(m);
    }
    changed.notify_all();
  }
  bool wait_for(std::size_t count, std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, limit, [&] { return messages.size() >= count; });
  }
};

#define START_BROKER(var)                                               \
  auto started_##var = kiosk_test::MosquittoBroker::start();            \
  if (!started_##var) GTEST_SKIP() << started_##var.error().technician; \
  auto& var = *started_##var.value()

TEST(MqttLink, RetainedQos1MessagesReachALaterSubscriber) {
  START_BROKER(broker);
  fleet::MqttOptions o;
  o.port = broker.port();
  o.client_id = "pub";
  auto pub = fleet::MqttLink::open(o, {}, {});
  ASSERT_TRUE(pub.ok()) << pub.error().technician;
  ASSERT_TRUE((*pub)->wait_connected(5s)) << (*pub)->last_error();
  const auto mid = (*pub)->publish("kiosk/h/k/status", "{\"a\":1}", 1, true);
  ASSERT_TRUE(mid.ok()) << mid.error().technician;
  EXPECT_TRUE((*pub)->wait_delivered(*mid, 5s));

  Inbox inbox;
  fleet::MqttLink* sub_link = nullptr;
  // on_connected may run before open() returns: it waits for sub_link under this mutex.
  std::mutex sub_mutex;
  std::unique_lock opening(sub_mutex);
  o.client_id = "sub";
  auto sub = fleet::MqttLink::open(
      o,
      [&] {
        const std::lock_guard lock(sub_mutex);
        (void)sub_link->subscribe("kiosk/#", 1);
      },
      [&](const fleet::MqttMessage& m) { inbox.add(m); });
  ASSERT_TRUE(sub.ok()) << sub.error().technician;
  sub_link = sub->get();
  opening.unlock();
  ASSERT_TRUE(inbox.wait_for(1, 5s));
  {
    const std::lock_guard lock(inbox.mutex);
    EXPECT_EQ(inbox.messages[0].topic, "kiosk/h/k/status");
    EXPECT_EQ(inbox.messages[0].payload, "{\"a\":1}");
    EXPECT_TRUE(inbox.messages[0].retained);
  }
  ASSERT_TRUE((*pub)->publish("kiosk/h/k/alert", "x", 1, false).ok());
  ASSERT_TRUE(inbox.wait_for(2, 5s));
  const std::lock_guard lock(inbox.mutex);
  EXPECT_EQ(inbox.messages[1].topic, "kiosk/h/k/alert");
  EXPECT_FALSE(inbox.messages[1].retained);
}

TEST(MqttLink, ABrokerThatIsDownNeitherFailsNorBlocksTheCaller) {
  fleet::MqttOptions o;
  o.port = kiosk_test::free_loopback_port();
  const auto before = std::chrono::steady_clock::now();
  auto link = fleet::MqttLink::open(o, {}, {});
  ASSERT_TRUE(link.ok()) << link.error().technician;
  EXPECT_LT(std::chrono::steady_clock::now() - before, 1s);
  EXPECT_FALSE((*link)->wait_connected(300ms));
  // QoS 1 is kept while disconnected; QoS 0 cannot be.
  EXPECT_TRUE((*link)->publish("kiosk/h/k/alert", "x", 1, false).ok());
}

TEST(MqttLink, TlsFilesThatDoNotExistAreATechniciansError) {
  fleet::MqttOptions o;
  o.tls = fleet::MqttTls{"/nonexistent/ca.pem", "/nonexistent/k.pem", "/nonexistent/k.key"};
  const auto link = fleet::MqttLink::open(o, {}, {});
  ASSERT_FALSE(link.ok());
  EXPECT_NE(link.error().technician.find("/nonexistent/ca.pem"), std::string::npos);
}

}  // namespace
