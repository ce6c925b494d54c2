// What the review (review/review_region.cpp) says: a character with what tells it apart, a
// word, a sentence; the edge tone first, in the same utterance, when there was nothing further.
#include "announcer.hpp"
#include "tts/spelling.hpp"
#include "tts/utf8.hpp"

namespace kiosk {
namespace {

bool is_hanzi(char32_t c) {
  return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF);
}

// Marks have no sound of their own: their names, as counter staff say them.
const char* mark_name(char32_t c) {
  switch (c) {
    case U'。':
    case U'.':
      return "句号";
    case U'，':
    case U',':
      return "逗号";
    case U'、':
      return "顿号";
    case U'；':
    case U';':
      return "分号";
    case U'：':
    case U':':
      return "冒号";
    case U'？':
    case U'?':
      return "问号";
    case U'！':
    case U'!':
      return "感叹号";
    case U'“':
      return "左引号";
    case U'”':
      return "右引号";
    case U'"':
      return "引号";
    case U'（':
    case U'(':
      return "左括号";
    case U'）':
    case U')':
      return "右括号";
    case U'《':
      return "左书名号";
    case U'》':
      return "右书名号";
    case U'—':
      return "破折号";
    case U'…':
      return "省略号";
    case U'-':
      return "横杠";
    case U'/':
      return "斜杠";
    case U'@':
      return "圆圈A";
    case U'#':
      return "井号";
    case U'*':
      return "星号";
    case U'·':
      return "间隔号";
    case U'¥':
      return "人民币符号";
    case U'%':
      return "百分号";
    default:
      return nullptr;
  }
}

// One character as spelling names it (数字七，不是字母O; 大写字母K), without the count
// spelling starts with, or a mark's name.
std::string named(const std::string& ch) {
  const std::u32string c = tts::decode_utf8(ch);
  if (c.size() == 1) {
    if (const char* name = mark_name(c[0])) return name;
  }
  const auto segments = tts::spell(ch);
  std::string out;
  for (std::size_t i = 1; i < segments.size(); ++i) out += segments[i].text;
  return out.empty() ? ch : out;
}

}  // namespace

void Announcer::review_char(const std::string& ch, const std::string& description, bool edge) {
  const tts::Earcon first = edge ? tts::Earcon::Error : tts::Earcon::None;
  const std::u32string c = tts::decode_utf8(ch);
  if (c.size() == 1 && is_hanzi(c[0])) {
    say(description.empty() ? ch : ch + "，" + description, Reason::Help, first);
    return;
  }
  say(named(ch), Reason::Help, first);
}

void Announcer::review_text(const std::string& text, bool edge) {
  const std::u32string c = tts::decode_utf8(text);
  if (c.size() == 1 && !is_hanzi(c[0])) {
    review_char(text, {}, edge);  // a mark on its own would be silent
    return;
  }
  say(text, Reason::Help, edge ? tts::Earcon::Error : tts::Earcon::None);
}

void Announcer::review_nothing() {
  say("没有文字", Reason::Edge, tts::Earcon::Error);
}

void Announcer::image_text_started() {
  say("正在识别图片中的文字，请稍候", Reason::Loading);
}

void Announcer::image_text(const std::string& text) {
  // Its lines are shown as lines; heard, a line end is a pause (and one utterance stays one
  // line of the utterance log).
  std::string heard = text;
  for (char& c : heard) {
    if (c == '\n') c = ' ';
  }
  say("图片中识别出的文字：" + heard, Reason::Help);
}

void Announcer::image_text_failed(const std::string& citizen_sentence) {
  say(citizen_sentence, Reason::Loading, tts::Earcon::Error);
}

void Announcer::image_text_no_image() {
  say("这一项没有图片", Reason::Edge, tts::Earcon::Error);
}

}  // namespace kiosk
