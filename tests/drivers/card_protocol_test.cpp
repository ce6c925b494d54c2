// The ID-card reader's protocol layer: SAM frames, the text record, GB 11643, masking and
// wiped buffers. All identities here are synthetic.
#include <gtest/gtest.h>

#include <random>

#include "drivers/emulated/synthetic_cards.hpp"
#include "drivers/id_card_reader.hpp"
#include "drivers/masking.hpp"
#include "drivers/photo_decoder.hpp"
#include "drivers/resident_id.hpp"
#include "drivers/sam_emulator.hpp"
#include "drivers/sam_protocol.hpp"
#include "drivers/secure_buffer.hpp"
#include "tts/utf8.hpp"

namespace {

using drivers::sam::ParseStatus;

std::vector<std::uint8_t> bytes(std::initializer_list<int> b) {
  std::vector<std::uint8_t> v;
  for (int x : b) v.push_back(static_cast<std::uint8_t>(x));
  return v;
}

TEST(SamFrames, FindCardCommandMatchesTheProtocol) {
  EXPECT_EQ(drivers::sam::encode(drivers::sam::kFindCard),
            bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x20, 0x01, 0x22}));
  EXPECT_EQ(drivers::sam::encode(drivers::sam::kReadTextAndPhoto),
            bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x03, 0x30, 0x01, 0x32}));
}

TEST(SamFrames, ParsesAReplyAfterLineNoise) {
  auto frame = bytes({0x00, 0x13, 0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x08, 0x00, 0x00, 0x9F, 0x00,
                      0x00, 0x00, 0x00, 0x97, 0xAA});
  auto r = drivers::sam::parse_reply(frame);
  ASSERT_EQ(r.status, ParseStatus::Complete) << r.error;
  EXPECT_EQ(r.reply->sw3, 0x9F);
  EXPECT_TRUE(r.reply->ok());
  EXPECT_EQ(r.reply->data.size(), 4u);
  EXPECT_EQ(r.consumed, 17u) << "the trailing byte belongs to the next frame";
}

TEST(SamFrames, WaitsForMoreAndRefusesBrokenFrames) {
  auto whole = bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0x00, 0x04, 0x00, 0x00, 0x80, 0x84});
  for (std::size_t n = 0; n < whole.size(); ++n) {
    auto r = drivers::sam::parse_reply(std::span(whole).first(n));
    EXPECT_EQ(r.status, ParseStatus::NeedMore) << n;
  }
  auto done = drivers::sam::parse_reply(whole);
  ASSERT_EQ(done.status, ParseStatus::Complete);
  EXPECT_FALSE(done.reply->ok());
  EXPECT_EQ(drivers::sam::describe_sw3(done.reply->sw3).fault, drivers::CardFault::NoIdCard);
  whole.back() ^= 0x01;
  auto bad = drivers::sam::parse_reply(whole);
  EXPECT_EQ(bad.status, ParseStatus::Invalid);
  EXPECT_NE(bad.error.find("checksum"), std::string::npos);
  auto huge = drivers::sam::parse_reply(bytes({0xAA, 0xAA, 0xAA, 0x96, 0x69, 0xFF, 0xFF, 0x00}));
  EXPECT_EQ(huge.status, ParseStatus::Invalid);
}

TEST(SamFrames, EverySw3CodeHasAMessage) {
  for (int code : {0x90, 0x91, 0x9F, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41,
                   0x47, 0x60, 0x66, 0x80, 0x81}) {
    const auto t = drivers::sam::describe_sw3(static_cast<std::uint8_t>(code));
    EXPECT_STRNE(t.technician, "unknown SW3 status from the SAM") << std::hex << code;
    EXPECT_EQ(t.fault == drivers::CardFault::None, code == 0x90 || code == 0x9F)
        << std::hex << code;
  }
  EXPECT_STREQ(drivers::sam::describe_sw3(0x55).technician, "unknown SW3 status from the SAM");
  EXPECT_EQ(drivers::sam::describe_sw3(0x55).fault, drivers::CardFault::SamError);
  EXPECT_EQ(drivers::sam::describe_sw3(0x40).fault, drivers::CardFault::NotAnIdCard);
}

