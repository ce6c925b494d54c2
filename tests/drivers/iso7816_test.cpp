// ATR parsing, APDU encoding and tracing, and the APDU layer's 61xx/6Cxx handling.
#include <gtest/gtest.h>

#include "drivers/emulated/emulated_card.hpp"
#include "drivers/iso7816/apdu.hpp"
#include "drivers/iso7816/atr.hpp"
#include "drivers/iso7816/transmit.hpp"

namespace {

using namespace drivers::iso7816;

std::vector<std::uint8_t> from_hex(std::string_view h) {
  std::vector<std::uint8_t> out;
  int nibble = -1;
  for (char c : h) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (v < 0) continue;
    if (nibble < 0) {
      nibble = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(nibble * 16 + v));
      nibble = -1;
    }
  }
  return out;
}

// Moved out of kioskctl cards (--apdu) so fuzz_apdu_hex checks the same code.
TEST(ApduHex, DigitsInPairsWithSpacesOrColons) {
  using drivers::iso7816::parse_apdu_hex;
  const std::vector<std::uint8_t> select{0x00, 0xA4, 0x04, 0x00};
  EXPECT_EQ(parse_apdu_hex("00 A4 04 00"), select);
  EXPECT_EQ(parse_apdu_hex("00:a4:04:00"), select);
  EXPECT_EQ(parse_apdu_hex("00A40400"), select);
  EXPECT_FALSE(parse_apdu_hex("00 A4 04"));       // fewer than 4 bytes
  EXPECT_FALSE(parse_apdu_hex("00 A4 04 00 0"));  // an odd digit
  EXPECT_FALSE(parse_apdu_hex("00 A4 04 0x"));    // not hex
}

TEST(Atr, ParsesAT1JavaCardAtr) {
  // The kind of ATR a JavaCard sends: T=1, IFSC FE, BWI 4 / CWI 5, 8 historical bytes.
  auto p = parse_atr(from_hex("3BF81300008131FE454A434F5076323431B7"));
  ASSERT_TRUE(p.atr) << p.error;
  const Atr& a = *p.atr;
  EXPECT_FALSE(a.inverse_convention);
  EXPECT_EQ(a.fidi(), 0x13);
  EXPECT_EQ(a.fi(), 372);
  EXPECT_EQ(a.di(), 4);
  EXPECT_EQ(a.first_protocol(), 1);
  EXPECT_EQ(a.t1_ifsc(), 0xFE);
  EXPECT_EQ(a.t1_bwi_cwi(), 0x45);
  EXPECT_FALSE(a.t1_crc);
  EXPECT_TRUE(a.has_tck);
  EXPECT_EQ(std::string(a.historical.begin(), a.historical.end()), "JCOPv241");
}

TEST(Atr, T0OnlyAtrHasNoCheckByte) {
  auto p = parse_atr(from_hex("3B 02 14 50"));  // T0 02: two historical bytes, nothing else
  ASSERT_TRUE(p.atr) << p.error;
  EXPECT_FALSE(p.atr->has_tck);
  EXPECT_TRUE(p.atr->offers(0));
  EXPECT_FALSE(p.atr->offers(1));
  EXPECT_EQ(p.atr->fi(), 372);
  EXPECT_EQ(p.atr->di(), 1);
  EXPECT_EQ(p.atr->t0_waiting_integer(), 10);
}

TEST(Atr, InverseConventionBothAsDecodedAndAsRawBits) {
  auto decoded = parse_atr(from_hex("3F 65 25 08 31 04 6C 90 00"));  // a T=0 inverse card
  ASSERT_TRUE(decoded.atr) << decoded.error;
  EXPECT_TRUE(decoded.atr->inverse_convention);
  EXPECT_FALSE(decoded.atr->ta1);
  EXPECT_EQ(*decoded.atr->tc1, 0x08);
  // The same bytes as an inverse card looks to a direct-convention UART: TS reads 03.
  std::vector<std::uint8_t> raw;
  for (auto b : decoded.atr->bytes) {
    std::uint8_t r = 0;
    for (int i = 0; i < 8; ++i) {
      if (b & (1u << i)) r = static_cast<std::uint8_t>(r | (0x80u >> i));
    }
    raw.push_back(static_cast<std::uint8_t>(~r));
  }
  EXPECT_EQ(raw[0], 0x03);
  auto again = parse_atr(raw);
  ASSERT_TRUE(again.atr) << again.error;
  EXPECT_EQ(again.atr->bytes, decoded.atr->bytes);
}

