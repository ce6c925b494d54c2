#include "drivers/emulated/synthetic_cards.hpp"

#include "drivers/resident_id.hpp"

namespace drivers::emulated {
namespace {

std::u32string decode(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0) {
      cp = c & 0x07;
      n = 4;
    } else if (c >= 0xE0) {
      cp = c & 0x0F;
      n = 3;
    } else if (c >= 0xC0) {
      cp = c & 0x1F;
      n = 2;
    }
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

}  // namespace

void TextRecord::put(std::size_t at, std::size_t len, const std::string& utf8) {
  const std::u32string s = decode(utf8);
  for (std::size_t i = 0; i < len / 2 && at + 2 * i + 1 < bytes.size(); ++i) {
    const char32_t c = i < s.size() ? s[i] : U' ';
    bytes[at + 2 * i] = static_cast<std::uint8_t>(c & 0xFF);
    bytes[at + 2 * i + 1] = static_cast<std::uint8_t>((c >> 8) & 0xFF);
  }
}

std::string synthetic_id_number(const std::string& first17) {
  return first17 + id_check_character(first17);
}

TextRecord synthetic_resident(const std::string& valid_to) {
  TextRecord r;
  r.put(0, 30, "测试甲");
  r.put(30, 2, "2");
  r.put(32, 4, "01");
  r.put(36, 16, "19900101");
  r.put(52, 70, "上海市测试区示例路1号");
  r.put(122, 36, synthetic_id_number("31010119900101123"));
  r.put(158, 30, "上海市公安局测试分局");
  r.put(188, 16, "20160101");
  r.put(204, 16, valid_to);
  return r;
}

TextRecord synthetic_hk_macao_taiwan() {
  TextRecord r;
  r.put(0, 30, "测试乙");
  r.put(30, 2, "1");
  r.put(36, 16, "19850606");
  r.put(52, 70, "广东省测试市示例街2号");
  r.put(122, 36, synthetic_id_number("81000019850606001"));
  r.put(158, 30, "测试市公安局");
  r.put(188, 16, "20200101");
  r.put(204, 16, "20300101");
  r.put(220, 18, "H00000000");
  r.type('J');
  return r;
}

TextRecord synthetic_foreigner_2017() {
  TextRecord r;
  r.put(0, 120, "TESTER, EXAMPLE");
  r.put(120, 2, "1");
  r.put(122, 30, "CAN110000000001");
  r.put(152, 6, "CAN");
  r.put(158, 30, "测试丙");
  r.put(188, 16, "20180101");
  r.put(204, 16, "20280101");
  r.put(220, 16, "19800202");
  r.put(236, 4, "01");
  r.put(240, 8, "1100");
  r.type('I');
  return r;
}

TextRecord synthetic_foreigner_2023() {
  TextRecord r;
  r.put(0, 120, "SAMPLE, PERSON");
  r.put(120, 2, "2");
  r.put(122, 36, synthetic_id_number("91240019800303001"));
  r.put(158, 6, "AUS");
  r.put(164, 30, "测试丁");
  r.put(194, 16, "20240101");
  r.put(210, 16, "20340101");
  r.put(226, 16, "19800303");
  r.put(242, 4, "00");
  r.type('Y');
  return r;
}

std::vector<std::uint8_t> synthetic_photo() {
  std::vector<std::uint8_t> p(1024);
  for (std::size_t i = 0; i < p.size(); ++i) p[i] = static_cast<std::uint8_t>(0x57 ^ (i * 13));
  return p;
}

}  // namespace drivers::emulated
