// Board profiles: one TOML file per board (board/profiles/*.toml) describing the screen, its
// physical size, the video driver and the fonts. A profile with an unknown key, a wrong type,
// a missing value or an impossible value is refused with the file, line and key named.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace board {

struct DisplayProfile {
  int width_px = 0;
  int height_px = 0;
  double width_mm = 0;  // of the visible area, as mounted (before rotation)
  double height_mm = 0;
  int rotation = 0;            // 0, 90, 180, 270
  std::string video = "auto";  // auto | window | kmsdrm | offscreen
  std::string render_driver;   // pin an SDL render driver; empty: let SDL choose
  // Mesa driver for KMS/DRM (MESA_LOADER_DRIVER_OVERRIDE), e.g. "kms_swrast" where the display
  // has no GL driver of its own (QEMU's bochs display); empty: Mesa picks.
  std::string gl_driver;
};

struct TextProfile {
  int body_px = 48;  // body text at zoom 100%; raised if capitals would be < 4.8 mm
  std::string scheme = "default";
  int zoom_percent = 100;  // 100 .. 400
  bool guide_lines = false;
  bool caption_bar = true;
};

struct ContentProfile {
  std::vector<std::string> origins;  // the only sites the kiosk may open
  std::string home;                  // the page the kiosk starts on; empty: built-in welcome
};

struct ReadersProfile {
  // "VID:PID kind" entries ("0403:6001 sam-ftdi"); the drivers know the kinds. Nothing else is
  // opened, and the udev rules grant the kiosk user exactly these.
  std::vector<std::string> allow;
  bool emulated = false;      // software readers with virtual cards (desktop, demos)
  std::string photo_decoder;  // a licensed vendor WLT decoder plug-in (.so), if the hall has one
};

struct AudioProfile {
  // SDL audio device names; empty: the system default. The headphone device is used while
  // a plug sits in the jack (EZ Access headphone mode), the speaker otherwise.
  std::string speaker;
  std::string headphone;
  // An evdev node reporting SW_HEADPHONE_INSERT ("/dev/input/by-path/...-event"); empty: the
  // board has no jack sensing and the headphone device is used only when chosen by a key.
  std::string headphone_jack;
};

struct StaffProfile {
  // crypt(3) hash of the staff PIN ("$y$..." yescrypt, or "$6$..." SHA-512), written by
  // `kioskctl provision`; empty: the staff menu is locked until the kiosk is provisioned.
  std::string pin_hash;
};

struct UpdateProfile {
  // The two root file-system slots RAUC writes (A/B) and the data partition's mount point,
  // where the boot state, RAUC's status and the provisioned profile live.
  std::string slot_a;
  std::string slot_b;
  std::string slot_type = "ext4";  // ext4 | raw
  std::string data_dir = "/data";
  std::string efi_dir = "/efi";  // the ESP, where systemd-boot's loader.conf is switched
};

struct SessionProfile {
  // A citizen who stops using the kiosk is warned after `idle_warning_s` (seen and heard, with
  // a countdown; any key or touch extends), and the session ends at `idle_end_s`.
  int idle_warning_s = 150;
  int idle_end_s = 180;
};

struct FontFile {
  std::string family;
  std::string path;
};

struct BoardProfile {
  std::string name;
  std::string compatible;
  std::string description;
  // Developer keys (Ctrl+Q quits, F12 screenshots, Ctrl+1/2/0 virtual cards): desktop boards
  // only; a hall kiosk never quits from its keyboard.
  bool developer_keys = false;
  DisplayProfile display;
  TextProfile text;
  std::vector<std::string> font_families;  // fallback order, found with fontconfig
  std::vector<FontFile> font_files;        // explicit files, used instead where given
  ContentProfile content;
  ReadersProfile readers;
  AudioProfile audio;
  StaffProfile staff;
  UpdateProfile update;
  SessionProfile session;
  // [keys]: action name -> key names (SDL names: "Down", "Keypad 2", "F5"), for EZ keypads
  // and board buttons; names are checked by the firmware, which knows the actions.
  std::vector<std::pair<std::string, std::vector<std::string>>> key_bindings;
  std::string source;  // the file it was read from
};

struct ProfileLoadResult {
  std::optional<BoardProfile> profile;
  std::string error;  // "FILE:LINE: [section] key: what is wrong"
};

ProfileLoadResult load_profile_file(const std::string& path);
ProfileLoadResult load_profile_text(std::string_view toml_text, const std::string& source_name);

// A name ("desktop") is looked up in $KIOSK_BOARD_DIR, the installed profile directory and
// the source tree; anything with a '/' or ending in .toml is taken as a path.
std::string resolve_profile_path(const std::string& name_or_path);

inline constexpr const char* kDefaultBoard = "desktop";
// Where a provisioned kiosk keeps its profile (on the writable data partition), and the one
// the image ships with on its read-only root.
inline constexpr const char* kProvisionedProfile = "/data/kiosk/board.toml";
inline constexpr const char* kImageProfile = "/etc/kiosk/board.toml";

// The board to use when none is named: $KIOSK_BOARD, else the provisioned profile, else the
// image's, else "desktop" (a developer machine).
std::string default_board();

}  // namespace board
