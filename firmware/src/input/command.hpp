// What a key, an EZ key, a touch or a script step asks the kiosk to do, and the one table that
// says everything about each command: its script name, its default keys, its help text and
// the words for it. The key map, `kioskd --help`, the welcome page's key list and the board
// profiles' [keys] all come from this table; nothing else lists the commands.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace kiosk {

enum class Command {
  // Reading (the focused region moves its focus)
  NextItem,
  PreviousItem,
  NextLink,
  PreviousLink,
  NextHeading,
  PreviousHeading,
  NextLinkOnly,
  PreviousLinkOnly,
  NextFormField,
  PreviousFormField,
  NextTable,
  PreviousTable,
  NextList,
  PreviousList,
  Activate,
  Back,
  // Seeing (the toolbar's settings)
  ZoomIn,
  ZoomOut,
  NextScheme,
  ToggleGuideLines,
  ToggleCaptionBar,
  CaptionNextPage,
  CaptionPreviousPage,
  TextOnly,
  // Hearing
  SpeakSlower,
  SpeakFaster,
  SpeakQuieter,
  SpeakLouder,
  SpellFocused,
  RepeatFocused,
  WhereAmI,
  SayAll,
  // The kiosk
  Home,
  CallStaff,
  EndSession,
  StaffMode,  // a chord no citizen presses by chance; the staff PIN comes next
  // Developer boards only ([keys] developer = true in the profile)
  Screenshot,
  Quit,
  PlaceVirtualIdCard,
  InsertVirtualSmartCard,
  RemoveVirtualCards,
  ToggleHeadphones,  // a desktop has no jack sensing: this key plays the plug
};

enum class CommandGroup { Reading, Seeing, Hearing, Kiosk, Developer };

struct CommandInfo {
  Command command;
  CommandGroup group;
  std::string_view name;  // script step and profile [keys] name: "zoom-in"
  // Default keys as SDL key names, "Shift+"/"Ctrl+" prefixes allowed; up to three.
  std::string_view keys[3];
  std::string_view help;  // for kioskd --help (English, for developers and technicians)
  std::string_view zh;    // the command's name in Chinese, for the welcome page and help
};

std::span<const CommandInfo> command_table();
const CommandInfo& info(Command command);
std::optional<Command> command_named(std::string_view name);

}  // namespace kiosk
