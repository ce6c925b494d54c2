// What the kiosk does when a reader reports something. Shown and spoken values are masked
// (测**, 证件号码尾号1234): the hall is public. Only a form field the citizen is filling gets
// the clear value, and only on the page that asked for it.
#include <algorithm>

#include "drivers/masking.hpp"
#include "kiosk_app.hpp"
#include "ui/layout.hpp"

namespace kiosk {
namespace {

bool any_of_names(const std::string& name, std::initializer_list<const char*> names) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(names.begin(), names.end(), [&](const char* n) { return lower == n; });
}

bool is_name_field(const FormField& f) {
  return f.role == "textbox" &&
         (any_of_names(f.name, {"name", "xm", "fullname", "realname", "username_cn"}) ||
          f.label == "姓名");
}

bool is_id_field(const FormField& f) {
  return f.role == "textbox" && (any_of_names(f.name, {"idcard", "id_card", "idno", "id_number",
                                                       "sfzh", "zjhm", "certno"}) ||
                                 f.label.find("身份证") != std::string::npos ||
                                 f.label.find("证件号码") != std::string::npos);
}

std::string last4(std::string_view id) {
  return id.size() >= 4 ? std::string(id.substr(id.size() - 4)) : std::string(id);
}

std::string kind_text(const drivers::IdCard& c) {
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

std::string date_text(const std::string& yyyymmdd) {
  if (yyyymmdd.size() != 8) return yyyymmdd;
  auto num = [&](std::size_t at, std::size_t n) {
    return std::to_string(std::stoi(yyyymmdd.substr(at, n)));
  };
  return num(0, 4) + "年" + num(4, 2) + "月" + num(6, 2) + "日";
}

ui::Document card_page(const drivers::IdCard& c) {
  ui::Document d;
  d.title = "已读取" + kind_text(c);
  d.blocks.push_back(ui::make_heading(1, "已读取您的" + kind_text(c)));
  d.blocks.push_back(ui::make_paragraph("姓名：" + drivers::mask_name(c.name.reveal())));
  d.blocks.push_back(
      ui::make_paragraph("证件号码：" + drivers::mask_id_number(c.id_number.reveal())));
  d.blocks.push_back(ui::make_paragraph(
      "有效期至：" + (c.valid_to == "长期" ? std::string("长期") : date_text(c.valid_to))));
  d.blocks.push_back(ui::make_paragraph(
      "为保护您的隐私，号码只显示前四位和后四位。办理完毕请取走证件；离开后本机会清除您的信息。"));
  return d;
}

ui::Document message_page(const std::string& title, const std::string& text) {
  ui::Document d;
  d.title = title;
  d.blocks.push_back(ui::make_heading(1, title));
  d.blocks.push_back(ui::make_paragraph(text));
  return d;
}

}  // namespace

Outcome KioskApp::card_event(drivers::CardEvent e) {
  using K = drivers::CardEvent::Kind;
  auto say = [&](const std::string& text, tts::Earcon earcon = tts::Earcon::None) {
    if (speech_ != nullptr) speech_->say(text, earcon);
  };
  switch (e.kind) {
    case K::IdCardRead: {
      if (!e.id_card) return Outcome::Unchanged;
      id_card_ = std::move(e.id_card);
      const drivers::IdCard& c = *id_card_;
      if (c.expired) {
        view_.set_caption_override("证件已过期");
        show(message_page("证件已过有效期",
                          e.citizen_message + "。有效期至" + date_text(c.valid_to) + "。"));
        say("您的证件已过有效期，请到人工窗口办理。", tts::Earcon::Error);
        return Outcome::Redraw;
      }
      // Fill the page's fields that ask for the holder's name or ID number.
      std::vector<std::string> filled;
      for (auto& f : forms_.fields) {
        if (is_name_field(f)) {
          f.value = std::string(c.name.reveal());
          refresh_field(f);
          filled.push_back("姓名");
        } else if (is_id_field(f)) {
          f.value = std::string(c.id_number.reveal());
          refresh_field(f);
          filled.push_back("证件号码");
        }
      }
      if (!filled.empty()) {
        std::string what = filled[0];
        for (std::size_t i = 1; i < filled.size(); ++i) what += "和" + filled[i];
        view_.set_caption_override("已读取证件，已填写" + what);
        say("已读取" + kind_text(c) + "，已为您填写" + what + "。证件号码尾号" +
            last4(c.id_number.reveal()) + "。");
        return Outcome::Redraw;
      }
      show(card_page(c));
      say("已读取" + kind_text(c) + "。" + drivers::mask_name(c.name.reveal()) + "，证件号码尾号" +
          last4(c.id_number.reveal()) + "。");
      return Outcome::Redraw;
    }
    case K::IdCardFailed:
      view_.set_caption_override(e.citizen_message);
      say(e.citizen_message, tts::Earcon::Error);
      return Outcome::Redraw;
    case K::CardInserted:
      view_.set_caption_override("卡片已插入");
      say("卡片已插入，请稍候。");
      return Outcome::Redraw;
    case K::CardError:
      view_.set_caption_override(e.citizen_message);
      say(e.citizen_message, tts::Earcon::Error);
      return Outcome::Redraw;
    case K::CardRemoved:
      id_card_.reset();
      view_.set_caption_override("卡片已取出");
      say("卡片已取出。");
      return Outcome::Redraw;
    case K::ReaderRemoved:
    case K::ReaderError:
      view_.set_caption_override("读卡器暂时不能使用，请工作人员检查");
      say("读卡器暂时不能使用，请工作人员检查。", tts::Earcon::Error);
      return Outcome::Redraw;
    case K::ReaderAdded:
      return Outcome::Unchanged;
  }
  return Outcome::Unchanged;
}

}  // namespace kiosk
