// The accessibility toolbar (无障碍工具条), modelled on the government sites' 信息无障碍工具条
// and EZ Access: a row of large buttons under the title bar on every screen, each also an
// Alt+letter key — region jump, layered help, reset, guide lines, text-only, a large mouse
// pointer, zoom, colour scheme, speech on/off, rate, point-to-read, say-all, the caption bar
// and its traditional characters, and 退出 (hide the row). The region also takes the older
// setting keys (F2-F9, W, R …). Every change is said through the Announcer. Settings last for
// one session: reset() puts back the board profile's, speech on, 简体, the row shown, the
// normal pointer and 指读 off.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "big_cursor.hpp"
#include "input/command.hpp"
#include "input/region.hpp"
#include "speech/announcer.hpp"
#include "speech/muting_speaker.hpp"
#include "speech/say_all.hpp"
#include "traditional_chinese.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

struct ToolbarItem {
  Command command;
  const char* label;  // on the button (short: the command's zh is the spoken name)
};

class Toolbar final : public Region {
 public:
  Toolbar(ui::ReadingView& view, Announcer& announcer, SayAll& say_all, MutingSpeaker& voice,
          const ui::ViewSettings& profile_settings)
      : view_(view),
        announcer_(announcer),
        say_all_(say_all),
        voice_(voice),
        profile_(profile_settings) {}

  // The items in the order shown, and the 更多 button that pages them on a narrow screen.
  static const std::vector<ToolbarItem>& items();
  static ToolbarItem more_item();
  // Puts the row on the view (buttons carry the command's number), settings that are on marked.
  void show();

  Outcome command(Command command) override;
  // Every key or touch passes here first: anything but 帮助 starts help again at its first layer.
  void input_seen(std::optional<Command> command);

  bool point_to_read() const { return point_to_read_; }
  // 指读: says the page item or button at `at` without activating it. A hover says only what
  // it did not say last (`always` for a touch, which is said every time).
  Outcome point_at(ui::Point at, bool always);

  bool big_cursor() const { return big_cursor_; }
  bool traditional() const { return traditional_; }
  bool speech_on() const { return !voice_.muted(); }
  int help_layer() const { return help_layer_; }

  // The next citizen starts with the board's zoom, scheme, guide lines, caption bar and voice,
  // speech on, 简体, the row shown, the normal pointer and 指读 off.
  void reset();

 private:
  Outcome act(Command command);
  // Marks the buttons whose setting is on (a square in the corner).
  void mark_buttons();
  void restore_profile();
  void apply_cursor();
  void toggle_traditional();

  ui::ReadingView& view_;
  Announcer& announcer_;
  SayAll& say_all_;
  MutingSpeaker& voice_;
  ui::ViewSettings profile_;
  int help_layer_ = 0;  // the layer the next 帮助 says: 0 this item, 1 this screen, 2 the keys
  bool big_cursor_ = false;
  CursorPtr cursor_;
  bool traditional_ = false;
  std::optional<TraditionalChinese> converter_;  // opened the first time it is asked for
  bool point_to_read_ = false;
  std::string last_pointed_;
};

}  // namespace kiosk
