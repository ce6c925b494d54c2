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

std::string identify_prompt() {
  return "请将身份证放在读卡区。";
}

namespace {
// 身份证尾号1234 for a resident ID card, 证件尾号1234 for the others.
std::string number_tail(const drivers::IdCard& c) {
  return std::string(c.kind == drivers::CardKind::ResidentId ? "身份证" : "证件") + "尾号" +
         last4(c.id_number.reveal());
}
}  // namespace

std::string identified(const drivers::IdCard& c, const std::string& filled_what) {
  return "已读取" + kind(c) + "：" + drivers::mask_name(c.name.reveal()) + "，" + number_tail(c) +
         "。" + (filled_what.empty() ? std::string() : "已为您填写" + filled_what + "。") +
         take_back();
}

std::string identified_caption(const drivers::IdCard& c) {
  return "已读取：" + drivers::mask_name(c.name.reveal()) + "，" + number_tail(c) +
         "。请取回您的身份证";
}

std::string take_back() {
  return "请取回您的身份证。";
}

std::string wrong_card_for_identify() {
  return "这里需要身份证。请取出插入的卡片，将身份证放在读卡区。";
}

std::string reader_trouble_identify() {
  return "读卡器暂时不能使用。请手动填写，或请工作人员协助。";
}

std::string pin_insert_card() {
  return "请将社保卡芯片朝上插入插卡口。";
}

std::string pin_prompt() {
  return "请输入卡片密码，每按一位会有提示音，输入完按确认键。";
}

std::string pin_too_short() {
  return "密码位数不够，请继续输入。";
}

std::string pin_checking() {
  return "正在验证密码，请稍候。";
}

std::string pin_accepted() {
  return "密码正确。";
}

std::string pin_cancelled() {
  return "已取消输入密码。";
}

std::string pin_unavailable() {
  return "密码暂时无法验证，请工作人员协助。";
}

std::string failed(drivers::CardFault fault) {
  using F = drivers::CardFault;
  switch (fault) {
    case F::None:
      break;
    case F::ReaderUnsupported:
      return "读卡器型号不受支持，请工作人员更换";
    case F::ReaderUnusable:
      return "读卡器无法使用，请工作人员检查";
    case F::ReaderUnplugged:
      return "读卡器已断开，请工作人员检查";
    case F::ReaderNotResponding:
      return "读卡器没有响应，请工作人员检查";
    case F::NoCard:
      return "请插入卡片";
    case F::CardMute:
      return "无法读取这张卡，请确认芯片朝上、方向正确后重新插入";
    case F::BadAtr:
      return "无法识别这张卡，请擦拭芯片后重新插入";
    case F::NoCommonProtocol:
      return "这张卡不能在本机使用，请到人工窗口";
    case F::ProtocolError:
      return "读卡失败，请重新插卡";
    case F::NoIdCard:
      return "请把身份证放在读卡区";
    case F::IdCardMoved:
      return "请把身份证放稳，不要移动";
    case F::IdReadInterrupted:
      return "读取证件中断，请把证件放稳后重试";
    case F::IdReadFailed:
      return "读取证件失败，请重新放置";
    case F::IdCardUnreadable:
      return "证件无法识别，请重新放置";
    case F::IdCardCheckFailed:
      return "证件信息校验失败，请重新放置";
    case F::IdNumberInvalid:
      return "证件号码校验失败，请重新放置证件";
    case F::NotAnIdCard:
      return "这不是可以读取的证件，请将身份证放在读卡区";
    case F::IdFieldAbsent:
      return "证件上没有这项内容";
    case F::IdCardExpired:
      return "您的证件已过有效期，请到人工窗口办理";
    case F::SamLinkError:
      return "读卡器通信出错，请重新放置证件";
    case F::SamError:
      return "读卡器出错，请工作人员检查";
    case F::SamBroken:
      return "读卡器故障，请工作人员检查";
    case F::SamNotAuthorised:
      return "读卡器未授权，请工作人员检查";
  }
  return "读卡没有成功，请重新放置证件。";
}

std::string failed(const drivers::CardEvent& e) {
  return failed(e.fault);
}

std::string card_status(const drivers::iso7816::SwText& s) {
  using R = drivers::iso7816::SwReason;
  switch (s.reason) {
    case R::Done:
      return "完成";
    case R::Wait:
      return "请稍候";
    case R::PinWrong:
      return "密码错误，还可以再试" + std::to_string(s.tries_left) + "次";
    case R::PinWrongCardLocked:
      return "密码错误，卡片已锁定，请到人工窗口办理";
    case R::PinRequired:
      return "请先输入密码";
    case R::PinBlocked:
      return "密码已锁定，请到人工窗口办理";
    case R::PinUnusable:
      return "卡片密码不可用，请到人工窗口";
    case R::DataCorrupted:
      return "卡片数据可能损坏，请到人工窗口";
    case R::CardDeactivated:
      return "这张卡已停用，请到人工窗口";
    case R::CardFailure:
      return "卡片故障，请到人工窗口";
    case R::CommandError:
      return "读卡出错，请重新插卡";
    case R::SecureMessagingUnsupported:
      return "这张卡暂不支持，请到人工窗口";
    case R::NotAllowedNow:
      return "这张卡现在不能办理此业务";
    case R::ServiceUnsupported:
      return "这张卡暂不支持此业务";
    case R::ApplicationNotFound:
      return "这张卡没有所需的应用，请确认卡片种类";
    case R::RecordNotFound:
      return "卡片上没有这条记录";
    case R::DataNotFound:
      return "卡片上没有所需数据";
    case R::Unknown:
      break;
  }
  return "读卡出错，请到人工窗口";
}

}  // namespace kiosk::card_wording
