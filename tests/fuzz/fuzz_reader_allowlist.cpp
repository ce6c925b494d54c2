// libFuzzer target: any bytes as one entry of a board profile's reader allowlist
// ([readers] allow = ["08e6:4433 ccid"]). Read twice — by the profile loader
// (board::load_profile_text), which checks the shape and feeds the udev rules, and by the
// drivers (drivers::usb::parse_allow_entry), which know the kinds. Neither may crash, and:
//  - the drivers accept only the canonical form: what they accept prints back (label()) as
//    the entry itself (hex case aside) and parses again to the same reader;
//  - an entry the drivers accept, the profile loader accepts too (no usable reader is refused);
//  - an entry the profile loader accepts becomes exactly one comment and one rule in the udev
//    rules it generates (`kioskctl board udev-rules`): nothing in it can add a rule of its own;
//  - every refusal says why.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "board/profile.hpp"
#include "board/system_files.hpp"
#include "drivers/usb/reader_registry.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::string_view kProfile = R"([board]
name = "fuzz"
compatible = "cn.gov.kiosk.fuzz"
[display]
width_px = 1920
height_px = 1080
width_mm = 527.0
height_mm = 296.5
[fonts]
families = ["Noto Sans CJK SC"]
[readers]
allow = [)";

// The entry as a TOML basic string: quotes, backslashes and controls escaped, the rest as is.
std::string toml_string(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || u < 0x20 || u == 0x7F) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04X", u);
      out += esc;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

board::ProfileLoadResult load_with(std::string_view entry) {
  return board::load_profile_text(std::string(kProfile) + toml_string(entry) + "]\n", "fuzz.toml");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool profile_loads = load_with("08e6:4433 ccid").profile.has_value();
  if (!profile_loads) std::abort();  // the frame above must stay a valid profile

  const std::string_view entry(reinterpret_cast<const char*>(data), size);
  const auto parsed = drivers::usb::parse_allow_entry(entry);
  if (!parsed.reader && parsed.error.empty()) std::abort();
  if (parsed.reader) {
    const std::string label = parsed.reader->label();
    if (label != fuzz::lower_ascii(entry)) std::abort();
    const auto again = drivers::usb::parse_allow_entry(label);
    if (!again.reader || again.reader->vid != parsed.reader->vid ||
        again.reader->pid != parsed.reader->pid || again.reader->kind != parsed.reader->kind ||
        again.reader->chip != parsed.reader->chip)
      std::abort();
  }

  const auto loaded = load_with(entry);
  if (!loaded.profile) {
    if (loaded.error.empty()) std::abort();
    if (parsed.reader) std::abort();  // a reader the drivers can use, refused by the loader
    return 0;
  }
  if (loaded.profile->readers.allow.size() != 1 || loaded.profile->readers.allow[0] != entry)
    std::abort();
  const std::string rules = board::udev_rules(*loaded.profile, "kiosk");
  std::size_t lines = 0, rule_lines = 0;
  for (const auto& line : fuzz::split(rules, '\n', rules.size() + 1)) {
    if (line.empty()) continue;
    ++lines;
    if (line.starts_with("SUBSYSTEM=="))
      ++rule_lines;
    else if (!line.starts_with("#"))
      std::abort();  // neither a comment nor the kiosk's rule
  }
  if (rule_lines != 1 || lines != 2 + 2) std::abort();  // two header comments, then the entry's two
  return 0;
}
