#include "on_screen_keyboard.hpp"

#include <algorithm>

#include "tts/utf8.hpp"

namespace kiosk {
namespace {

// Stable key ids: the same key keeps its id across relayouts, so touch-talk's second touch
// finds it again; different keys never share one.
constexpr int kTypeIds = 1000;
constexpr int kLetterIds = 2000;
constexpr int kCandidateIds = 3000;
constexpr int kActionIds = 4000;
constexpr int kSwitchIds = 5000;

constexpr int kPreeditPx = 280;  // the pinyin being composed, at the candidates row's left
constexpr int kPagePx = 250;     // 上一页, 下一页: three characters with room round them

const char* const kLetterRows[] = {"QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"};
const char* const kDigitRows[] = {"123", "456", "789", "X0."};

}  // namespace

OnScreenKeyboard::OnScreenKeyboard(ui::ReadingView& view, Announcer& announcer, FormEditor& forms,
                                   std::string rime_dir)
    : view_(view), announcer_(announcer), forms_(forms), rime_dir_(std::move(rime_dir)) {}

PinyinEngine& OnScreenKeyboard::pinyin() {
  // librime is loaded and set up (its schema deployed, on a thread of its own) the first time
  // pinyin is wanted: when this keyboard is first shown with its pinyin letters. A session that
  // never types Chinese (and most tests) never loads it.
  if (!pinyin_) pinyin_ = std::make_unique<PinyinEngine>(rime_dir_);
  return *pinyin_;
}

std::string OnScreenKeyboard::layout_name(Layout layout) {
  switch (layout) {
    case Layout::Digits:
      return "数字";
    case Layout::Letters:
      return "字母";
    case Layout::Pinyin:
      return "拼音";
  }
  return {};
}

int OnScreenKeyboard::rows() const {
  return layout_ == Layout::Pinyin ? 5 : 4;
}

bool OnScreenKeyboard::sensitive() const {
  const FormField* f = forms_.editing_field();
  return f != nullptr && f->sensitivity != Sensitivity::None &&
         !announcer_.speaker().private_listening();
}

Outcome OnScreenKeyboard::after_touch(Outcome page_outcome) {
  const FormField* f = forms_.editing_field();
  if (f == nullptr) return follow() == Outcome::Redraw ? Outcome::Redraw : page_outcome;
  if (shown_) return page_outcome;
  // Numbers for numbers (an ID number, a phone, a PIN, a 编号 or 号码), Chinese otherwise.
  const bool numeric =
      f->role == "spinbutton" || f->sensitivity == Sensitivity::IdNumber ||
      f->sensitivity == Sensitivity::Phone || f->sensitivity == Sensitivity::Secret ||
      f->label.find("号") != std::string::npos || f->label.find("码") != std::string::npos;
  show(numeric ? Layout::Digits : Layout::Pinyin);
  announcer_.keyboard(layout_name(layout_));
  return Outcome::Redraw;
}

Outcome OnScreenKeyboard::follow() {
  if (shown_ && preparing_shown_ && pinyin_ && pinyin_->ready()) {
    build();  // pinyin is ready: the keyboard says so where it said 准备中
    return Outcome::Redraw;
  }
  if (!shown_ || forms_.takes_text()) return Outcome::Unchanged;
  hide();
  return Outcome::Redraw;
}

void OnScreenKeyboard::show(Layout layout) {
  // Set up on its thread while the citizen finds the first letter.
  if (layout == Layout::Pinyin) pinyin();
  shown_ = true;
  layout_ = layout;
  talked_.reset();
  build();
}

void OnScreenKeyboard::hide() {
  shown_ = false;
  keys_.clear();
  talked_.reset();
  if (pinyin_) pinyin_->clear();  // letters not yet made characters are dropped with the field
  view_.clear_bottom_panel();
}

void OnScreenKeyboard::relayout() {
  if (shown_) build();
}

void OnScreenKeyboard::forget() {
  hide();
  if (pinyin_) pinyin_->forget();
}

Outcome OnScreenKeyboard::command(Command command) {
  if (!shown_ || !pinyin_ || !pinyin_->composing()) return Outcome::NotMine;
  // A physical Backspace or Enter acts on the pinyin being composed before the field.
  if (command == Command::Back) {
    Key del;
    del.action = Action::Delete;
    del.label = "删除";
    return press(del);
  }
  if (command == Command::Activate) {
    const std::string text = pinyin().choose_first();
    build();
    return text.empty() ? Outcome::Redraw : type(text);
  }
  return Outcome::NotMine;
}

std::optional<ui::Rect> OnScreenKeyboard::key_area(const std::string& label) const {
  if (!shown_) return std::nullopt;
  const ui::Rect panel = view_.bottom_panel_area();
  for (const auto& k : keys_) {
    if (k.label == label)
      return ui::Rect{panel.x + k.area.x, panel.y + k.area.y, k.area.w, k.area.h};
  }
  return std::nullopt;
}

std::optional<Outcome> OnScreenKeyboard::touch(ui::Point at, bool talk) {
  if (!shown_ || !view_.bottom_panel_area().contains(at)) return std::nullopt;
  const auto id = view_.panel_button_at(at);
  const auto key = std::find_if(keys_.begin(), keys_.end(), [&](const Key& k) {
    return id && k.id == *id && k.action != Action::Label;
  });
  if (key == keys_.end()) return Outcome::Unchanged;  // between keys: nothing, not the page
  if (talk && talked_ != key->id) {
    talked_ = key->id;
    if (key->action == Action::Candidate) {
      announcer_.candidate(key->index + 1, key->label, true);
    } else {
      announcer_.key(key->label, true);
    }
    build();  // the key said is highlighted
    return Outcome::Redraw;
  }
  talked_.reset();
  const Key pressed = *key;  // press() lays the keys out again
  return press(pressed);
}

Outcome OnScreenKeyboard::type(const std::string& text) {
  const Outcome o = forms_.text(text);  // the same path and echo as a physical keyboard's text
  build();
  return o == Outcome::NotMine ? Outcome::Unchanged : Outcome::Redraw;
}

Outcome OnScreenKeyboard::press(const Key& key) {
  switch (key.action) {
    case Action::Type:
      return type(key.text);
    case Action::Letter: {
      // Never waits for rime on this thread: a letter that comes before it is ready is
      // answered, not taken (the keyboard began setting it up when it was shown).
      if (!pinyin().ready()) {
        announcer_.pinyin_not_ready();
        return Outcome::Unchanged;
      }
      if (!pinyin().available()) {
        announcer_.pinyin_unavailable();
        return Outcome::Unchanged;
      }
      const std::string committed = pinyin().letter(key.text.front());
      if (!committed.empty()) return type(committed);
      // A name's letters are not heard in the hall; their count is.
      const std::string preedit = pinyin().menu().preedit;
      const auto letters = std::count_if(preedit.begin(), preedit.end(),
                                         [](char c) { return c >= 'a' && c <= 'z'; });
      announcer_.key(sensitive() ? "拼音第" + std::to_string(letters) + "个字母" : key.text, false);
      build();
      return Outcome::Redraw;
    }
    case Action::Candidate: {
      const std::string committed = pinyin().choose(key.index);
      if (!committed.empty()) return type(committed);
      // Part of the letters became characters; the rest are still being composed.
      announcer_.candidate(key.index + 1, sensitive() ? std::string("已选") : key.label, false);
      build();
      return Outcome::Redraw;
    }
    case Action::PreviousPage:
    case Action::NextPage:
      if (!pinyin().page(key.action == Action::NextPage)) {
        announcer_.edge();
        return Outcome::Unchanged;
      }
      announcer_.candidate_page(pinyin().menu().page + 1);
      build();
      return Outcome::Redraw;
    case Action::Delete: {
      if (pinyin().backspace()) {
        announcer_.key(key.label, false);
        build();
        return Outcome::Redraw;
      }
      const FormField* f = forms_.editing_field();
      // An empty field stays open: Backspace there would end typing, not what 删除 means.
      if (f == nullptr || f->value.empty()) {
        announcer_.edge();
        return Outcome::Unchanged;
      }
      const Outcome o = forms_.command(Command::Back);
      build();
      return o == Outcome::NotMine ? Outcome::Unchanged : Outcome::Redraw;
    }
    case Action::Space:
      if (pinyin_ && pinyin_->composing()) return type(pinyin_->choose_first());
      return type(" ");
    case Action::Done: {
      if (pinyin_ && pinyin_->composing()) {
        const std::string text = pinyin_->choose_first();
        if (!text.empty()) forms_.text(text);
      }
      forms_.command(Command::Activate);  // ends typing and says what the field holds
      hide();
      return Outcome::Redraw;
    }
    case Action::Switch: {
      const auto to = static_cast<Layout>(key.index);
      if (to == Layout::Pinyin && pinyin().ready() && !pinyin().wait_ready().ok()) {
        announcer_.pinyin_unavailable();
        return Outcome::Unchanged;
      }
      if (pinyin_) pinyin_->clear();
      show(to);
      announcer_.keyboard(layout_name(to));
      return Outcome::Redraw;
    }
    case Action::Label:
      break;
  }
  return Outcome::Unchanged;
}

void OnScreenKeyboard::add_row_keys(std::vector<Key>& keys, int row,
                                    const std::vector<Key>& row_keys) const {
  for (Key k : row_keys) {
    k.area.y = kGapPx + row * (kRowPx + kGapPx);
    if (k.area.h == 0) k.area.h = kRowPx;
    keys.push_back(std::move(k));
  }
}

void OnScreenKeyboard::build() {
  preparing_shown_ = false;
  if (!shown_) return;
  const int width = view_.content_area().w;
  const int g = kGapPx;
  std::vector<Key> keys;
  auto action_key = [](Action a, std::string label, int x, int w) {
    Key k;
    k.id = kActionIds + static_cast<int>(a);
    k.action = a;
    k.label = std::move(label);
    k.area = {x, 0, w, 0};
    return k;
  };
  auto switch_key = [](Layout l, int x, int w) {
    Key k;
    k.id = kSwitchIds + static_cast<int>(l);
    k.action = Action::Switch;
    k.label = layout_name(l);
    k.index = static_cast<int>(l);
    k.area = {x, 0, w, 0};
    return k;
  };

  if (layout_ == Layout::Digits) {
    // A telephone's pad, large, at the left; the other keys at the right, 确定 the largest.
    const int pad_w = (width / 2 - 4 * g) / 3;
    for (int r = 0; r < 4; ++r) {
      std::vector<Key> row;
      for (int c = 0; c < 3; ++c) {
        Key k;
        k.action = Action::Type;
        k.label = k.text = std::string(1, kDigitRows[r][c]);
        k.id = kTypeIds + kDigitRows[r][c];
        k.area = {g + c * (pad_w + g), 0, pad_w, 0};
        row.push_back(std::move(k));
      }
      add_row_keys(keys, r, row);
    }
    const int rx = g + 3 * (pad_w + g);
    const int rw = width - rx - g;
    const int half = (rw - g) / 2;
    add_row_keys(keys, 0,
                 {action_key(Action::Delete, "删除", rx, half),
                  action_key(Action::Space, "空格", rx + half + g, rw - half - g)});
    Key done = action_key(Action::Done, "确定", rx, rw);
    done.area.h = 2 * kRowPx + g;
    add_row_keys(keys, 1, {done});
    const int third = (rw - 2 * g) / 3;
    add_row_keys(
        keys, 3,
        {switch_key(Layout::Digits, rx, third), switch_key(Layout::Letters, rx + third + g, third),
         switch_key(Layout::Pinyin, rx + 2 * (third + g), rw - 2 * (third + g))});
  } else {
    const bool in_pinyin = layout_ == Layout::Pinyin;
    const int first = in_pinyin ? 1 : 0;
    const int slot = (width - 11 * g) / 10;
    auto x_of = [&](int i) { return g + i * (slot + g); };
    auto span = [&](int slots) { return slots * slot + (slots - 1) * g; };
    if (in_pinyin) {
      // Nothing is being composed before the engine exists.
      const PinyinMenu menu = pinyin_ ? pinyin_->menu() : PinyinMenu{};
      Key preedit;
      preedit.id = -1;
      preedit.action = Action::Label;
      // Seen as well as heard: a letter tapped while rime is being set up is not typed, and a
      // citizen who cannot hear the answer must not think the tap missed.
      preparing_shown_ = pinyin_ && !pinyin_->ready();
      preedit.label = preparing_shown_       ? "拼音准备中，请稍候"
                      : menu.preedit.empty() ? "请输入拼音"
                                             : menu.preedit;
      preedit.label_px = kMinLabelPx;
      preedit.area = {g, 0, kPreeditPx, 0};
      std::vector<Key> row{preedit};
      // The candidates share the room between the composition and the page keys, each as
      // wide as its characters need.
      const int left = g + kPreeditPx + g;
      const int right = width - 2 * (kPagePx + g);
      std::size_t weight = 0;
      for (const auto& c : menu.candidates) weight += tts::utf8_length(c) + 1;
      int x = left;
      for (std::size_t i = 0; i < menu.candidates.size(); ++i) {
        const auto chars = static_cast<int>(tts::utf8_length(menu.candidates[i]));
        const int w = i + 1 == menu.candidates.size()
                          ? right - x - g
                          : static_cast<int>((right - left) * static_cast<long>(chars + 1) /
                                             static_cast<long>(weight)) -
                                g;
        Key k;
        k.id = kCandidateIds + static_cast<int>(i);
        k.action = Action::Candidate;
        k.label = menu.candidates[i];
        k.index = static_cast<int>(i);
        k.label_px = std::clamp((w - 2 * g) / std::max(chars, 1), kMinLabelPx, kLabelPx);
        k.area = {x, 0, w, 0};
        row.push_back(std::move(k));
        x += w + g;
      }
      row.push_back(action_key(Action::PreviousPage, "上一页", width - 2 * (kPagePx + g), kPagePx));
      row.push_back(action_key(Action::NextPage, "下一页", width - (kPagePx + g), kPagePx));
      add_row_keys(keys, 0, row);
    }
    for (int r = 0; r < 3; ++r) {
      std::vector<Key> row;
      const std::string letters = kLetterRows[r];
      for (std::size_t i = 0; i < letters.size(); ++i) {
        Key k;
        if (in_pinyin) {
          k.action = Action::Letter;
          k.text = std::string(1, static_cast<char>(letters[i] - 'A' + 'a'));
          k.label = k.text;
          k.id = kLetterIds + letters[i];
        } else {
          k.action = Action::Type;
          k.text = k.label = std::string(1, letters[i]);
          k.id = kTypeIds + letters[i];
        }
        k.area = {x_of(static_cast<int>(i)), 0, slot, 0};
        row.push_back(std::move(k));
      }
      if (r == 1) row.push_back(action_key(Action::Delete, "删除", x_of(9), slot));
      if (r == 2) row.push_back(action_key(Action::Done, "确定", x_of(7), span(3)));
      add_row_keys(keys, first + r, row);
    }
    add_row_keys(keys, first + 3,
                 {switch_key(Layout::Digits, x_of(0), span(2)),
                  switch_key(Layout::Letters, x_of(2), span(2)),
                  switch_key(Layout::Pinyin, x_of(4), span(2)),
                  action_key(Action::Space, "空格", x_of(6), span(4))});
  }

  keys_ = std::move(keys);
  std::vector<ui::PanelButton> buttons;
  buttons.reserve(keys_.size());
  for (const auto& k : keys_) {
    const bool current = k.action == Action::Switch && k.index == static_cast<int>(layout_);
    buttons.push_back({k.id, k.label, k.area, k.label_px, k.action != Action::Label,
                       current || (talked_ && *talked_ == k.id)});
  }
  view_.set_bottom_panel(rows() * kRowPx + (rows() + 1) * g, std::move(buttons));
}

}  // namespace kiosk