TEST(Atr, SpecificModeAndCrcAndGuardTime) {
  // TA1 18, TC1 FF, TD1 91 -> TA2 81 (specific mode, T=1), TD2 31 -> TA3 20, TB3 45, TC3 01 (CRC).
  std::vector<std::uint8_t> atr{0x3B, 0xD0, 0x18, 0xFF, 0x91, 0x81, 0x71, 0x20, 0x45, 0x01};
  std::uint8_t tck = 0;
  for (std::size_t i = 1; i < atr.size(); ++i) tck ^= atr[i];
  atr.push_back(tck);
  auto p = parse_atr(atr);
  ASSERT_TRUE(p.atr) << p.error;
  EXPECT_TRUE(p.atr->specific_mode());
  EXPECT_EQ(*p.atr->ta2 & 0x0F, 1);
  EXPECT_EQ(*p.atr->tc1, 0xFF);
  EXPECT_TRUE(p.atr->t1_crc);
  EXPECT_EQ(p.atr->t1_ifsc(), 0x20);
}

TEST(Atr, RefusalsSayWhatIsWrong) {
  EXPECT_NE(parse_atr({}).error.find("did not answer"), std::string::npos);
  EXPECT_NE(parse_atr(from_hex("3A 00")).error.find("TS"), std::string::npos);
  EXPECT_NE(parse_atr(from_hex("3B F8 13 00")).error.find("ends before"), std::string::npos);
  auto bad_tck = from_hex("3BF81300008131FE454A434F5076323431B7");
  bad_tck.back() ^= 1;
  EXPECT_NE(parse_atr(bad_tck).error.find("TCK"), std::string::npos);
  EXPECT_NE(parse_atr(from_hex("3B 00 00")).error.find("after its end"), std::string::npos);
  std::vector<std::uint8_t> too_long(40, 0x00);
  too_long[0] = 0x3B;
  EXPECT_NE(parse_atr(too_long).error.find("33"), std::string::npos);
  EXPECT_NE(parse_atr(from_hex("3B 10 77")).error.find("reserved"), std::string::npos);
}

TEST(Apdu, EncodesAllFourCasesShortAndExtended) {
  EXPECT_EQ(hex(select_file(0x3F00).encode()), "00 A4 00 00 02 3F 00");
  EXPECT_EQ(hex(read_binary(0x0102, 0x10).encode()), "00 B0 01 02 10");
  EXPECT_EQ(hex(read_binary(0, 256).encode()), "00 B0 00 00 00");
  EXPECT_EQ(hex(read_record(2, 3, 256).encode()), "00 B2 02 1C 00");
  Apdu big{0x00, 0xD6, 0, 0, std::vector<std::uint8_t>(300, 0xAB), 1000, false};
  const auto e = big.encode();
  EXPECT_EQ(e.size(), 4u + 3 + 300 + 2);
  EXPECT_EQ(hex(std::span(e).first(7)), "00 D6 00 00 00 01 2C");
  auto shape = parse_command(e);
  ASSERT_TRUE(shape);
  EXPECT_EQ(shape->iso_case, 4);
  EXPECT_TRUE(shape->extended);
  EXPECT_EQ(*shape->le, 1000u);
  EXPECT_EQ(shape->data.size(), 300u);
  EXPECT_FALSE(parse_command(from_hex("00 A4 04 00 05 A0 00")));  // Lc says 5, 2 follow
}

TEST(Apdu, PinNeverAppearsInATrace) {
  drivers::SecureString pin("123456");
  const auto verify = verify_pin(0x01, pin).encode();
  const std::string line = trace_command(verify);
  EXPECT_EQ(line, "00 20 00 01 [PIN redacted, 7 bytes]");
  EXPECT_EQ(line.find("31 32"), std::string::npos);
  for (std::uint8_t ins : {std::uint8_t{0x24}, std::uint8_t{0x2C}}) {
    std::vector<std::uint8_t> a{0x00, ins, 0x00, 0x01, 0x02, 0x31, 0x32};
    EXPECT_NE(trace_command(a).find("redacted"), std::string::npos);
  }
  EXPECT_EQ(trace_command(select_file(0x3F00).encode()), "00 A4 00 00 02 3F 00");
}

TEST(Apdu, StatusWordsBecomeReasonCodes) {
  EXPECT_EQ(describe_sw(0x63C2).reason, SwReason::PinWrong);
  EXPECT_EQ(describe_sw(0x63C2).tries_left, 2);
  EXPECT_EQ(describe_sw(0x63C0).reason, SwReason::PinWrongCardLocked);
  EXPECT_EQ(describe_sw(0x6983).reason, SwReason::PinBlocked);
  EXPECT_EQ(describe_sw(0x6A82).reason, SwReason::ApplicationNotFound);
  EXPECT_EQ(describe_sw(0x6282).reason, SwReason::Done);
  EXPECT_EQ(describe_sw(0x1234).reason, SwReason::Unknown);
  EXPECT_NE(describe_sw(0x6A82).technician.find("not found"), std::string::npos);
  EXPECT_NE(describe_sw(0x6F00).technician.find("card error"), std::string::npos);
  EXPECT_EQ(describe_sw(0x9000).technician, "success");
  EXPECT_NE(describe_sw(0x1234).technician.find("1234"), std::string::npos);
}

