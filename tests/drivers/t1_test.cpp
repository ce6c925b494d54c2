// T=1 block protocol against the emulated card's T=1 side: chaining both ways, WTX, R-block
// recovery from damaged blocks, resynchronisation, IFS negotiation; and the liveness bounds
// against cards that never finish (counted in exchanges or on an injected clock, never slept).
#include <gtest/gtest.h>

#include <chrono>

#include "drivers/emulated/emulated_card.hpp"
#include "drivers/emulated/t1_card.hpp"
#include "drivers/iso7816/atr.hpp"
#include "drivers/iso7816/t1_protocol.hpp"
#include "drivers/iso7816/transmit.hpp"

namespace {

using namespace drivers::iso7816;
using drivers::emulated::EmulatedCard;
using drivers::emulated::T1Card;

struct Link {
  EmulatedCard card = EmulatedCard::sample_social_card();
  T1Card t1{card};
  std::vector<std::vector<std::uint8_t>> sent;
  std::vector<std::uint8_t> wtx;
  int garble_host_blocks = 0;  // damage the next N blocks the host sends
  int silence = 0;             // the next N exchanges get nothing back
  BlockExchange exchange() {
    return [this](std::span<const std::uint8_t> block, std::uint8_t w) {
      sent.emplace_back(block.begin(), block.end());
      wtx.push_back(w);
      if (silence > 0) {
        --silence;
        return RawReply{{}, {}, false};
      }
      std::vector<std::uint8_t> b(block.begin(), block.end());
      if (garble_host_blocks > 0) {
        --garble_host_blocks;
        b.back() ^= 0xFF;
      }
      return RawReply{t1.receive(b), {}, false};
    };
  }
  int count_pcb(std::uint8_t mask, std::uint8_t value) const {
    int n = 0;
    for (const auto& b : sent) n += (b[1] & mask) == value;
    return n;
  }
};

std::string text(const Response& r) {
  return {r.data.view().begin(), r.data.view().end()};
}

TEST(T1Blocks, EncodeDecodeLrcAndCrc) {
  const std::uint8_t inf[3] = {0x00, 0xA4, 0x04};
  for (bool crc : {false, true}) {
    auto bytes = t1::encode(t1::i_block(1, true, inf), crc);
    EXPECT_EQ(bytes.size(), 3u + 3 + (crc ? 2 : 1));
    auto d = t1::decode(bytes, crc);
    ASSERT_TRUE(d.block) << d.error;
    EXPECT_EQ(d.block->type(), t1::BlockType::I);
    EXPECT_EQ(d.block->ns(), 1);
    EXPECT_TRUE(d.block->more());
    bytes[4] ^= 0x01;
    auto broken = t1::decode(bytes, crc);
    EXPECT_FALSE(broken.block);
    EXPECT_NE(broken.error.find(crc ? "CRC" : "LRC"), std::string::npos);
  }
  EXPECT_EQ(hex(t1::encode(t1::r_block(1, 2), false)), "00 92 00 92");
  EXPECT_EQ(hex(t1::encode(t1::s_block(t1::kWtx, true, std::vector<std::uint8_t>{2}), false)),
            "00 E3 01 02 E0");
  EXPECT_FALSE(t1::decode(std::vector<std::uint8_t>{0x00, 0x00, 0xFF, 0xFF}, false).block);
  EXPECT_FALSE(t1::decode(std::vector<std::uint8_t>{0x00, 0x00, 0x05, 0x01, 0x04}, false).block);
}

TEST(T1Protocol, SimpleExchangeAndSequenceNumbersAlternate) {
  Link link;
  T1Protocol p(link.exchange(), {});
  for (int i = 0; i < 3; ++i) {
    auto r = transmit(*std::make_unique<T1Channel>(p), select_by_aid(link.card.aid()));
    ASSERT_TRUE(r.response) << r.error;
    EXPECT_EQ(r.response->sw, 0x9000);
  }
  ASSERT_EQ(link.sent.size(), 3u);
  EXPECT_EQ(link.sent[0][1], 0x00);
  EXPECT_EQ(link.sent[1][1], 0x40);
  EXPECT_EQ(link.sent[2][1], 0x00);
}

TEST(T1Protocol, ChainsALongCommandToTheCardsIfsc) {
  Link link;
  T1Config cfg;
  cfg.ifsc = 16;
  T1Protocol p(link.exchange(), cfg);
  T1Channel ch(p);
  Apdu update{0x00, 0xD6, 0, 0, std::vector<std::uint8_t>(100, 0x5A), std::nullopt, false};
  auto r = transmit(ch, update);
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(r.response->sw, 0x6D00) << "the card got the whole command (and does not do UPDATE)";
  const std::size_t apdu_len = update.encode().size();
  EXPECT_EQ(link.sent.size(), (apdu_len + 15) / 16);
  EXPECT_EQ(link.count_pcb(0xA0, 0x20), static_cast<int>(link.sent.size()) - 1)
      << "M bit on all but the last";
  for (const auto& b : link.sent) EXPECT_LE(b[2], 16);
}

TEST(T1Protocol, ReceivesAChainedResponseAfterIfsdNegotiation) {
  Link link;
  T1Config cfg;
  cfg.ifsd = 20;
  T1Protocol p(link.exchange(), cfg);
  ASSERT_EQ(p.negotiate_ifsd(), "");
  EXPECT_EQ(link.t1.ifsd(), 20);
  T1Channel ch(p);
  ASSERT_TRUE(transmit(ch, select_by_aid(link.card.aid())).response);
  ASSERT_TRUE(transmit(ch, select_file(0x0004)).response);
  auto r = transmit(ch, read_binary(0, 256));
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(r.response->sw, 0x9000);
  ASSERT_EQ(r.response->data.size(), 256u);
  EXPECT_EQ(r.response->data.view()[255], static_cast<std::uint8_t>(255 * 7 + 1));
  EXPECT_GE(link.count_pcb(0xE0, 0x80), 12) << "R-blocks acknowledged each response part";
}

TEST(T1Protocol, WaitingTimeExtensionIsGrantedAndPassedOn) {
  Link link;
  link.t1.faults().wtx_before_response = 2;
  T1Protocol p(link.exchange(), {});
  T1Channel ch(p);
  auto r = transmit(ch, select_by_aid(link.card.aid()));
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(p.stats().wtx_requests, 2);
  EXPECT_EQ(link.count_pcb(0xFF, 0xE3), 2) << "two S(WTX response)";
  EXPECT_EQ(link.wtx[1], 2) << "the multiplier reaches the reader with the WTX response";
}

TEST(T1Protocol, RecoversFromDamagedBlocksBothWays) {
  Link link;
  link.t1.faults().corrupt_replies = 1;
  T1Protocol p(link.exchange(), {});
  T1Channel ch(p);
  auto r = transmit(ch, select_by_aid(link.card.aid()));
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(r.response->sw, 0x9000);
  EXPECT_EQ(p.stats().retransmissions, 1);
  // Now the card receives a damaged block from us: it asks again with an R-block.
  link.garble_host_blocks = 1;
  auto again = transmit(ch, select_file(0x0001));
  ASSERT_TRUE(again.response) << again.error;
  EXPECT_EQ(again.response->sw, 0x9000);
  EXPECT_EQ(p.stats().retransmissions, 2);
  auto read = transmit(ch, read_binary(0, 9));
  ASSERT_TRUE(read.response);
  EXPECT_EQ(text(*read.response), "CARD=SIM-");
}

TEST(T1Protocol, ResynchronisesAfterRepeatedFailuresThenSucceeds) {
  Link link;
  T1Protocol p(link.exchange(), {});
  T1Channel ch(p);
  ASSERT_TRUE(transmit(ch, select_by_aid(link.card.aid())).response);
  link.silence = 4;  // 1 + max_retries exchanges get nothing
  auto r = transmit(ch, select_file(0x0001));
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(p.stats().resynchs, 1);
  EXPECT_EQ(link.count_pcb(0xFF, 0xC0), 1) << "one S(RESYNCH request)";
}

TEST(T1Protocol, GivesUpWithAReasonWhenTheCardIsGone) {
  Link link;
  T1Protocol p(link.exchange(), {});
  link.silence = 1000;
  auto r = p.transmit(select_file(0x0001).encode());
  EXPECT_FALSE(r.error.empty());
  EXPECT_NE(r.error.find("RESYNCH"), std::string::npos);
}

TEST(T1Protocol, CardRemovalEndsTheExchangeAtOnce) {
  int calls = 0;
  T1Protocol p(
      [&](std::span<const std::uint8_t>, std::uint8_t) {
        ++calls;
        return RawReply{{}, "card removed", true};
      },
      {});
  auto r = p.transmit(select_file(0x0001).encode());
  EXPECT_TRUE(r.card_removed);
  EXPECT_EQ(calls, 1);
}

// A card that answers every block the host sends with `next(n)`, n = blocks it received so far.
struct HostileCard {
  std::function<t1::Block(int n)> next;
  int received = 0;
  BlockExchange exchange() {
    return [this](std::span<const std::uint8_t>, std::uint8_t) {
      return RawReply{t1::encode(next(received++), false), {}, false};
    };
  }
};

const std::vector<std::uint8_t> kSelectMf{0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00};

TEST(T1Liveness, CardThatNeverStopsAskingForWtxIsAbandoned) {
  HostileCard card{[](int) { return t1::s_block(t1::kWtx, false, std::vector<std::uint8_t>{1}); }};
  T1Config cfg;
  T1Protocol p(card.exchange(), cfg);
  T1Channel ch(p);
  auto r = transmit(ch, select_file(0x3F00));
  EXPECT_FALSE(r.response);
  EXPECT_EQ(r.fault, drivers::CardFault::ProtocolError);
  EXPECT_TRUE(r.stalled);
  EXPECT_NE(r.error.find("S(WTX)/S(IFS) requests in a row"), std::string::npos) << r.error;
  // The I-block, then one S(WTX response) per request granted; the request past the bound is
  // not answered.
  EXPECT_EQ(card.received, cfg.max_s_requests + 1);
  EXPECT_EQ(p.stats().wtx_requests, cfg.max_s_requests);
  EXPECT_EQ(p.stats().resynchs, 0) << "a stall is final, not a reason to resynchronise";
  EXPECT_EQ(p.stats().stalls, 1);
}

TEST(T1Liveness, CardThatNeverStopsAskingForIfsIsAbandoned) {
  HostileCard card{[](int) { return t1::s_block(t1::kIfs, false, std::vector<std::uint8_t>{32}); }};
  T1Config cfg;
  cfg.max_s_requests = 10;
  T1Protocol p(card.exchange(), cfg);
  auto r = p.transmit(kSelectMf);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(r.fault, drivers::CardFault::ProtocolError);
  EXPECT_EQ(card.received, 11);
  EXPECT_EQ(p.stats().ifs_requests, 10);
}

TEST(T1Liveness, EmptyChainedIBlocksForeverAreAbandoned) {
  // I-blocks with the M bit and nothing in them, sequence numbers correct, for ever.
  HostileCard card{[](int n) { return t1::i_block(n % 2, true, {}); }};
  T1Config cfg;
  T1Protocol p(card.exchange(), cfg);
  auto r = p.transmit(kSelectMf);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(r.fault, drivers::CardFault::ProtocolError);
  EXPECT_TRUE(r.bytes.empty());
  EXPECT_NE(r.error.find("chained I-blocks without data"), std::string::npos) << r.error;
  EXPECT_EQ(card.received, cfg.max_empty_chained + 1);
}

TEST(T1Liveness, AFewEmptyChainedBlocksAndWtxRequestsAreStillServed) {
  // Within the bounds: 3 WTX, 2 empty links, then the data.
  HostileCard card{[](int n) {
    if (n < 3) return t1::s_block(t1::kWtx, false, std::vector<std::uint8_t>{1});
    if (n < 5) return t1::i_block((n - 3) % 2, true, {});
    const std::uint8_t sw[2] = {0x90, 0x00};
    return t1::i_block(0, false, sw);
  }};
  T1Protocol p(card.exchange(), {});
  auto r = p.transmit(kSelectMf);
  EXPECT_TRUE(r.error.empty()) << r.error;
  EXPECT_EQ(hex(r.bytes), "90 00");
}

TEST(T1Liveness, EndlessChainOfTinyBlocksHitsTheExchangeBudget) {
  // Each link carries one byte (so it is progress), but the chain never ends.
  HostileCard card{[](int n) {
    const std::uint8_t one[1] = {0x55};
    return t1::i_block(n % 2, true, one);
  }};
  T1Config cfg;
  cfg.max_exchanges = 300;
  T1Protocol p(card.exchange(), cfg);
  const int limit = p.exchange_limit(kSelectMf.size());
  EXPECT_EQ(limit, 301);
  auto r = p.transmit(kSelectMf);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(r.fault, drivers::CardFault::ProtocolError);
  EXPECT_TRUE(r.bytes.empty()) << "half a response is not handed out";
  EXPECT_EQ(card.received, limit);
}

TEST(T1Liveness, DeadlinePerCommandOnTheInjectedClock) {
  // Each exchange takes 3 s (on the test's clock); the card asks for time for ever but within
  // the request count, so the 60 s deadline is what ends it.
  auto now = std::chrono::steady_clock::time_point{};
  HostileCard card{[&](int) {
    now += std::chrono::seconds(3);
    return t1::s_block(t1::kWtx, false, std::vector<std::uint8_t>{2});
  }};
  T1Config cfg;
  cfg.max_s_requests = 1000;
  cfg.clock = [&] { return now; };
  T1Protocol p(card.exchange(), cfg);
  auto r = p.transmit(kSelectMf);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(r.fault, drivers::CardFault::ProtocolError);
  EXPECT_NE(r.error.find("60000 ms"), std::string::npos) << r.error;
  EXPECT_EQ(card.received, 20);
  EXPECT_EQ(now - std::chrono::steady_clock::time_point{}, std::chrono::seconds(60));
  // The next command has a deadline of its own.
  int calls = 0;
  HostileCard fine{[&](int) {
    ++calls;
    const std::uint8_t sw[2] = {0x90, 0x00};
    return t1::i_block(0, false, sw);
  }};
  T1Config cfg2 = cfg;
  T1Protocol q(fine.exchange(), cfg2);
  EXPECT_TRUE(q.transmit(kSelectMf).error.empty());
  EXPECT_EQ(calls, 1);
}

TEST(T1Liveness, AReaderThatStalledEndsTheCommandWithoutRetries) {
  int calls = 0;
  T1Protocol p(
      [&](std::span<const std::uint8_t>, std::uint8_t) {
        ++calls;
        RawReply r;
        r.error = "reader: no reply within 3000 ms";
        r.fault = drivers::CardFault::ReaderNotResponding;
        r.stalled = true;
        return r;
      },
      {});
  auto r = p.transmit(kSelectMf);
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(r.fault, drivers::CardFault::ReaderNotResponding);
  EXPECT_TRUE(r.stalled);
  EXPECT_EQ(p.stats().resynchs, 0);
  EXPECT_EQ(p.negotiate_ifsd().find("IFS negotiation"), 0u);
  EXPECT_EQ(calls, 2) << "IFS negotiation does not retry a stalled reader either";
}

}  // namespace
