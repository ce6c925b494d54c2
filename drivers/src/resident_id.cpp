#include "drivers/resident_id.hpp"

#include <array>
#include <charconv>

#include "drivers/masking.hpp"

namespace drivers {

IdReadResult parse_foreigner(std::span<const std::uint8_t> r, bool layout_2023, CivilDate today);

namespace {

// UCS-2LE field [begin, end) bytes -> UTF-8, trailing spaces dropped.
std::string field(std::span<const std::uint8_t> r, std::size_t begin, std::size_t end) {
  std::string out;
  for (std::size_t i = begin; i + 1 < end; i += 2) {
    const char32_t c = static_cast<char32_t>(r[i] | (r[i + 1] << 8));
    if (c == 0) break;
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string field(std::span<const std::uint8_t> r, RecordField f) {
  return field(r, f.at, f.end());
}

std::optional<CivilDate> date(std::string_view s) {
  if (s.size() != 8) return std::nullopt;
  CivilDate d;
  auto num = [&](std::size_t at, std::size_t n, int& v) {
    auto [p, ec] = std::from_chars(s.data() + at, s.data() + at + n, v);
    return ec == std::errc() && p == s.data() + at + n;
  };
  if (!num(0, 4, d.year) || !num(4, 2, d.month) || !num(6, 2, d.day)) return std::nullopt;
  static constexpr std::array<int, 12> kDays{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > kDays[d.month - 1]) {
    return std::nullopt;
  }
  const bool leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
  if (d.month == 2 && d.day == 29 && !leap) return std::nullopt;
  return d;
}

const char* sex_name(const std::string& code) {
  return code == "1" ? "男" : code == "2" ? "女" : code == "0" ? "未知的性别" : "未说明的性别";
}

bool upper_letters(std::string_view s) {
  for (char c : s) {
    if (c < 'A' || c > 'Z') return false;
  }
  return !s.empty();
}

bool digits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// Byte offsets of one foreigner-card layout; the rest of the parse is shared.
struct ForeignerLayout {
  std::size_t english_name, sex, number, number_len, nationality, chinese_name, chinese_len,
      valid_from, valid_to, birth, version, version_len;
};
// 2017 ('I'): the published 外国人永久居留身份证 machine-readable table: English name 120,
// sex 2, number 30 (15 characters), nationality 6, Chinese name 30, issue date 16, expiry 16,
// birth 16, card version 4, authority code 8, type 'I' 2, reserved 6.
constexpr ForeignerLayout kForeigner2017{0, 120, 122, 30, 152, 158, 30, 188, 204, 220, 236, 4};
// 2023 ('Y'): the same order with the 18-character number (36 bytes) and the 换证次数 field in
// place of the version. Offsets inferred from the 2023 machine-readable rules; confirm against
// a real 'Y' card when one is available (the layout is one table row, nothing else changes).
constexpr ForeignerLayout kForeigner2023{0, 120, 122, 36, 158, 164, 30, 194, 210, 226, 242, 4};

}  // namespace

IdReadResult parse_foreigner(std::span<const std::uint8_t> r, bool layout_2023, CivilDate today) {
  IdReadResult out;
  auto refuse = [&](std::string error, CardFault fault) {
    out.error = std::move(error);
    out.fault = fault;
    return out;
  };
  const ForeignerLayout& L = layout_2023 ? kForeigner2023 : kForeigner2017;
  IdCard card;
  card.kind = layout_2023 ? CardKind::ForeignPermanent2023 : CardKind::ForeignPermanent2017;
  card.english_name = SecureString(field(r, L.english_name, L.english_name + 120));
  card.sex = sex_name(field(r, L.sex, L.sex + 2));
  const std::string number = field(r, L.number, L.number + L.number_len);
  card.nationality = field(r, L.nationality, L.nationality + 6);
  card.name = SecureString(field(r, L.chinese_name, L.chinese_name + L.chinese_len));
  card.valid_from = field(r, L.valid_from, L.valid_from + 16);
  card.valid_to = field(r, L.valid_to, L.valid_to + 16);
  const std::string birth = field(r, L.birth, L.birth + 16);
  card.birth = SecureString(birth);
  card.card_version = field(r, L.version, L.version + L.version_len);
  if (!upper_letters(card.nationality) || card.nationality.size() != 3) {
    return refuse("nationality code is not three capital letters", CardFault::IdCardCheckFailed);
  }
  const bool number_ok =
      layout_2023
          ? number.size() == 18 && number[0] == '9' && id_number_valid(number)
          : number.size() == 15 && upper_letters(number.substr(0, 3)) && digits(number.substr(3));
  if (!number_ok) {
    return refuse(std::string("permanent residence number malformed (") +
                      (layout_2023 ? "2023" : "2017") + " layout): " + mask_id_number(number),
                  CardFault::IdNumberInvalid);
  }
  card.id_number = SecureString(number);
  const auto born = date(birth);
  const auto from = date(card.valid_from);
  const auto to = date(card.valid_to);
  if (!born || !from || !to || *from > *to || *born > *from) {
    return refuse("dates on the card are not valid", CardFault::IdCardCheckFailed);
  }
  card.expired = *to < today;
  out.card = std::move(card);
  if (out.card->expired) out.fault = CardFault::IdCardExpired;
  return out;
}

char id_check_character(std::string_view first17) {
  static constexpr std::array<int, 17> kWeights{7, 9, 10, 5,  8, 4, 2, 1, 6,
                                                3, 7, 9,  10, 5, 8, 4, 2};
  static constexpr char kCheck[] = "10X98765432";
  int sum = 0;
  for (std::size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * kWeights[i];
  return kCheck[sum % 11];
}

bool id_number_valid(std::string_view id) {
  if (id.size() != 18) return false;
  for (std::size_t i = 0; i < 17; ++i) {
    if (id[i] < '0' || id[i] > '9') return false;
  }
  const char last = id[17] == 'x' ? 'X' : id[17];
  return id_check_character(id.substr(0, 17)) == last;
}

std::string nation_name(int code) {
  static constexpr std::array<const char*, 56> kNations{
      "汉",     "蒙古",   "回",       "藏",     "维吾尔",   "苗",   "彝",     "壮",
      "布依",   "朝鲜",   "满",       "侗",     "瑶",       "白",   "土家",   "哈尼",
      "哈萨克", "傣",     "黎",       "傈僳",   "佤",       "畲",   "高山",   "拉祜",
      "水",     "东乡",   "纳西",     "景颇",   "柯尔克孜", "土",   "达斡尔", "仫佬",
      "羌",     "布朗",   "撒拉",     "毛南",   "仡佬",     "锡伯", "阿昌",   "普米",
      "塔吉克", "怒",     "乌孜别克", "俄罗斯", "鄂温克",   "德昂", "保安",   "裕固",
      "京",     "塔塔尔", "独龙",     "鄂伦春", "赫哲",     "门巴", "珞巴",   "基诺"};
  if (code >= 1 && code <= 56)
    return std::string(kNations[static_cast<std::size_t>(code - 1)]) + "族";
  if (code == 97) return "其他";
  if (code == 98) return "外国血统中国籍人士";
  return {};
}

// The resident fields follow one another without gaps, and none reaches the type byte.
static_assert([] {
  const auto& L = kResidentLayout;
  const RecordField order[] = {L.name,      L.sex,       L.nation,     L.birth,    L.address,
                               L.id_number, L.authority, L.valid_from, L.valid_to, L.pass_number};
  for (std::size_t i = 1; i < std::size(order); ++i) {
    if (order[i].at != order[i - 1].end()) return false;
  }
  return L.pass_number.end() <= L.card_type.at && L.card_type.end() <= 256;
}());

IdReadResult parse_id_text(std::span<const std::uint8_t> r, CivilDate today) {
  IdReadResult out;
  auto refuse = [&](std::string error, CardFault fault) {
    out.error = std::move(error);
    out.fault = fault;
    return out;
  };
  if (r.size() != 256) {
    return refuse("ID text record is " + std::to_string(r.size()) + " bytes, expected 256",
                  CardFault::IdReadFailed);
  }
  const auto& L = kResidentLayout;
  const char32_t type = static_cast<char32_t>(r[L.card_type.at] | (r[L.card_type.at + 1] << 8));
  if (type == U'I' || type == U'Y') return parse_foreigner(r, type == U'Y', today);
  IdCard card;
  card.kind = type == U'J' ? CardKind::HkMacaoTaiwanResidence : CardKind::ResidentId;
  card.name = SecureString(field(r, L.name));
  const std::string sex = field(r, L.sex);
  card.sex = sex_name(sex);
  if (card.kind == CardKind::ResidentId) {
    const std::string nation = field(r, L.nation);
    int code = 0;
    std::from_chars(nation.data(), nation.data() + nation.size(), code);
    card.nation = nation_name(code);
    if (card.nation.empty()) {
      return refuse("nation code '" + nation + "' not in GB 3304", CardFault::IdCardCheckFailed);
    }
  }
  const std::string birth = field(r, L.birth);
  card.birth = SecureString(birth);
  card.address = SecureString(field(r, L.address));
  const std::string id = field(r, L.id_number);
  card.authority = SecureString(field(r, L.authority));
  card.valid_from = field(r, L.valid_from);
  card.valid_to = field(r, L.valid_to);
  if (card.kind == CardKind::HkMacaoTaiwanResidence)
    card.pass_number = SecureString(field(r, L.pass_number));
  if (!id_number_valid(id)) {
    return refuse("ID number check digit wrong: " + mask_id_number(id), CardFault::IdNumberInvalid);
  }
  card.id_number = SecureString(id);
  const auto born = date(birth);
  const auto from = date(card.valid_from);
  const bool long_term = card.valid_to == "长期";
  const auto to =
      long_term ? std::optional<CivilDate>(CivilDate{9999, 12, 31}) : date(card.valid_to);
  if (!born || !from || !to || *from > *to || *born > *from) {
    return refuse("dates on the card are not valid", CardFault::IdCardCheckFailed);
  }
  if (id.substr(6, 8) != birth) {
    return refuse("birth date and ID number disagree", CardFault::IdCardCheckFailed);
  }
  card.expired = *to < today;
  out.card = std::move(card);
  if (out.card->expired) out.fault = CardFault::IdCardExpired;
  return out;
}

}  // namespace drivers