// A channel straight to the emulated card, T=0 or APDU level.
class DirectChannel : public CardChannel {
 public:
  DirectChannel(drivers::emulated::EmulatedCard& card, bool t0) : card_(card), t0_(t0) {}
  RawReply exchange(std::span<const std::uint8_t> c) override {
    commands.emplace_back(c.begin(), c.end());
    return {t0_ ? card_.process_t0(c) : card_.process(c), {}, false};
  }
  bool tpdu_t0() const override { return t0_; }
  std::vector<std::vector<std::uint8_t>> commands;

 private:
  drivers::emulated::EmulatedCard& card_;
  bool t0_;
};

TEST(ApduLayer, T0CaseFourUsesGetResponse) {
  auto card = drivers::emulated::EmulatedCard::sample_social_card();
  DirectChannel ch(card, true);
  std::vector<std::string> trace;
  auto r =
      transmit(ch, select_by_aid(card.aid()), [&](std::string_view l) { trace.emplace_back(l); });
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(r.response->sw, 0x9000);
  EXPECT_EQ(r.exchanges, 2);
  EXPECT_EQ(r.response->data.view()[0], 0x6F);
  ASSERT_EQ(ch.commands.size(), 2u);
  EXPECT_EQ(ch.commands[0].size(), 5u + card.aid().size()) << "case 4 at T=0 is sent without Le";
  EXPECT_EQ(hex(std::span(ch.commands[1]).first(2)), "00 C0");
  ASSERT_EQ(trace.size(), 4u);
  EXPECT_EQ(trace[1], "< [0 bytes] 61 0C");
}

TEST(ApduLayer, T0WrongLengthIsCorrectedOnce) {
  auto card = drivers::emulated::EmulatedCard::sample_social_card();
  DirectChannel ch(card, true);
  ASSERT_TRUE(transmit(ch, select_by_aid(card.aid())).response);
  ASSERT_TRUE(transmit(ch, select_file(0x0001)).response);
  auto r = transmit(ch, read_binary(0, 256));  // the file is shorter: 6Cxx, then exact Le
  ASSERT_TRUE(r.response) << r.error;
  EXPECT_EQ(r.response->sw, 0x9000);
  const auto v = r.response->data.view();
  EXPECT_EQ(std::string(v.begin(), v.end()), "CARD=SIM-0001;ISSUER=310000;VERSION=3.0");
}

TEST(ApduLayer, PinRetryCounterAndBlocking) {
  auto card = drivers::emulated::EmulatedCard::sample_social_card();
  for (bool t0 : {true, false}) {
    card = drivers::emulated::EmulatedCard::sample_social_card();
    DirectChannel ch(card, t0);
    ASSERT_TRUE(transmit(ch, select_by_aid(card.aid())).response);
    ASSERT_TRUE(transmit(ch, select_file(0x0002)).response);
    EXPECT_EQ(transmit(ch, read_binary(0, 256)).response->sw, 0x6982) << "needs the PIN first";
    EXPECT_EQ(transmit(ch, verify_pin(1, drivers::SecureString("000000"))).response->sw, 0x63C2);
    EXPECT_EQ(transmit(ch, verify_pin(1, drivers::SecureString("123456"))).response->sw, 0x9000);
    EXPECT_EQ(card.pin_tries_left(), 3);
    auto holder = transmit(ch, read_binary(0, 256));
    ASSERT_TRUE(holder.response);
    EXPECT_EQ(holder.response->sw, 0x9000);
    for (int i = 0; i < 2; ++i) transmit(ch, verify_pin(1, drivers::SecureString("999999")));
    EXPECT_EQ(transmit(ch, verify_pin(1, drivers::SecureString("999999"))).response->sw, 0x6983);
    EXPECT_EQ(transmit(ch, verify_pin(1, drivers::SecureString("123456"))).response->sw, 0x6983)
        << "a blocked PIN stays blocked";
  }
}

TEST(ApduLayer, ExtendedCommandRefusedAtT0WithAReason) {
  auto card = drivers::emulated::EmulatedCard::sample_social_card();
  DirectChannel ch(card, true);
  Apdu big{0x00, 0xD6, 0, 0, std::vector<std::uint8_t>(300, 1), std::nullopt, false};
  auto r = transmit(ch, big);
  EXPECT_FALSE(r.response);
  EXPECT_NE(r.error.find("T=0"), std::string::npos);
  EXPECT_TRUE(ch.commands.empty());
}

}  // namespace
