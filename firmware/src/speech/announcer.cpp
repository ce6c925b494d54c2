#include "announcer.hpp"

#include "tts/text_normalizer.hpp"
#include "wording.hpp"

namespace kiosk {

void Announcer::say(const std::string& text, Reason reason, tts::Earcon first) {
  speaker_.say(text, reason, first);
}

void Announcer::page(const ui::ReadingView& view) {
  say(describe_page(view), Reason::Page);
}

void Announcer::focus(const ui::ReadingView& view, bool wrapped) {
  // Past the last link back to the first: a tone says it wrapped.
  say(describe_focus(view), Reason::Focus, wrapped ? tts::Earcon::FocusWrap : tts::Earcon::None);
}

void Announcer::edge() {
  speaker_.earcon(tts::Earcon::Error, Reason::Edge);
}

void Announcer::button(const std::string& name) {
  say(name + "，按钮。再按一次确认", Reason::Focus);
}

void Announcer::repeat(const ui::ReadingView& view) {
  say(describe_focus(view), Reason::Help);
}

void Announcer::where_am_i(const ui::ReadingView& view) {
  say(describe_position(view), Reason::Help);
}

void Announcer::spell_focused(const ui::ReadingView& view) {
  speaker_.spell(view.focused_text(), Reason::Help);
}

void Announcer::say_all(const ui::ReadingView& view) {
  std::vector<std::string> texts;
  texts.reserve(view.document().blocks.size());
  for (const auto& b : view.document().blocks) texts.push_back(b.plain_text());
  speaker_.say_all(texts, view.focus().block);
}

void Announcer::zoom(double zoom, bool bigger) {
  say(std::string(bigger ? "放大到" : "缩小到") + "百分之" + std::to_string(zoom_percent(zoom)),
      Reason::Setting);
}

void Announcer::scheme(const ui::ColorScheme& scheme) {
  say(std::string(scheme.name_zh), Reason::Setting);
}

void Announcer::guide_lines(bool on) {
  say(on ? "十字光标，开" : "十字光标，关", Reason::Setting);
}

void Announcer::caption_bar(bool on) {
  say(on ? "大字幕，开" : "大字幕，关", Reason::Setting);
}

void Announcer::text_only(bool on) {
  say(on ? "纯文本模式，开" : "纯文本模式，关", Reason::Setting);
}

void Announcer::rate(std::optional<int> step, bool faster) {
  if (!step) return edge();
  say(std::string(faster ? "语速加快" : "语速放慢") + "，第" +
          tts::read_cardinal(static_cast<std::uint64_t>(*step + 1)) + "档",
      Reason::Setting);
}

void Announcer::volume(std::optional<int> step, bool louder) {
  if (!step) return edge();
  say(std::string(louder ? "音量加大" : "音量减小") + "，第" +
          tts::read_cardinal(static_cast<std::uint64_t>(*step)) + "档",
      Reason::Setting);
}

void Announcer::editing_started(const std::string& field_label) {
  say("请输入" + field_label + "，输入完按确认键", Reason::Edit);
}

void Announcer::typed(const std::string& echo) {
  say(echo, Reason::Edit);
}

void Announcer::deleted(const std::string& echo) {
  say("删除" + echo, Reason::Edit);
}

void Announcer::editing_ended_empty() {
  say("结束输入，未填写", Reason::Edit);
}

void Announcer::editing_ended(const std::string& shown_value) {
  say("已填写：" + shown_value, Reason::Edit);
}

void Announcer::checked(bool on) {
  say(on ? "已选中" : "未选中", Reason::Edit);
}

void Announcer::option(const std::string& text, int position, int count) {
  say(text + "，第" + std::to_string(position) + "项，共" + std::to_string(count) + "项",
      Reason::Edit);
}

void Announcer::control_unavailable() {
  say("这个选项暂时不能在自助终端上选择，请工作人员协助您。", Reason::Edit);
}

void Announcer::fields_missing(std::size_t count, const std::string& first_label) {
  say("还有" + std::to_string(count) + "项必填内容没有填写。请填写" + first_label,
      Reason::Validation, tts::Earcon::Error);
}

void Announcer::not_offered(const std::string& what) {
  say(what + "。本事项暂未在自助终端开放，请到人工窗口办理。", Reason::Page);
}

void Announcer::captcha_code(const std::string& code) {
  speaker_.spell(code, Reason::Captcha);
}

void Announcer::captcha_unavailable() {
  say("验证码暂时无法收听，请向工作人员求助。", Reason::Captcha, tts::Earcon::Error);
}

void Announcer::audio_captcha(std::shared_ptr<const std::vector<std::int16_t>> pcm) {
  speaker_.play("语音验证码", std::move(pcm), Reason::Captcha);
}

void Announcer::audio_captcha_unavailable() {
  say("语音验证码暂时无法播放，请向工作人员求助。", Reason::Captcha, tts::Earcon::Error);
}

void Announcer::loading() {
  say("正在打开，请稍候", Reason::Loading);
}

void Announcer::load_cancelled() {
  say("已停止打开", Reason::Loading);
}

void Announcer::load_failed(const std::string& citizen_sentence) {
  say(citizen_sentence, Reason::Loading, tts::Earcon::Error);
}

void Announcer::refused_link() {
  say("这个链接不能在自助终端上打开。", Reason::Loading, tts::Earcon::Error);
}

void Announcer::card(const std::string& sentence, bool error) {
  say(sentence, Reason::Card, error ? tts::Earcon::Error : tts::Earcon::None);
}

void Announcer::headphones(bool inserted) {
  if (inserted) {
    say("已插入耳机，进入语音模式。按上下键逐项收听，按确认键办理，按返回键返回。"
        "需要帮助时，请告诉工作人员。",
        Reason::Audio);
  } else {
    say("耳机已拔出，声音改为外放。", Reason::Audio);
  }
}

void Announcer::staff_called() {
  // The staff alert chime first, loud enough for staff nearby (and the staff menu lists it).
  say("已呼叫工作人员，请稍候，工作人员会尽快来协助您。", Reason::Help, tts::Earcon::StaffAlert);
}

void Announcer::idle_warning(int seconds_left) {
  speaker_.alert("您已经很久没有操作了。" + std::to_string(seconds_left) +
                     "秒后将结束本次服务，回到首页。按任意键继续。",
                 Reason::Session);
}

void Announcer::session_extended() {
  say("已为您延长时间", Reason::Session);
}

void Announcer::session_ended() {
  say("本次服务已结束", Reason::Session);
}

}  // namespace kiosk
