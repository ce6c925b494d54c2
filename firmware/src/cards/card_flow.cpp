#include "card_flow.hpp"

#include "browse/builtin_pages.hpp"
#include "card_wording.hpp"
#include "drivers/masking.hpp"

namespace kiosk {
namespace {

ui::Document card_page(const drivers::IdCard& c) {
  using card_wording::kind;
  ui::Document d;
  d.title = "已读取" + kind(c);
  d.blocks.push_back(ui::make_heading(1, "已读取您的" + kind(c)));
  d.blocks.push_back(ui::make_paragraph("姓名：" + drivers::mask_name(c.name.reveal())));
  d.blocks.push_back(
      ui::make_paragraph("证件号码：" + drivers::mask_id_number(c.id_number.reveal())));
  d.blocks.push_back(
      ui::make_paragraph("有效期至：" + (c.valid_to == "长期" ? std::string("长期")
                                                              : card_wording::date(c.valid_to))));
  d.blocks.push_back(ui::make_paragraph(
      "为保护您的隐私，号码只显示前四位和后四位。办理完毕请取走证件；离开后本机会清除您的信息。"));
  return d;
}

}  // namespace

bool CardFlow::is_activity(const drivers::CardEvent& e) {
  return e.kind == drivers::CardEvent::Kind::IdCardRead ||
         e.kind == drivers::CardEvent::Kind::CardInserted;
}

void CardFlow::tell(const std::string& caption, const std::string& sentence, bool error) {
  view_.set_caption_override(caption);
  announcer_.card(sentence, error);
}

namespace {
std::string joined(const std::vector<std::string>& parts) {
  std::string what;
  for (std::size_t i = 0; i < parts.size(); ++i) what += (i == 0 ? "" : "和") + parts[i];
  return what;
}
}  // namespace

Outcome CardFlow::identify_requested() {
  if (const drivers::IdCard* c = citizen_.id_card(); c != nullptr && !c->expired) {
    const std::string what = joined(forms_.fill_from_card(*c));
    view_.set_caption_override(card_wording::identified_caption(*c));
    announcer_.identify_prompt(view_, card_wording::identified(*c, what));
    awaiting_identify_ = false;
    return Outcome::Redraw;
  }
  awaiting_identify_ = true;
  view_.set_caption_override(card_wording::identify_prompt());
  announcer_.identify_prompt(view_, card_wording::identify_prompt());
  return Outcome::Redraw;
}

Outcome CardFlow::on_event(drivers::CardEvent e) {
  using K = drivers::CardEvent::Kind;
  switch (e.kind) {
    case K::IdCardRead: {
      if (!e.id_card) return Outcome::Unchanged;
      citizen_.set_id_card(std::move(*e.id_card));
      const drivers::IdCard& c = *citizen_.id_card();
      if (c.expired) {
        browser_.show(message_page("证件已过有效期", card_wording::expired(c)));
        tell("证件已过期", card_wording::expired(c), true);
        return Outcome::Redraw;
      }
      // Fill the page's fields that ask for the holder's name or ID number.
      const auto filled = forms_.fill_from_card(c);
      if (awaiting_identify_) {
        // The page that asked stays; the card lies on the reader: the citizen takes it back.
        awaiting_identify_ = false;
        tell(card_wording::identified_caption(c), card_wording::identified(c, joined(filled)),
             false);
        return Outcome::Redraw;
      }
      if (!filled.empty()) {
        std::string what = filled[0];
        for (std::size_t i = 1; i < filled.size(); ++i) what += "和" + filled[i];
        tell("已读取证件，已填写" + what, card_wording::filled(c, what), false);
        return Outcome::Redraw;
      }
      browser_.show(card_page(c));
      announcer_.card(card_wording::read_masked(c), false);
      return Outcome::Redraw;
    }
    case K::IdCardFailed:
    case K::CardError:
      tell(card_wording::failed(e), card_wording::failed(e), true);
      return Outcome::Redraw;
    case K::CardInserted:
      smart_card_in_ = true;
      if (pin_.card_inserted()) return Outcome::Redraw;  // the page asked for its PIN
      if (awaiting_identify_) {
        tell(card_wording::wrong_card_for_identify(), card_wording::wrong_card_for_identify(),
             true);
        return Outcome::Redraw;
      }
      tell("卡片已插入", card_wording::card_inserted(), false);
      return Outcome::Redraw;
    case K::CardRemoved:
      smart_card_in_ = false;
      pin_.card_removed();
      citizen_.forget_id_card();
      tell("卡片已取出", card_wording::card_removed(), false);
      return Outcome::Redraw;
    case K::ReaderRemoved:
    case K::ReaderError:
      if (awaiting_identify_) {
        tell(card_wording::reader_trouble_identify(), card_wording::reader_trouble_identify(),
             true);
        return Outcome::Redraw;
      }
      tell("读卡器暂时不能使用，请工作人员检查", card_wording::reader_trouble(), true);
      return Outcome::Redraw;
    case K::ReaderAdded:
      return Outcome::Unchanged;
  }
  return Outcome::Unchanged;
}

}  // namespace kiosk
