#include "announcer.hpp"

#include <variant>

#include "out_of_service_wording.hpp"
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
  say(std::string(bigger ? "页面已放大到" : "页面已缩小到") + "百分之" +
          tts::read_cardinal(static_cast<std::uint64_t>(zoom_percent(zoom))),
      Reason::Setting);
}

void Announcer::scheme(const ui::ColorScheme& scheme) {
  say("已切换为" + std::string(scheme.name_zh), Reason::Setting);
}

void Announcer::guide_lines(bool on) {
  say(on ? "十字线已开启" : "十字线已关闭", Reason::Setting);
}

void Announcer::caption_bar(bool on) {
  say(on ? "大字幕已开启" : "大字幕已关闭", Reason::Setting);
}

void Announcer::text_only(bool on) {
  say(on ? "纯文本已开启" : "纯文本已关闭", Reason::Setting);
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

void Announcer::big_cursor(bool on) {
  say(on ? "大鼠标已开启" : "大鼠标已关闭", Reason::Setting);
}

void Announcer::traditional_caption(bool on) {
  say(on ? "已切换为繁体字幕" : "已切换为简体字幕", Reason::Setting);
}

void Announcer::speech(bool on) {
  say(on ? "声音已开启" : "声音已关闭", Reason::Setting);
}

void Announcer::point_to_read(bool on) {
  say(on ? "指读已开启，触摸或指向的内容会读出来，不会打开" : "指读已关闭", Reason::Setting);
}

void Announcer::toolbar_shown(bool shown) {
  say(shown ? "工具条已显示" : "工具条已隐藏，按Alt加E重新显示", Reason::Setting);
}

void Announcer::toolbar_page(int page, int pages) {
  say("工具条第" + std::to_string(page + 1) + "页，共" + std::to_string(pages) + "页",
      Reason::Setting);
}

void Announcer::settings_reset() {
  say("已恢复默认设置", Reason::Setting);
}

void Announcer::region(const ui::ReadingView& view, const std::string& name, int count,
                       const std::string& unit) {
  say(name + "，共" + std::to_string(count) + unit + "。" + describe_focus(view), Reason::Focus);
}

void Announcer::pointed(const std::string& text) {
  say(text, Reason::Focus);
}

void Announcer::help_item(const ui::ReadingView& view) {
  std::string what = "这是文字，按上下键逐项收听。";
  if (const ui::InlineRun* link = view.focused_link()) {
    what = std::holds_alternative<ui::ControlTarget>(link->target)
               ? "这是填写项，按确认键开始填写。"
               : "这是链接，按确认键打开。";
  } else if (!view.document().blocks.empty() &&
             view.document().blocks[view.focus().block].kind == ui::BlockKind::Heading) {
    what = "这是标题，按上下键逐项收听。";
  }
  std::string item = describe_focus(view);
  // The item's own full stop is enough: never "。。".
  if (item.size() < 3 || item.compare(item.size() - 3, 3, "。") != 0) item += "。";
  say("帮助。当前是：" + item + what + "再按帮助键，了解这个页面。", Reason::Help);
}

void Announcer::help_screen(const ui::ReadingView& view, const std::vector<std::string>& regions) {
  std::string text = "这个页面是" + view.document().title + "，共" +
                     std::to_string(view.document().blocks.size()) + "项。";
  if (!regions.empty()) {
    text += "分为";
    for (std::size_t i = 0; i < regions.size(); ++i) text += (i ? "、" : "") + regions[i];
    text += "，按Alt加Q在区域间跳转。";
  }
  say(text + "再按帮助键，了解按键用法。", Reason::Help);
}

void Announcer::help_keys(const std::vector<std::pair<std::string, char>>& toolbar_keys) {
  std::string text = "按上下键逐项收听，按Tab键到下一个链接，按确认键办理，按返回键返回。";
  if (!toolbar_keys.empty()) {
    text += "工具条：";
    for (std::size_t i = 0; i < toolbar_keys.size(); ++i) {
      text +=
          (i ? "，" : "") + std::string("Alt加") + toolbar_keys[i].second + toolbar_keys[i].first;
    }
    text += "。";
  }
  say(text, Reason::Help);
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

void Announcer::keyboard(const std::string& layout) {
  say("屏幕键盘，" + layout, Reason::Edit);
}

void Announcer::key(const std::string& label, bool talk) {
  say(talk ? label + "，按键。再按一次确认" : label, Reason::Edit);
}

void Announcer::candidate(int number, const std::string& text, bool talk) {
  const std::string words = "第" + std::to_string(number) + "个，" + text;
  say(talk ? words + "。再按一次确认" : words, Reason::Edit);
}

void Announcer::candidate_page(int page) {
  say("候选第" + std::to_string(page) + "页", Reason::Edit);
}

void Announcer::pinyin_unavailable() {
  say("拼音输入暂时不能使用，请用字母或数字键盘", Reason::Edit, tts::Earcon::Error);
}

void Announcer::pinyin_not_ready() {
  say("拼音输入正在准备，请稍后再按", Reason::Edit);
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

void Announcer::page_requested() {
  speaker_.earcon(tts::Earcon::Activate, Reason::Loading);
}

void Announcer::loading() {
  say("正在打开，请稍候", Reason::Loading);
}

void Announcer::load_cancelled() {
  say("已停止打开", Reason::Loading);
}

void Announcer::back_would_lose_entries() {
  speaker_.alert("本页已填写的内容不会保存。再按一次返回键离开本页，按其他键留在本页。",
                 Reason::Page);
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

void Announcer::pin_digit() {
  speaker_.earcon(tts::Earcon::PinDigit, Reason::Edit);
}

void Announcer::identify_prompt(const ui::ReadingView& view, const std::string& card_sentence) {
  std::string page = describe_page(view);
  const std::string stop = "。";
  if (page.size() < stop.size() ||
      page.compare(page.size() - stop.size(), stop.size(), stop) != 0) {
    page += stop;
  }
  say(page + card_sentence, Reason::Card);
}

void Announcer::rating_offered() {
  say("请您评价本次服务：1，非常满意；2，满意；3，基本满意；4，不满意；5，非常不满意。"
      "按上下键选择，按确认键提交，也可以直接按数字键。",
      Reason::Page);
}

void Announcer::rating_choice(const std::string& level, int position, int count) {
  say(level + "，第" + std::to_string(position) + "项，共" + std::to_string(count) + "项",
      Reason::Focus);
}

void Announcer::rating_sent() {
  say("感谢您的评价。办理完毕，请选择结束服务。", Reason::Page);
}

void Announcer::rating_failed() {
  say("评价暂时没有提交成功。您可以再选一次，或选择结束服务；需要帮助时，请告诉工作人员。",
      Reason::Loading, tts::Earcon::Error);
}

void Announcer::rating_not_offered() {
  say("办理完成后，可以评价本次服务。", Reason::Edge);
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

void Announcer::out_of_service(const std::string& citizen_sentence) {
  namespace words = out_of_service_words;
  // The error tone first: a citizen who cannot see the screen hears that something is wrong.
  say(std::string(words::kTitle) + "。" +
          (citizen_sentence.empty() ? std::string(words::kCitizen) : citizen_sentence),
      Reason::Session, tts::Earcon::Error);
}

}  // namespace kiosk