TEST(ResidentId, Gb11643CheckDigit) {
  EXPECT_EQ(drivers::id_check_character("11010519491231002"), 'X');  // the standard's example
  EXPECT_TRUE(drivers::id_number_valid("11010519491231002X"));
  EXPECT_TRUE(drivers::id_number_valid("11010519491231002x"));
  EXPECT_FALSE(drivers::id_number_valid("110105194912310021"));
  EXPECT_FALSE(drivers::id_number_valid("1101051949123100"));
  EXPECT_FALSE(drivers::id_number_valid("1101051949123100AX"));
}

// A synthetic 256-byte record, UCS-2LE, fields padded with spaces.
struct Record {
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(256, 0);
  void put(std::size_t at, std::size_t len, const std::string& utf8) {
    const std::u32string s = tts::decode_utf8(utf8);
    for (std::size_t i = 0; i < len / 2; ++i) {
      const char32_t c = i < s.size() ? s[i] : U' ';
      bytes[at + 2 * i] = static_cast<std::uint8_t>(c & 0xFF);
      bytes[at + 2 * i + 1] = static_cast<std::uint8_t>((c >> 8) & 0xFF);
    }
  }
};

std::string synthetic_id(const std::string& first17) {
  return first17 + drivers::id_check_character(first17);
}

Record resident(const std::string& valid_to = "20360101") {
  Record r;
  r.put(0, 30, "测试甲");
  r.put(30, 2, "2");
  r.put(32, 4, "01");
  r.put(36, 16, "19900101");
  r.put(52, 70, "上海市测试区示例路1号");
  r.put(122, 36, synthetic_id("31010119900101123"));
  r.put(158, 30, "上海市公安局测试分局");
  r.put(188, 16, "20160101");
  r.put(204, 16, valid_to);
  return r;
}

constexpr drivers::CivilDate kToday{2026, 11, 25};

TEST(ResidentId, ParsesAResidentCard) {
  auto r = drivers::parse_id_text(resident().bytes, kToday);
  ASSERT_TRUE(r.card) << r.error;
  EXPECT_EQ(r.card->name.reveal(), "测试甲");
  EXPECT_EQ(r.card->sex, "女");
  EXPECT_EQ(r.card->nation, "汉族");
  EXPECT_EQ(r.card->address.reveal(), "上海市测试区示例路1号");
  EXPECT_EQ(r.card->id_number.reveal(), synthetic_id("31010119900101123"));
  EXPECT_FALSE(r.card->expired);
}

TEST(ResidentId, LongTermAndExpiredCards) {
  auto long_term = drivers::parse_id_text(resident("长期").bytes, kToday);
  ASSERT_TRUE(long_term.card) << long_term.error;
  EXPECT_FALSE(long_term.card->expired);
  auto expired = drivers::parse_id_text(resident("20260101").bytes, kToday);
  ASSERT_TRUE(expired.card);
  EXPECT_TRUE(expired.card->expired);
  EXPECT_EQ(expired.fault, drivers::CardFault::IdCardExpired);
  EXPECT_EQ(long_term.fault, drivers::CardFault::None);
}

TEST(ResidentId, HongKongMacaoTaiwanResidencePermit) {
  Record r = resident();
  r.put(32, 4, "  ");
  r.put(220, 18, "H12345678");
  r.put(248, 2, "J");
  auto p = drivers::parse_id_text(r.bytes, kToday);
  ASSERT_TRUE(p.card) << p.error;
  EXPECT_EQ(p.card->kind, drivers::CardKind::HkMacaoTaiwanResidence);
  EXPECT_EQ(p.card->pass_number.reveal(), "H12345678");
}

TEST(ResidentId, RefusesBadRecordsWithoutLeakingTheNumber) {
  Record bad_digit = resident();
  bad_digit.put(122, 36, "310101199001011230");
  auto r = drivers::parse_id_text(bad_digit.bytes, kToday);
  EXPECT_FALSE(r.card);
  EXPECT_EQ(r.error.find("310101199001011230"), std::string::npos) << "masked in the log";
  EXPECT_NE(r.error.find("3101**********1230"), std::string::npos) << r.error;
  Record bad_nation = resident();
  bad_nation.put(32, 4, "77");
  EXPECT_FALSE(drivers::parse_id_text(bad_nation.bytes, kToday).card);
  Record foreigner = resident();
  foreigner.put(248, 2, "Y");
  auto f = drivers::parse_id_text(foreigner.bytes, kToday);
  EXPECT_FALSE(f.card) << "a resident record marked 'Y' is not a valid 2023 foreigner card";
  EXPECT_NE(f.error.find("nationality"), std::string::npos) << f.error;
  EXPECT_FALSE(drivers::parse_id_text(std::vector<std::uint8_t>(100, 0x41), kToday).card);
}

