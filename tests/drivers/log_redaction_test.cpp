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

TEST(LogRedaction, PercentEncodedNamesInQueriesAreMasked) {
  // 张三 as a GET form sends it, after name=, xm= and 姓名= (itself plain or encoded).
  EXPECT_EQ(redact_log_text("HTTP 404 for http://gw/q?name=%E5%BC%A0%E4%B8%89&district=xuhui"),
            "HTTP 404 for http://gw/q?name=张*&district=xuhui");
  EXPECT_EQ(redact_log_text("GET /lookup?xm=%e6%ac%a7%e9%98%b3%e5%a8%9c%e5%a8%9c HTTP/1.1"),
            "GET /lookup?xm=欧*** HTTP/1.1");
  EXPECT_EQ(redact_log_text("?姓名=%E6%9D%8E%E5%9B%9B&x=1"), "?姓名=李*&x=1");
  EXPECT_EQ(redact_log_text("?%E5%A7%93%E5%90%8D=%E6%9D%8E%E5%9B%9B&x=1"),
            "?%E5%A7%93%E5%90%8D=李*&x=1");
  // Form encoding: + is a space; the whole value is hidden after its first letter.
  EXPECT_EQ(redact_log_text("fullname=Zhang+San%20Jr&ok"), "fullname=Z***********&ok");
  // Decoded control bytes never reach the technician's terminal.
  EXPECT_EQ(redact_log_text("name=%0A%1B[2J"), "name=*****");
}

TEST(LogRedaction, PersonalKeyValuePairsAreMasked) {
  EXPECT_EQ(redact_log_text("submit realname=王小明 idcard=31010119900101123X mobile=13912345678"),
            "submit realname=王** idcard=3101**********123X mobile=139****5678");
  EXPECT_EQ(redact_log_text("/q?sfzh=310101199001011234&zjhm=A1234567&tel=021-12345678"),
            "/q?sfzh=3101**********1234&zjhm=********&tel=021*****5678");
  EXPECT_EQ(
      redact_log_text("{\"phone\":\"13812345678\",\"address\":\"上海市黄浦区人民大道200号\"}"),
      "{\"phone\":\"138****5678\",\"address\":\"上海市黄浦区********\"}");
  EXPECT_EQ(redact_log_text("addr=%E4%B8%8A%E6%B5%B7%E5%B8%82%E9%BB%84%E6%B5%A6%E5%8C%BA%E4%BA%BA"),
            "addr=上海市黄浦区*");
  // A grouped number after a phone key is one value, not "138" and a clear rest.
  EXPECT_EQ(redact_log_text("mobile=138 1234 5678 ok"), "mobile=138******5678 ok");
  // Keys in any case, with : or ： and spaces; quoted values keep their spaces inside.
  EXPECT_EQ(redact_log_text("Name: Zhang, PHONE=13812345678"), "Name: Z****, PHONE=138****5678");
  EXPECT_EQ(redact_log_text("\"name\": \"Zhang San\" ok"), "\"name\": \"Z********\" ok");
  EXPECT_EQ(redact_log_text("手机号码：13812345678，证件号码=A1234567"),
            "手机号码：138****5678，证件号码=********");
  // Only whole keys: username=, hostname=, filename=, hotel= are no personal keys.
  const std::string words = "username=admin hostname=kiosk-12 filename=a.png hotel=ok";
  EXPECT_EQ(redact_log_text(words), words);
  // A key with no value, and a bare key in a sentence, stay as they are.
  EXPECT_EQ(redact_log_text("name= phone=&tel"), "name= phone=&tel");
  EXPECT_EQ(redact_log_text("the name field; tel and mobile numbers; 服务器地址 127.0.0.1"),
            "the name field; tel and mobile numbers; 服务器地址 127.0.0.1");
}

TEST(LogRedaction, MobileNumbersAreMaskedWithOrWithoutSeparators) {
  EXPECT_EQ(redact_log_text("sms to 13812345678 sent"), "sms to 138****5678 sent");
  EXPECT_EQ(redact_log_text("tel 138 1234 5678."), "tel 138 **** 5678.");
  EXPECT_EQ(redact_log_text("call 199-8765-4321"), "call 199-****-4321");
  EXPECT_EQ(redact_log_text("+86 15012345678"), "+86 150****5678");
  EXPECT_EQ(redact_log_text("手机15912345678已验证"), "手机159****5678已验证");
  // Not mobiles: 1[0-2] prefixes, 10 or 11 digits in other groupings.
  const std::string others = "12012345678 1381234567 1381 234 5678 138-1234-56789";
  EXPECT_EQ(redact_log_text(others), others);
}

TEST(LogRedaction, MaskedValuesStayMaskedAndRedactionIsStable) {
  for (const std::string line :
       {"name=张*&xm=欧***", "phone=138****5678 138 **** 5678", "\"address\":\"上海市黄浦区*****\"",
        "sfzh=3101**********1234", "姓名：李*"}) {
    EXPECT_EQ(redact_log_text(line), line) << line;
  }
  for (const std::string line :
       {"http://gw/q?name=%E5%BC%A0%E4%B8%89&sfzh=310101199001011234&phone=13812345678",
        "{\"name\":\"张三\",\"mobile\":\"138 1234 5678\"}", "13812345678 310101199001011234"}) {
    const std::string once = redact_log_text(line);
    EXPECT_EQ(redact_log_text(once), once) << line;
  }
  // A star does not shield what follows it in the same value.
  EXPECT_EQ(redact_log_text("phone=*13812345678"), "phone=*138****5678");
}

TEST(LogRedaction, OrdinaryLogLinesAreLeftAlone) {
  for (const std::string line : {
           "2026-11-27T12:45:33.123456+08:00 kioskd[412]: kiosk ready in 1843 ms",
           "Nov 27 12:45:33 kiosk-0042 kioskd[1412]: wait-page: at http://127.0.0.1:8088/query",
           "listening on 127.0.0.1:38123, timeout 15000 ms, 1920x1080 @ 60 Hz",
           "fetch took 0.125 s (13 redirects, 1 KB), uptime 86400 s, rss 131072 KB",
           "board desktop (board/profiles/desktop.toml): body text 32 px",
           "card reader: inserted ACS ACR39U 00 00; epoch 1764242733",
           "page larger than 4096 KB: http://127.0.0.1:8088/big",
       }) {
    EXPECT_EQ(redact_log_text(line), line) << line;
  }
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
