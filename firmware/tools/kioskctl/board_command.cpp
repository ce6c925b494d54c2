#include "board_command.hpp"

#include <iostream>
#include <optional>

#include "arguments.hpp"
#include "board/profile.hpp"
#include "board/system_files.hpp"
#include "json_lines.hpp"

namespace kioskctl {
namespace {

const char* kHelp = R"(usage: kioskctl board VERB [--board NAME|FILE] [options]

  show          the profile as one JSON line (the staff PIN hash only as set / not set)
  check         validate the profile; a bad one is named by file, line and key
  udev-rules    udev rules giving the kiosk user the allowlisted readers [--group NAME]
  rauc-conf     RAUC system.conf for the board's A/B slots
                [--keyring FILE] [--backend FILE] [--mount-prefix DIR]
                verity bundles only; [--allow-plain-bundles] also the plain format
                (host tests without device-mapper; never on a kiosk)

--board defaults to $KIOSK_BOARD, /data/kiosk/board.toml, /etc/kiosk/board.toml, desktop.
exit codes: 0 done, 1 usage error, 2 the profile is bad or lacks what the verb needs
)";

}  // namespace

int board_command(std::span<const std::string> args) {
  std::string board = board::default_board();
  std::string group = "kiosk";
  board::RaucPaths paths;
  std::optional<std::string> verb;
  for (Arguments a(args, "kioskctl board", kHelp); a.next();) {
    if (a.help()) return 0;
    if (!a.value("--board", board) && !a.value("--group", group) &&
        !a.value("--keyring", paths.keyring) && !a.value("--backend", paths.bootloader_backend) &&
        !a.value("--mount-prefix", paths.mount_prefix) &&
        !a.flag("--allow-plain-bundles", paths.allow_plain_bundles) && !a.positional(verb)) {
      return a.unexpected();
    }
  }
  if (!verb) {
    std::cerr << kHelp;
    return 1;
  }
  const std::string path = board::resolve_profile_path(board);
  const auto loaded = board::load_profile_file(path);
  if (!loaded.profile) {
    std::cerr << "kioskctl board: bad board profile: " << loaded.error << "\n";
    return 2;
  }
  const board::BoardProfile& p = *loaded.profile;
  if (*verb == "check") {
    emit({{"event", "profile-ok"}, {"board", p.name}, {"file", path}});
    return 0;
  }
  if (*verb == "show") {
    emit({{"event", "profile"},
          {"file", path},
          {"name", p.name},
          {"compatible", p.compatible},
          {"display",
           {{"width_px", p.display.width_px},
            {"height_px", p.display.height_px},
            {"width_mm", p.display.width_mm},
            {"height_mm", p.display.height_mm},
            {"rotation", p.display.rotation},
            {"video", p.display.video}}},
          {"home", p.content.home},
          {"origins", p.content.origins},
          {"readers", p.readers.allow},
          {"audio",
           {{"speaker", p.audio.speaker},
            {"headphone", p.audio.headphone},
            {"headphone_jack", p.audio.headphone_jack}}},
          {"staff_pin", p.staff.pin_hash.empty() ? "not set" : "set"},
          {"update", {{"slot_a", p.update.slot_a}, {"slot_b", p.update.slot_b}}}});
    return 0;
  }
  if (*verb == "udev-rules") {
    std::cout << board::udev_rules(p, group);
    return 0;
  }
  if (*verb == "rauc-conf") {
    std::string error;
    const std::string conf = board::rauc_system_conf(p, paths, error);
    if (conf.empty()) {
      std::cerr << "kioskctl board rauc-conf: " << error << "\n";
      return 2;
    }
    std::cout << conf;
    return 0;
  }
  std::cerr << "kioskctl board: unknown verb '" << *verb << "'\n" << kHelp;
  return 1;
}

}  // namespace kioskctl
