// Log redaction: what `kioskctl logs` shows a technician never carries an ID or card number,
// a name or the bytes of a PIN, whatever shape the line has.
#include <gtest/gtest.h>

#include "drivers/masking.hpp"

namespace {

using drivers::redact_log_text;

TEST(LogRedaction, IdAndCardNumbersAreMaskedWherever) {
  EXPECT_EQ(redact_log_text("read id 310101199001011234 ok"), "read id 3101**********1234 ok");
  EXPECT_EQ(redact_log_text("id=31010119900101123X;"), "id=3101**********123X;");
  EXPECT_EQ(redact_log_text("\"id_number\":\"310101199001011234\""),
            "\"id_number\":\"3101**********1234\"");
  // Inside a word, and a 19-digit bank card number.
  EXPECT_EQ(redact_log_text("ID310101199001011234"), "ID3101**********1234");
  EXPECT_EQ(redact_log_text("pan 6222021234567890123"), "pan 6222***********0123");
}

TEST(LogRedaction, OrdinaryNumbersAndMaskedValuesStay) {
  const std::string line =
      "2026-11-27T12:45:33+0000 kioskd[412]: page 3 of 12, 1920x1080, pid 4242, 12345";
  EXPECT_EQ(redact_log_text(line), line);
  EXPECT_EQ(redact_log_text("id 3101**********1234"), "id 3101**********1234");
  EXPECT_EQ(redact_log_text("ATR 3B 9F 95 81 31 FE 9F 00 66"), "ATR 3B 9F 95 81 31 FE 9F 00 66");
}

TEST(LogRedaction, NamesAfterNameKeysAreMasked) {
  EXPECT_EQ(redact_log_text("{\"name\":\"张三\",\"sex\":\"男\"}"),
            "{\"name\":\"张*\",\"sex\":\"男\"}");
  EXPECT_EQ(redact_log_text("姓名：欧阳娜娜，性别：女"), "姓名：欧***，性别：女");
  EXPECT_EQ(redact_log_text("姓名 李四 已读取"), "姓名 李* 已读取");
  EXPECT_EQ(redact_log_text("\"name\":\"张*\""), "\"name\":\"张*\"");
  // Found by fuzz_log_redaction: a star after a name key must not shield digits behind it.
  EXPECT_EQ(redact_log_text("姓名5555555555555555*55"), "姓名5555********5555*55");
}

TEST(LogRedaction, PinApdusLoseTheirData) {
  // VERIFY, spaced and contiguous; CHANGE REFERENCE DATA; RESET RETRY COUNTER.
  EXPECT_EQ(redact_log_text("apdu 00 20 00 01 06 31 32 33 34 35 36"),
            "apdu 00 20 00 01 [PIN redacted]");
  EXPECT_EQ(redact_log_text("> 00200001063132333435369000"), "> 00200001[PIN redacted]");
  EXPECT_EQ(redact_log_text("00 24 00 01 0C 31 32 33 34 35 36 31 32 33 34 35 37"),
            "00 24 00 01 [PIN redacted]");
  EXPECT_EQ(redact_log_text("84 2C 00 01 08 11 22 33 44 55 66 77 88"),
            "84 2C 00 01 [PIN redacted]");
  // Other commands keep their bytes: a trace must stay useful.
  EXPECT_EQ(redact_log_text("00 A4 04 00 07 A0 00 00 03 33 01 01"),
            "00 A4 04 00 07 A0 00 00 03 33 01 01");
  EXPECT_EQ(redact_log_text("00B0000010"), "00B0000010");
}

TEST(LogRedaction, NeverGrowsUnboundedAndSurvivesOddBytes) {
  std::string odd = "姓名";
  odd += std::string("\xff\xfe\x00\x80", 4);
  odd += "00 20";
  EXPECT_FALSE(redact_log_text(odd).empty());
  EXPECT_EQ(redact_log_text(""), "");
  EXPECT_EQ(redact_log_text("姓名"), "姓名");
}

}  // namespace
