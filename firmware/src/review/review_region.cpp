#include "review_region.hpp"

#include "tts/spelling.hpp"
#include "utf8.hpp"

namespace kiosk {

using review::Span;

ReviewRegion::Reviewed ReviewRegion::reviewed_text() const {
  // The field being typed into, else the focused field: its value, not its label.
  const FormField* field = forms_.editing_field();
  if (field == nullptr) {
    if (const ui::InlineRun* run = view_.focused_link()) {
      if (const auto* control = std::get_if<ui::ControlTarget>(&run->target)) {
        for (const auto& f : forms_.forms().fields) {
          if (f.dom == control->node) field = &f;
        }
      }
    }
  }
  if (field == nullptr || field->value.empty() || !field->options.empty()) {
    return {view_.focused_text(), false};
  }
  const bool headphones = announcer_.speaker().private_listening();
  switch (field->sensitivity) {
    case Sensitivity::None:
      return {std::string(field->value.reveal()), false};
    case Sensitivity::PersonName:
    case Sensitivity::IdNumber:
    case Sensitivity::Phone:
      // In the citizen's own headphones in clear; in the hall as the hall may see it.
      if (headphones) return {std::string(field->value.reveal()), true};
      return {PageForms::shown_value(*field), false};
    case Sensitivity::Secret:
      break;
  }
  return {PageForms::shown_value(*field), false};
}

std::string ReviewRegion::describe(char32_t c, bool more) const {
  if (!review::is_han(c)) return {};
  std::string ch;
  review::append_code_point(ch, c);
  std::string out = tts::describe_hanzi(c);  // the team's table: 弓长张
  if (const review::Dictionary* d = dictionary_.ready()) {
    for (const std::string& w : d->words_with(c)) {
      if (!out.empty() && !more) break;
      out += (out.empty() ? "" : "，") + w + "的" + ch;  // 组词: 主张的张
    }
  }
  return out;
}

Outcome ReviewRegion::command(Command command) {
  enum class Unit { Char, Word, Sentence };
  Unit unit = Unit::Char;
  bool forward = true;
  switch (command) {
    case Command::ReviewPreviousChar:
      forward = false;
      break;
    case Command::ReviewNextChar:
      break;
    case Command::ReviewPreviousWord:
      unit = Unit::Word;
      forward = false;
      break;
    case Command::ReviewNextWord:
      unit = Unit::Word;
      break;
    case Command::ReviewPreviousSentence:
      unit = Unit::Sentence;
      forward = false;
      break;
    case Command::ReviewNextSentence:
      unit = Unit::Sentence;
      break;
    case Command::DescribeChar:
      break;
    default:
      return Outcome::NotMine;
  }
  dictionary_.start();  // the first review reads the dictionary, off this thread
  const Reviewed r = reviewed_text();
  if (view_.document_generation() != generation_ || !(view_.focus() == focus_) || r.text != text_) {
    cursor_.reset();
    generation_ = view_.document_generation();
    focus_ = view_.focus();
    text_ = r.text;
  }
  const std::u32string text = review::to_code_points(r.text);
  std::vector<Span> units;
  switch (unit) {
    case Unit::Char:
      units = review::character_spans(text);
      break;
    case Unit::Word:
      units = review::segment_words(text, dictionary_.ready());
      break;
    case Unit::Sentence:
      units = review::sentence_spans(text);
      break;
  }
  std::optional<review::ReviewCursor::Move> move;
  if (command == Command::DescribeChar) {
    if (const auto at = cursor_.current(units)) move = review::ReviewCursor::Move{*at, false};
  } else {
    move = cursor_.move(units, forward);
  }
  if (!move) {
    announcer_.review_nothing();
    return Outcome::Unchanged;
  }
  const std::u32string_view piece =
      std::u32string_view(text).substr(move->unit.begin, move->unit.end - move->unit.begin);
  const std::string said = review::to_utf8(piece);
  std::string caption = said;
  if (piece.size() == 1 && unit == Unit::Char) {
    const std::string description = describe(piece[0], command == Command::DescribeChar);
    announcer_.review_char(said, description, move->edge);
    if (!description.empty()) caption += "（" + description + "）";
  } else {
    announcer_.review_text(said, move->edge);
  }
  if (r.hidden_on_screen) {
    // Heard in the headphones only: the screen shows where, not what.
    caption =
        "第" + std::to_string(move->unit.begin + 1) + "位，共" + std::to_string(text.size()) + "位";
  }
  view_.set_caption_override(caption);
  return Outcome::Redraw;
}

}  // namespace kiosk
