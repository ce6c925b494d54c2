#include "card_wording.hpp"

#include "drivers/masking.hpp"

namespace kiosk::card_wording {

std::string kind(const drivers::IdCard& c) {
  switch (c.kind) {
    case drivers::CardKind::ResidentId:
      return "居民身份证";
    case drivers::CardKind::HkMacaoTaiwanResidence:
      return "港澳台居民居住证";
    case drivers::CardKind::ForeignPermanent2017:
    case drivers::CardKind::ForeignPermanent2023:
      return "外国人永久居留身份证";
  }
  return "证件";
}

std::string date(const std::string& d) {
  if (d.size() != 8 || d.find_first_not_of("0123456789") != std::string::npos) return d;
  auto num = [&](std::size_t at, std::size_t n) {
    return std::to_string(std::stoi(d.substr(at, n)));
  };
  return num(0, 4) + "年" + num(4, 2) + "月" + num(6, 2) + "日";
}

std::string last4(std::string_view id) {
  return std::string(id.size() >= 4 ? id.substr(id.size() - 4) : id);
}

std::string read_masked(const drivers::IdCard& c) {
  return "已读取" + kind(c) + "。" + drivers::mask_name(c.name.reveal()) + "，证件号码尾号" +
         last4(c.id_number.reveal()) + "。";
}

std::string filled(const drivers::IdCard& c, const std::string& what) {
  return "已读取" + kind(c) + "，已为您填写" + what + "。证件号码尾号" +
         last4(c.id_number.reveal()) + "。";
}

std::string expired(const drivers::IdCard& c) {
  return "您的证件已过有效期，有效期至" +
         (c.valid_to == "长期" ? std::string("长期") : date(c.valid_to)) + "。请到人工窗口办理。";
}

std::string card_inserted() {
  return "卡片已插入，请稍候。";
}

std::string card_removed() {
  return "卡片已取出。";
}

std::string reader_trouble() {
  return "读卡器暂时不能使用，请工作人员检查。";
}

std::string failed(const drivers::CardEvent& e) {
  return e.citizen_message.empty() ? std::string("读卡没有成功，请重新放置证件。")
                                   : e.citizen_message;
}

}  // namespace kiosk::card_wording
