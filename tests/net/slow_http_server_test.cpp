// The hostile test server must really be hostile in the way page-loading tests rely on: a
// trickle that is slow but alive, a body cut short, a big page that arrives whole, headers that
// never come, and a prompt stop even mid-trickle. Checked with libcurl, the kiosk's client.
#include <curl/curl.h>

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "slow_http_server.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using kiosk_test::SlowHttpOptions;
using kiosk_test::SlowHttpServer;

struct Fetch {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
  double first_byte_seconds = -1;  // since the request started
  double total_seconds = 0;
};

struct Sink {
  Fetch* fetch;
  Clock::time_point start;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  if (sink->fetch->first_byte_seconds < 0)
    sink->fetch->first_byte_seconds =
        std::chrono::duration<double>(Clock::now() - sink->start).count();
  sink->fetch->body.append(data, size * count);
  return size * count;
}

Fetch fetch(const std::string& url, long timeout_ms) {
  static const bool initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  Fetch result;
  CURL* curl = initialised ? curl_easy_init() : nullptr;
  if (curl == nullptr) {
    result.code = CURLE_FAILED_INIT;
    return result;
  }
  Sink sink{&result, Clock::now()};
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  result.code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  result.total_seconds = std::chrono::duration<double>(Clock::now() - sink.start).count();
  curl_easy_cleanup(curl);
  return result;
}

TEST(SlowHttpServer, ListensOnLoopbackWithAnEphemeralPort) {
  SlowHttpServer server;
  EXPECT_NE(server.port(), 0);
  EXPECT_EQ(server.url("/x"), "http://127.0.0.1:" + std::to_string(server.port()) + "/x");
  const Fetch missing = fetch(server.url("/nothing-here"), 5000);
  EXPECT_EQ(missing.code, CURLE_OK);
  EXPECT_EQ(missing.status, 404);
}

TEST(SlowHttpServer, SlowRouteTricklesAndIsStillIncompleteAfterTwoSeconds) {
  SlowHttpServer server;  // 10 bytes at 1 byte/s
  const Fetch slow = fetch(server.url("/slow"), 2500);
  EXPECT_EQ(slow.code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_EQ(slow.status, 200);
  ASSERT_GE(slow.first_byte_seconds, 0) << "no body byte arrived";
  EXPECT_LT(slow.first_byte_seconds, 1.5);
  EXPECT_GE(slow.body.size(), 2u);
  EXPECT_LE(slow.body.size(), 4u);
  EXPECT_EQ(slow.body, std::string(slow.body.size(), SlowHttpServer::kSlowByte));
}

TEST(SlowHttpServer, SlowRouteCompletesAtItsPace) {
  SlowHttpOptions options;
  options.slow_body_bytes = 6;
  options.slow_bytes_per_second = 10;  // 5 pauses of 100 ms
  SlowHttpServer server(options);
  const Fetch slow = fetch(server.url("/slow"), 5000);
  EXPECT_EQ(slow.code, CURLE_OK);
  EXPECT_EQ(slow.body, std::string(6, SlowHttpServer::kSlowByte));
  EXPECT_GE(slow.total_seconds, 0.45);
  EXPECT_LT(slow.total_seconds, 3.0);
}

TEST(SlowHttpServer, TruncatedRouteClosesMidBody) {
  SlowHttpServer server;
  const Fetch cut = fetch(server.url("/truncated"), 5000);
  EXPECT_EQ(cut.code, CURLE_PARTIAL_FILE) << curl_easy_strerror(cut.code);
  EXPECT_EQ(cut.body, std::string(100, SlowHttpServer::kTruncatedByte));
}

TEST(SlowHttpServer, BigRouteDeliversTheWholePage) {
  SlowHttpServer server;
  const Fetch big = fetch(server.url("/big"), 20000);
  EXPECT_EQ(big.code, CURLE_OK);
  EXPECT_EQ(big.status, 200);
  EXPECT_EQ(big.body.size(), std::size_t{4} << 20);
  EXPECT_TRUE(big.body == server.big_body()) << "the body differs from the generated page";
  EXPECT_EQ(big.body.rfind("<!DOCTYPE html>", 0), 0u);
}

TEST(SlowHttpServer, SilentRouteNeverSendsHeaders) {
  SlowHttpServer server;
  const Fetch silent = fetch(server.url("/silent"), 700);
  EXPECT_EQ(silent.code, CURLE_OPERATION_TIMEDOUT);
  EXPECT_EQ(silent.status, 0);
  EXPECT_TRUE(silent.body.empty());
  EXPECT_EQ(server.requests_seen(), 1u);
}

TEST(SlowHttpServer, StopsPromptlyMidTrickleAndMidSilence) {
  auto server = std::make_unique<SlowHttpServer>();
  auto trickle =
      std::async(std::launch::async, [url = server->url("/slow")] { return fetch(url, 20000); });
  auto silence =
      std::async(std::launch::async, [url = server->url("/silent")] { return fetch(url, 20000); });
  for (int i = 0; i < 100 && server->requests_seen() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_EQ(server->requests_seen(), 2u);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // mid-trickle

  const auto before = Clock::now();
  server.reset();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - before).count(), 0.5);

  const Fetch cut = trickle.get();
  EXPECT_EQ(cut.code, CURLE_PARTIAL_FILE) << curl_easy_strerror(cut.code);
  EXPECT_LT(cut.total_seconds, 5.0);
  const Fetch empty = silence.get();
  EXPECT_NE(empty.code, CURLE_OK);
  EXPECT_NE(empty.code, CURLE_OPERATION_TIMEDOUT) << "the stop should have closed the socket";
}

}  // namespace