TEST(ResidentId, ForeignerPermanentResidenceCards2017And2023) {
  auto i = drivers::parse_id_text(drivers::emulated::synthetic_foreigner_2017().bytes, kToday);
  ASSERT_TRUE(i.card) << i.error;
  EXPECT_EQ(i.card->kind, drivers::CardKind::ForeignPermanent2017);
  EXPECT_TRUE(i.card->foreigner());
  EXPECT_EQ(i.card->english_name.reveal(), "TESTER, EXAMPLE");
  EXPECT_EQ(i.card->name.reveal(), "测试丙");
  EXPECT_EQ(i.card->nationality, "CAN");
  EXPECT_EQ(i.card->id_number.reveal(), "CAN110000000001");
  EXPECT_EQ(i.card->sex, "男");
  EXPECT_EQ(i.card->birth.reveal(), "19800202");
  EXPECT_EQ(i.card->card_version, "01");
  EXPECT_FALSE(i.card->expired);
  auto y = drivers::parse_id_text(drivers::emulated::synthetic_foreigner_2023().bytes, kToday);
  ASSERT_TRUE(y.card) << y.error;
  EXPECT_EQ(y.card->kind, drivers::CardKind::ForeignPermanent2023);
  EXPECT_EQ(y.card->id_number.reveal().size(), 18u);
  EXPECT_EQ(y.card->id_number.reveal()[0], '9');
  EXPECT_EQ(y.card->nationality, "AUS");
  EXPECT_EQ(y.card->sex, "女");
  // A 'Y' number with a wrong MOD 11-2 check digit, and an expired 'I' card.
  auto bad = drivers::emulated::synthetic_foreigner_2023();
  bad.put(122, 36, "912400198003030010");
  auto b = drivers::parse_id_text(bad.bytes, kToday);
  EXPECT_FALSE(b.card);
  EXPECT_EQ(b.error.find("912400198003030010"), std::string::npos) << "masked";
  auto old = drivers::emulated::synthetic_foreigner_2017();
  old.put(204, 16, "20240101");
  auto o = drivers::parse_id_text(old.bytes, kToday);
  ASSERT_TRUE(o.card);
  EXPECT_TRUE(o.card->expired);
  EXPECT_EQ(o.fault, drivers::CardFault::IdCardExpired);
  auto malformed = drivers::emulated::synthetic_foreigner_2017();
  malformed.put(122, 30, "CA1110000000001");
  auto m = drivers::parse_id_text(malformed.bytes, kToday);
  EXPECT_FALSE(m.card);
  EXPECT_EQ(m.fault, drivers::CardFault::IdNumberInvalid);
}

TEST(ResidentId, GarbageNeverCrashes) {
  std::mt19937 rng(7);
  for (int i = 0; i < 2000; ++i) {
    std::vector<std::uint8_t> junk(256);
    for (auto& b : junk) b = static_cast<std::uint8_t>(rng());
    auto r = drivers::parse_id_text(junk, kToday);
    EXPECT_TRUE(r.card.has_value() || !r.error.empty());
  }
}

TEST(Masking, IdNumbersNamesAndAddresses) {
  EXPECT_EQ(drivers::mask_id_number("310101199001011234"), "3101**********1234");
  EXPECT_EQ(drivers::mask_name("张三"), "张*");
  EXPECT_EQ(drivers::mask_name("欧阳娜娜"), "欧***");
  EXPECT_EQ(drivers::mask_address("上海市黄浦区示例路1号"), "上海市黄浦区*****");
  EXPECT_EQ(drivers::mask_id_number("1234"), "****");
}

