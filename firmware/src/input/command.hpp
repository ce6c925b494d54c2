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
  JumpRegion,  // 区域跳转: the next region of the page (导航区, 正文区, 表单区)
  // Seeing (the toolbar's settings)
  ZoomIn,
  ZoomOut,
  NextScheme,
  ToggleGuideLines,
  ToggleCaptionBar,
  CaptionNextPage,
  CaptionPreviousPage,
  TextOnly,
  ToggleBigCursor,
  ToggleTraditional,  // the caption in traditional characters (简/繁)
  ToggleToolbar,      // 退出: hides the toolbar for this session; the same key shows it again
  ToolbarNextPage,    // the toolbar's 更多 button, when its items need more than one row
  ResetSettings,
  // Hearing
  SpeakSlower,
  SpeakFaster,
  SpeakQuieter,
  SpeakLouder,
  SpellFocused,
  RepeatFocused,
  WhereAmI,
  SayAll,
  ToggleSpeech,
  TogglePointToRead,  // 指读: what is touched or pointed at is said, not activated
  Help,               // layered: this item, this screen, the keys
  // Review (review/): the focused item's text, or a field's value, without moving the focus
  ReviewPreviousChar,
  ReviewNextChar,
  ReviewPreviousWord,
  ReviewNextWord,
  ReviewPreviousSentence,
  ReviewNextSentence,
  DescribeChar,    // the character under the review cursor, with two words that tell it apart
  RecogniseImage,  // the text in the focused item's image (tesseract), said and shown
  // The kiosk
  Home,
  CallStaff,
  EndSession,
  // 好差评: offered after a service's receipt (the rating page's choices and digit keys)
  RateService,
  RateVerySatisfied,
  RateSatisfied,
  RateBasicallySatisfied,
  RateDissatisfied,
  RateVeryDissatisfied,
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
  // Default keys as SDL key names, "Shift+"/"Ctrl+"/"Alt+" prefixes allowed; up to four
  // (the toolbar's items each have an Alt+letter).
  std::string_view keys[4];
  std::string_view help;  // for kioskd --help (English, for developers and technicians)
  std::string_view zh;    // the command's name in Chinese, for the welcome page and help
};

std::span<const CommandInfo> command_table();
const CommandInfo& info(Command command);
std::optional<Command> command_named(std::string_view name);
// The review commands read the field being typed into; they do not end the typing.
bool is_review(Command command);

}  // namespace kiosk
