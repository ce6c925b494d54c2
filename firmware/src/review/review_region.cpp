#include "review_region.hpp"

#include <cstdio>
#include <functional>

#include "tts/spelling.hpp"
#include "utf8.hpp"

namespace kiosk {

using review::Span;

ReviewRegion::Reviewed ReviewRegion::reviewed_text() const {
  // An image's recognised text, while the focus stays on it.
  if (recognised_ && recognised_->generation == view_.document_generation() &&
      recognised_->focus == view_.focus()) {
    return {recognised_->text, false};
  }
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
    case Command::RecogniseImage:
      return recognise_image();
    default:
      return Outcome::NotMine;
  }
  dictionary_.start();  // the first review reads the dictionary, off this thread
  const Reviewed r = reviewed_text();
  const std::size_t hash = std::hash<std::string>{}(r.text);
  if (view_.document_generation() != generation_ || !(view_.focus() == focus_) ||
      hash != text_hash_) {
    cursor_.reset();
    generation_ = view_.document_generation();
    focus_ = view_.focus();
    text_hash_ = hash;
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

Outcome ReviewRegion::recognise_image() {
  const ui::Document& doc = view_.document();
  const ui::ImageRef* image = nullptr;
  for (const auto& i : doc.images) {
    if (i.block == view_.focus().block) {
      image = &i;
      break;
    }
  }
  if (image == nullptr || doc.blocks.empty()) {
    announcer_.image_text_no_image();
    return Outcome::Unchanged;
  }
  const std::string url = resolve_url(page_url_ ? page_url_() : std::string(), image->src);
  if (url.empty()) {
    announcer_.image_text_failed("这张图片的地址无法打开。");
    view_.set_caption_override("这张图片的地址无法打开。");
    return Outcome::Redraw;
  }
  asked_ = Recognised{view_.document_generation(), view_.focus(), {}};
  recognised_.reset();
  reader_.recognise(url);
  announcer_.image_text_started();
  view_.set_caption_override("正在识别图片中的文字……");
  return Outcome::Redraw;
}

Outcome ReviewRegion::poll() {
  auto result = reader_.take();
  if (!result) return Outcome::Unchanged;
  // The citizen has gone on to another page or item: the answer is not thrown at them.
  if (!asked_ || asked_->generation != view_.document_generation() ||
      !(asked_->focus == view_.focus())) {
    asked_.reset();
    return Outcome::Unchanged;
  }
  if (!result->ok()) {
    std::fprintf(stderr, "kioskd: %s\n", result->error().technician.c_str());
    announcer_.image_text_failed(result->error().citizen);
    view_.set_caption_override(result->error().citizen);
    asked_.reset();
    return Outcome::Redraw;
  }
  recognised_ = Recognised{asked_->generation, asked_->focus, std::move(result->value())};
  asked_.reset();
  cursor_.reset();
  announcer_.image_text(recognised_->text);
  view_.set_caption_override("图片中识别出的文字：" + recognised_->text);
  return Outcome::Redraw;
}

void ReviewRegion::forget() {
  cursor_.reset();
  asked_.reset();
  recognised_.reset();
  (void)reader_.take();
  text_hash_ = 0;
}

}  // namespace kiosk