TEST(SecureBuffers, WipeOnMoveAndOnRequest) {
  drivers::SecureString a("张三");
  drivers::SecureString b(std::move(a));
  EXPECT_TRUE(a.empty());  // NOLINT(bugprone-use-after-move): moved-from must be wiped
  EXPECT_EQ(b.reveal(), "张三");
  b.wipe();
  EXPECT_TRUE(b.empty());
  std::vector<std::uint8_t> photo(1024, 0x5A);
  drivers::SecureBytes p(photo);
  EXPECT_EQ(p.size(), 1024u);
  p.wipe();
  EXPECT_TRUE(p.empty());
}

}  // namespace

namespace {

struct ReaderFixture : ::testing::Test {
  drivers::SamEmulator sam;
  drivers::IdCardReader reader{sam, std::chrono::milliseconds(300)};
  std::vector<std::uint8_t> photo = std::vector<std::uint8_t>(1024, 0x57);
  void place() { sam.place_card(resident().bytes, photo); }
};

TEST_F(ReaderFixture, ReadsACardThroughTheEmulatedReader) {
  place();
  auto r = reader.read_card(kToday);
  ASSERT_TRUE(r.card) << r.error;
  EXPECT_EQ(r.card->name.reveal(), "测试甲");
  EXPECT_EQ(r.photo.size(), 1024u);
  // The same card must be taken away before it is read again.
  auto again = reader.read_card(kToday);
  EXPECT_TRUE(again.no_card);
  sam.remove_card();
  place();
  EXPECT_TRUE(reader.read_card(kToday).card);
}

TEST_F(ReaderFixture, NoCardIsNotAnError) {
  auto r = reader.read_card(kToday);
  EXPECT_TRUE(r.no_card);
  EXPECT_FALSE(r.card);
  EXPECT_EQ(r.fault, drivers::CardFault::NoIdCard);
  EXPECT_FALSE(r.disconnected);
}

TEST_F(ReaderFixture, NoiseAndSplitPacketsAreHandled) {
  for (auto fault :
       {drivers::SamEmulator::Fault::Noise, drivers::SamEmulator::Fault::SplitPackets}) {
    sam.remove_card();
    place();
    sam.set_fault(fault);
    auto r = reader.read_card(kToday);
    EXPECT_TRUE(r.card) << r.error;
  }
}

TEST_F(ReaderFixture, BrokenRepliesSilenceAndUnplugEndWithAMessage) {
  place();
  sam.set_fault(drivers::SamEmulator::Fault::BadChecksum);
  auto bad = reader.read_card(kToday);
  EXPECT_FALSE(bad.card);
  EXPECT_NE(bad.error.find("checksum"), std::string::npos) << bad.error;
  EXPECT_EQ(bad.fault, drivers::CardFault::ReaderNotResponding);
  sam.set_fault(drivers::SamEmulator::Fault::Silent);
  auto silent = reader.read_card(kToday);
  EXPECT_NE(silent.error.find("no reply within 300 ms"), std::string::npos) << silent.error;
  EXPECT_EQ(silent.fault, drivers::CardFault::ReaderNotResponding);
  EXPECT_FALSE(silent.disconnected);
  sam.set_fault(drivers::SamEmulator::Fault::Unplugged);
  auto gone = reader.read_card(kToday);
  EXPECT_NE(gone.error.find("unplugged"), std::string::npos) << gone.error;
  EXPECT_TRUE(gone.disconnected) << "a typed flag, not a search in the text";
  EXPECT_EQ(gone.fault, drivers::CardFault::ReaderUnplugged);
}

}  // namespace

namespace {

TEST(PhotoDecoderPlugin, LoadsAVendorDecoderAndRefusesBrokenOnes) {
  std::string error;
  auto decoder = drivers::PhotoDecoder::load(TEST_WLT_PLUGIN, error);
  ASSERT_TRUE(decoder) << error;
  const std::vector<std::uint8_t> wlt(1024, 0x57);
  auto photo = decoder->decode(wlt, error);
  ASSERT_TRUE(photo) << error;
  EXPECT_EQ(photo->width, 102);
  EXPECT_EQ(photo->height, 126);
  EXPECT_EQ(photo->rgb.size(), 102u * 126 * 3);
  EXPECT_FALSE(decoder->decode(std::vector<std::uint8_t>(10), error));
  EXPECT_NE(error.find("failed"), std::string::npos);
  EXPECT_FALSE(drivers::PhotoDecoder::load("/nonexistent/libwlt.so", error));
  EXPECT_NE(error.find("could not be loaded"), std::string::npos) << error;
}

}  // namespace
