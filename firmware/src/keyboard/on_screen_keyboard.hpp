// The on-screen keyboard, for citizens who have only the touch screen: it rises from the
// bottom of the screen when a touch starts typing into a field and goes when typing ends.
// Three layouts — 数字 (a large 3x4 pad), 字母 (Latin capitals) and 拼音 (letters fed to
// librime, the candidates in a large row with 上一页/下一页) — and 删除, 空格, 确定 (the field
// is done) and the layout keys. Keys type through the FormEditor, exactly as a physical
// keyboard's text does, so the echo (masked for ID numbers, phones and PINs) is the same.
// Every key is said when touched; in audio mode a first touch says it and a second presses it.
// It is a Region on top of the router: while pinyin is being composed, Backspace and Enter
// from a physical keyboard act on the composition first.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "browse/form_editor.hpp"
#include "input/region.hpp"
#include "keyboard/pinyin.hpp"
#include "speech/announcer.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class OnScreenKeyboard final : public Region {
 public:
  enum class Layout { Digits, Letters, Pinyin };

  // Keys are >= kMinKeyPx square at 1920x1080 (the rule asks for 60; older fingers need more).
  static constexpr int kRowPx = 112;
  static constexpr int kGapPx = 8;
  static constexpr int kLabelPx = 64;     // key labels (about 48 pt)
  static constexpr int kMinLabelPx = 48;  // a long candidate may shrink to this, never below
  static constexpr int kMinKeyPx = 100;

  // `rime_dir`: rime's user data directory (empty: a private temporary one).
  OnScreenKeyboard(ui::ReadingView& view, Announcer& announcer, FormEditor& forms,
                   std::string rime_dir = {});

  Outcome command(Command command) override;

  // After a touch on the page: shown when it started typing into a field (the layout suits
  // the field), hidden when nothing is being typed into.
  Outcome after_touch(Outcome page_outcome);
  // Hidden once typing has ended (Enter, a page, the session); Redraw when it went.
  Outcome follow();
  // A touch on the keyboard (nullopt: not on it). `talk`: audio mode's touch-talk.
  std::optional<Outcome> touch(ui::Point at, bool talk);
  // The screen was resized: the keys are laid out again.
  void relayout();
  // The session ended: hidden, and rime forgets everything typed.
  void forget();

  bool shown() const { return shown_; }
  Layout layout() const { return layout_; }
  // The pinyin engine, set up on first use (the keyboard shown with its pinyin letters).
  PinyinEngine& pinyin();
  // Whether pinyin has been asked for yet (kioskd logs its set-up time once it has).
  bool pinyin_started() const { return pinyin_ != nullptr; }
  // Tests: where the key with this label is on screen (the first one), if shown.
  std::optional<ui::Rect> key_area(const std::string& label) const;

 private:
  enum class Action {
    Type,
    Letter,
    Candidate,
    PreviousPage,
    NextPage,
    Delete,
    Space,
    Done,
    Switch,
    Label
  };
  struct Key {
    int id = 0;  // stable across relayouts while the key means the same (touch-talk)
    Action action = Action::Label;
    std::string label;
    std::string text;  // Type: what it types; Letter: the pinyin letter
    int index = 0;     // Candidate: its index on the page; Switch: the layout
    ui::Rect area;     // relative to the panel
    int label_px = kLabelPx;
  };

  void show(Layout layout);
  void hide();
  void build();
  void add_row_keys(std::vector<Key>& keys, int row, const std::vector<Key>& row_keys) const;
  int rows() const;
  Outcome press(const Key& key);
  Outcome type(const std::string& text);
  bool sensitive() const;  // the field's contents must not be heard in the hall
  static std::string layout_name(Layout layout);

  ui::ReadingView& view_;
  Announcer& announcer_;
  FormEditor& forms_;
  std::string rime_dir_;
  std::unique_ptr<PinyinEngine> pinyin_;  // made by pinyin()
  bool shown_ = false;
  bool preparing_shown_ = false;  // the composition line says pinyin is being set up
  Layout layout_ = Layout::Pinyin;
  std::vector<Key> keys_;
  std::optional<int> talked_;  // touch-talk: the key said once, pressed by the next touch
};

}  // namespace kiosk
