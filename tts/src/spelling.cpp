#include "tts/spelling.hpp"

#include <array>
#include <utility>

#include "tts/text_normalizer.hpp"
#include "tts/utf8.hpp"

namespace tts {
namespace {

// How counter staff tell characters apart on the phone: common surnames and characters that
// sound alike, each with the description people use. Written by the team.
constexpr std::array<std::pair<char32_t, const char*>, 64> kHanziDescriptions{{
    {U'张', "弓长张"},     {U'章', "立早章"},         {U'李', "木子李"},
    {U'王', "三横一竖王"}, {U'刘', "文刀刘"},         {U'陈', "耳东陈"},
    {U'程', "禾木程"},     {U'杨', "木易杨"},         {U'赵', "走肖赵"},
    {U'黄', "黄色的黄"},   {U'周', "周末的周"},       {U'吴', "口天吴"},
    {U'徐', "双人徐"},     {U'孙', "孙子的孙"},       {U'胡', "古月胡"},
    {U'朱', "朱红的朱"},   {U'高', "高低的高"},       {U'林', "双木林"},
    {U'何', "人可何"},     {U'郭', "郭子仪的郭"},     {U'马', "马匹的马"},
    {U'罗', "四夕罗"},     {U'梁', "栋梁的梁"},       {U'宋', "宋朝的宋"},
    {U'郑', "郑重的郑"},   {U'谢', "感谢的谢"},       {U'韩', "韩国的韩"},
    {U'唐', "唐朝的唐"},   {U'冯', "两点水加马的冯"}, {U'于', "干钩于"},
    {U'董', "草字头的董"}, {U'萧', "草字头的萧"},     {U'曹', "曹操的曹"},
    {U'袁', "袁世凯的袁"}, {U'邓', "又耳邓"},         {U'许', "言午许"},
    {U'傅', "傅雷的傅"},   {U'沈', "三点水的沈"},     {U'曾', "曾经的曾"},
    {U'彭', "彭湃的彭"},   {U'吕', "双口吕"},         {U'苏', "苏州的苏"},
    {U'卢', "卢沟桥的卢"}, {U'蒋', "草字头的蒋"},     {U'蔡', "蔡伦的蔡"},
    {U'贾', "西贝贾"},     {U'丁', "甲乙丙丁的丁"},   {U'魏', "魏国的魏"},
    {U'薛', "草字头的薛"}, {U'叶', "树叶的叶"},       {U'阎', "门字框的阎"},
    {U'余', "多余的余"},   {U'潘', "三点水的潘"},     {U'杜', "木土杜"},
    {U'戴', "爱戴的戴"},   {U'夏', "夏天的夏"},       {U'钟', "钟表的钟"},
    {U'汪', "三点水的汪"}, {U'田', "田地的田"},       {U'任', "任务的任"},
    {U'姜', "姜太公的姜"}, {U'范', "模范的范"},       {U'方', "方向的方"},
    {U'石', "石头的石"},
}};

struct Confusable {
  char32_t c;
  const char* zh;  // what it is not, said after it
  const char* en;
};
constexpr std::array<Confusable, 11> kConfusables{{
    {U'0', "不是字母O", "not the letter O"},
    {U'O', "不是数字零", "not the digit zero"},
    {U'1', "不是字母L或I", "not L or I"},
    {U'l', "不是数字一", "not the digit one"},
    {U'I', "不是数字一", "not the digit one"},
    {U'2', "不是字母Z", "not the letter Z"},
    {U'Z', "不是数字二", "not the digit two"},
    {U'5', "不是字母S", "not the letter S"},
    {U'S', "不是数字五", "not the digit five"},
    {U'8', "不是字母B", "not the letter B"},
    {U'B', "不是数字八", "not the digit eight"},
}};

const Confusable* confusable(char32_t c) {
  for (const auto& k : kConfusables) {
    if (k.c == c) return &k;
  }
  return nullptr;
}

}  // namespace

std::string describe_hanzi(char32_t c) {
  for (const auto& [h, d] : kHanziDescriptions) {
    if (h == c) return d;
  }
  return {};
}

std::vector<SpeechSegment> spell(std::string_view text, const SpellingOptions& o) {
  const std::u32string chars = decode_utf8(text);
  const bool zh = o.language == SpellingLanguage::Chinese;
  const Voice base = zh ? Voice::Mandarin : Voice::English;
  std::vector<SpeechSegment> out;
  auto say = [&](std::string s, Voice v, int pause = 0) {
    out.push_back(SpeechSegment{std::move(s), v, o.rate_percent, pause, Earcon::None, {}});
  };
  say(zh ? "共" + read_cardinal(chars.size()) + "个字符"
         : std::to_string(chars.size()) + (chars.size() == 1 ? " character" : " characters"),
      base, o.pause_ms);
  for (char32_t c : chars) {
    const Confusable* conf = confusable(c);
    std::string note =
        conf ? (zh ? std::string("，") + conf->zh : std::string(", ") + conf->en) : "";
    if (c >= U'0' && c <= U'9') {
      say(zh ? "数字" + read_digits(std::u32string(1, c)) + note
             : "digit " + std::string(1, static_cast<char>(c)) + note,
          base, o.pause_ms);
    } else if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) {
      const bool upper = c <= U'Z';
      if (zh) {
        // The letter itself in the English voice: Mandarin voices misname letters.
        say(upper ? "大写字母" : "小写字母", Voice::Mandarin);
        say(encode_utf8(std::u32string(1, c)), Voice::English);
        if (conf) say(note, Voice::Mandarin);
        out.back().pause_after_ms = o.pause_ms;
      } else {
        say(std::string(upper ? "capital " : "small ") + encode_utf8(std::u32string(1, c)) + note,
            Voice::English, o.pause_ms);
      }
    } else if (c >= 0x3400 && c <= 0x9FFF) {
      const std::string d = describe_hanzi(c);
      say(d.empty() ? encode_utf8(std::u32string(1, c))
                    : encode_utf8(std::u32string(1, c)) + "，" + d,
          Voice::Mandarin, o.pause_ms);
    } else if (c == U' ') {
      say(zh ? "空格" : "space", base, o.pause_ms);
    } else {
      say(encode_utf8(std::u32string(1, c)), base, o.pause_ms);
    }
  }
  return out;
}

}  // namespace tts
