// The accessibility toolbar (无障碍工具条): the citizen's settings for seeing and hearing —
// zoom, colour scheme, guide lines, caption bar, speech rate and volume, spelling, where am I,
// say-all. Today it is the region that takes these commands from keys and from the welcome
// page's links; the visible bar with its buttons (the citizen-kiosk issue) will be its items.
// Settings last for one session: reset() puts back the board profile's.
#pragma once

#include "input/region.hpp"
#include "speech/announcer.hpp"
#include "speech/say_all.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class Toolbar final : public Region {
 public:
  Toolbar(ui::ReadingView& view, Announcer& announcer, SayAll& say_all,
          const ui::ViewSettings& profile_settings)
      : view_(view), announcer_(announcer), say_all_(say_all), profile_(profile_settings) {}

  Outcome command(Command command) override;
  // The next citizen starts with the board's zoom, scheme, guide lines, caption bar and voice.
  void reset();

 private:
  ui::ReadingView& view_;
  Announcer& announcer_;
  SayAll& say_all_;
  ui::ViewSettings profile_;
};

}  // namespace kiosk
