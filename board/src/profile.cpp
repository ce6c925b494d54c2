#include "board/profile.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>

namespace board {
namespace {

// One accepted key: its section, name, whether it must be present, and how to read it
// into the profile. `read` returns an error text for a wrong type or impossible value.
struct Field {
  std::string_view section;
  std::string_view key;
  bool required;
  std::function<std::string(const toml::node&, BoardProfile&)> read;
};

std::string type_error(std::string_view expected) {
  return "must be " + std::string(expected);
}

template <typename T>
std::function<std::string(const toml::node&, BoardProfile&)> read_int(T BoardProfile::*group,
                                                                      int T::*member, int lo,
                                                                      int hi) {
  return [=](const toml::node& n, BoardProfile& p) -> std::string {
    auto v = n.value_exact<int64_t>();
    if (!v) return type_error("an integer");
    if (*v < lo || *v > hi) {
      return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + " (got " +
             std::to_string(*v) + ")";
    }
    (p.*group).*member = static_cast<int>(*v);
    return {};
  };
}

std::function<std::string(const toml::node&, BoardProfile&)> read_mm(double DisplayProfile::*m) {
  return [=](const toml::node& n, BoardProfile& p) -> std::string {
    auto v = n.value<double>();  // integers are accepted as millimetres too
    if (!v) return type_error("a number of millimetres");
    if (!(*v > 0) || *v > 5000)
      return "must be a real screen size in mm, > 0 (got " + std::to_string(*v) + ")";
    p.display.*m = *v;
    return {};
  };
}

template <typename T>
std::function<std::string(const toml::node&, BoardProfile&)> read_string(
    T BoardProfile::*group, std::string T::*member, std::vector<std::string> allowed = {}) {
  return [=](const toml::node& n, BoardProfile& p) -> std::string {
    auto v = n.value_exact<std::string>();
    if (!v) return type_error("a string");
    if (!allowed.empty() && std::find(allowed.begin(), allowed.end(), *v) == allowed.end()) {
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      return "must be one of " + list + " (got \"" + *v + "\")";
    }
    (p.*group).*member = *v;
    return {};
  };
}

std::function<std::string(const toml::node&, BoardProfile&)> read_top_string(
    std::string BoardProfile::*member) {
  return [=](const toml::node& n, BoardProfile& p) -> std::string {
    auto v = n.value_exact<std::string>();
    if (!v) return type_error("a string");
    if (v->empty()) return "must not be empty";
    p.*member = *v;
    return {};
  };
}

std::function<std::string(const toml::node&, BoardProfile&)> read_bool(bool TextProfile::*m) {
  return [=](const toml::node& n, BoardProfile& p) -> std::string {
    auto v = n.value_exact<bool>();
    if (!v) return type_error("true or false");
    p.text.*m = *v;
    return {};
  };
}

// BoardProfile has no nested group for [board]; these adapt the member pointers above.
std::string read_families(const toml::node& n, BoardProfile& p) {
  const toml::array* a = n.as_array();
  if (a == nullptr || a->empty()) return type_error("a non-empty array of family names");
  for (const auto& item : *a) {
    auto v = item.value_exact<std::string>();
    if (!v || v->empty()) return type_error("an array of non-empty strings");
    p.font_families.push_back(*v);
  }
  return {};
}

std::string read_font_files(const toml::node& n, BoardProfile& p) {
  const toml::array* a = n.as_array();
  if (a == nullptr) return type_error("an array of { family = \"…\", path = \"…\" } tables");
  for (const auto& item : *a) {
    const toml::table* t = item.as_table();
    auto family = t ? (*t)["family"].value_exact<std::string>() : std::nullopt;
    auto path = t ? (*t)["path"].value_exact<std::string>() : std::nullopt;
    if (!family || !path || t->size() != 2) {
      return "each entry must be { family = \"…\", path = \"…\" } and nothing else";
    }
    p.font_files.push_back({*family, *path});
  }
  return {};
}

std::string read_origins(const toml::node& n, BoardProfile& p) {
  const toml::array* a = n.as_array();
  if (a == nullptr) return type_error("an array of origins such as \"https://zwdt.sh.gov.cn\"");
  for (const auto& item : *a) {
    auto v = item.value_exact<std::string>();
    if (!v || (v->rfind("http://", 0) != 0 && v->rfind("https://", 0) != 0)) {
      return "each origin must start with http:// or https://";
    }
    p.content.origins.push_back(*v);
  }
  return {};
}

std::string read_home(const toml::node& n, BoardProfile& p) {
  auto v = n.value_exact<std::string>();
  if (!v) return type_error("a URL string");
  p.content.home = *v;
  return {};
}

std::string read_reader_allow(const toml::node& n, BoardProfile& p) {
  const toml::array* a = n.as_array();
  if (a == nullptr)
    return type_error("an array of \"VID:PID kind\" strings such as \"0403:6001 sam-ftdi\"");
  for (const auto& item : *a) {
    auto v = item.value_exact<std::string>();
    auto hex4 = [](std::string_view s) {
      return s.size() == 4 &&
             s.find_first_not_of("0123456789abcdefABCDEF") == std::string_view::npos;
    };
    // The drivers know the kinds; here a kind must at least be one word of lower-case letters,
    // digits and '-': the entry is copied into the udev rules, where a line break would let it
    // add a rule of its own.
    auto word = [](std::string_view s) {
      return s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string_view::npos;
    };
    if (!v || v->size() < 11 || (*v)[4] != ':' || (*v)[9] != ' ' ||
        !hex4(std::string_view(*v).substr(0, 4)) || !hex4(std::string_view(*v).substr(5, 4)) ||
        !word(std::string_view(*v).substr(10))) {
      return "each entry must be \"VID:PID kind\" with 4-digit hex ids and a kind such as "
             "sam-ftdi (got " +
             (v ? "\"" + *v + "\"" : std::string("a non-string")) + ")";
    }
    p.readers.allow.push_back(*v);
  }
  return {};
}

std::function<std::string(const toml::node&, BoardProfile&)> read_device_path(
    std::string AudioProfile::*m) {
  return [=](const toml::node& n, BoardProfile& p) -> std::string {
    auto v = n.value_exact<std::string>();
    if (!v) return type_error("a string");
    if (!v->empty() && (*v)[0] != '/') return "must be an absolute path such as /dev/input/event3";
    p.audio.*m = *v;
    return {};
  };
}

std::string read_pin_hash(const toml::node& n, BoardProfile& p) {
  auto v = n.value_exact<std::string>();
  if (!v) return type_error("a string");
  // Only salted, slow crypt(3) schemes: a plain digest of a 4-8 digit PIN is guessed at once.
  const bool known = v->empty() || v->rfind("$y$", 0) == 0 || v->rfind("$gy$", 0) == 0 ||
                     v->rfind("$6$", 0) == 0 || v->rfind("$2b$", 0) == 0;
  if (!known || (!v->empty() && v->size() < 20)) {
    return "must be a crypt(3) hash ($y$ yescrypt, $6$ SHA-512 or $2b$ bcrypt) made by `kioskctl "
           "provision`, never the PIN itself";
  }
  p.staff.pin_hash = *v;
  return {};
}

std::function<std::string(const toml::node&, BoardProfile&)> read_absolute(
    std::string UpdateProfile::*m) {
  return [=](const toml::node& n, BoardProfile& p) -> std::string {
    auto v = n.value_exact<std::string>();
    if (!v || v->empty() || (*v)[0] != '/') return type_error("an absolute path");
    p.update.*m = *v;
    return {};
  };
}

const std::vector<Field>& fields() {
  static const std::vector<Field> kFields = {
      {"board", "name", true, read_top_string(&BoardProfile::name)},
      {"board", "compatible", true, read_top_string(&BoardProfile::compatible)},
      {"board", "description", false, read_top_string(&BoardProfile::description)},
      {"board", "developer_keys", false,
       [](const toml::node& n, BoardProfile& p) -> std::string {
         auto v = n.value_exact<bool>();
         if (!v) return type_error("true or false");
         p.developer_keys = *v;
         return {};
       }},
      {"display", "width_px", true,
       read_int(&BoardProfile::display, &DisplayProfile::width_px, 320, 16384)},
      {"display", "height_px", true,
       read_int(&BoardProfile::display, &DisplayProfile::height_px, 240, 16384)},
      {"display", "width_mm", true, read_mm(&DisplayProfile::width_mm)},
      {"display", "height_mm", true, read_mm(&DisplayProfile::height_mm)},
      {"display", "rotation", false,
       [](const toml::node& n, BoardProfile& p) -> std::string {
         auto v = n.value_exact<int64_t>();
         if (!v) return type_error("an integer");
         if (*v != 0 && *v != 90 && *v != 180 && *v != 270) {
           return "must be 0, 90, 180 or 270 (got " + std::to_string(*v) + ")";
         }
         p.display.rotation = static_cast<int>(*v);
         return {};
       }},
      {"display", "video", false,
       read_string(&BoardProfile::display, &DisplayProfile::video,
                   {"auto", "window", "kmsdrm", "offscreen"})},
      {"display", "render_driver", false,
       read_string(&BoardProfile::display, &DisplayProfile::render_driver)},
      {"display", "gl_driver", false,
       read_string(&BoardProfile::display, &DisplayProfile::gl_driver)},
      {"text", "body_px", false, read_int(&BoardProfile::text, &TextProfile::body_px, 16, 200)},
      {"text", "scheme", false,
       read_string(&BoardProfile::text, &TextProfile::scheme,
                   {"default", "black-yellow", "yellow-black", "blue-white", "white-black"})},
      {"text", "zoom_percent", false,
       read_int(&BoardProfile::text, &TextProfile::zoom_percent, 100, 400)},
      {"text", "guide_lines", false, read_bool(&TextProfile::guide_lines)},
      {"text", "caption_bar", false, read_bool(&TextProfile::caption_bar)},
      {"fonts", "families", true, read_families},
      {"fonts", "files", false, read_font_files},
      {"content", "origins", false, read_origins},
      {"content", "home", false, read_home},
      {"readers", "allow", false, read_reader_allow},
      {"readers", "photo_decoder", false,
       [](const toml::node& n, BoardProfile& p) -> std::string {
         auto v = n.value_exact<std::string>();
         if (!v || v->empty() || (*v)[0] != '/') return type_error("an absolute path to a .so");
         p.readers.photo_decoder = *v;
         return {};
       }},
      {"readers", "emulated", false,
       [](const toml::node& n, BoardProfile& p) -> std::string {
         auto v = n.value_exact<bool>();
         if (!v) return type_error("true or false");
         p.readers.emulated = *v;
         return {};
       }},
      {"audio", "speaker", false, read_string(&BoardProfile::audio, &AudioProfile::speaker)},
      {"audio", "headphone", false, read_string(&BoardProfile::audio, &AudioProfile::headphone)},
      {"audio", "headphone_jack", false, read_device_path(&AudioProfile::headphone_jack)},
      {"staff", "pin_hash", false, read_pin_hash},
      {"session", "idle_warning_s", false,
       read_int(&BoardProfile::session, &SessionProfile::idle_warning_s, 20, 3600)},
      {"session", "idle_end_s", false,
       read_int(&BoardProfile::session, &SessionProfile::idle_end_s, 40, 3600)},
      {"update", "slot_a", false, read_absolute(&UpdateProfile::slot_a)},
      {"update", "slot_b", false, read_absolute(&UpdateProfile::slot_b)},
      {"update", "slot_type", false,
       read_string(&BoardProfile::update, &UpdateProfile::slot_type, {"ext4", "raw"})},
      {"update", "data_dir", false, read_absolute(&UpdateProfile::data_dir)},
      {"update", "efi_dir", false, read_absolute(&UpdateProfile::efi_dir)},
  };
  return kFields;
}

std::string at(const std::string& source, const toml::node& n) {
  return source + ":" + std::to_string(n.source().begin.line);
}

}  // namespace

ProfileLoadResult load_profile_text(std::string_view text, const std::string& source) {
  ProfileLoadResult result;
  toml::table doc;
  try {
    doc = toml::parse(text, source);
  } catch (const toml::parse_error& e) {
    result.error =
        source + ":" + std::to_string(e.source().begin.line) + ": " + std::string(e.description());
    return result;
  }
  BoardProfile profile;
  profile.source = source;
  for (const auto& [section_key, section_node] : doc) {
    const std::string section(section_key.str());
    const toml::table* section_table = section_node.as_table();
    if (section == "keys" && section_table != nullptr) {
      for (const auto& [action, node] : *section_table) {
        const toml::array* a = node.as_array();
        std::vector<std::string> keys;
        bool ok = a != nullptr && !a->empty();
        if (ok) {
          for (const auto& item : *a) {
            auto v = item.value_exact<std::string>();
            ok = ok && v && !v->empty();
            if (v) keys.push_back(*v);
          }
        }
        if (!ok) {
          result.error =
              at(source, node) + ": [keys] " + std::string(action.str()) +
              ": must be a non-empty array of key names such as [\"Down\", \"Keypad 2\"]";
          return result;
        }
        profile.key_bindings.emplace_back(std::string(action.str()), std::move(keys));
      }
      continue;
    }
    bool known = false;
    for (const auto& f : fields()) known = known || f.section == section;
    if (!known || section_table == nullptr) {
      result.error =
          at(source, section_node) + ": unknown section [" + section +
          "] (expected [board], [display], [text], [fonts], [content], [readers], [audio], "
          "[staff], [update] or [keys])";
      return result;
    }
    for (const auto& [key, node] : *section_table) {
      const Field* field = nullptr;
      for (const auto& f : fields()) {
        if (f.section == section && f.key == key.str()) field = &f;
      }
      if (field == nullptr) {
        result.error =
            at(source, node) + ": [" + section + "] " + std::string(key.str()) + ": unknown key";
        return result;
      }
      if (std::string err = field->read(node, profile); !err.empty()) {
        result.error =
            at(source, node) + ": [" + section + "] " + std::string(key.str()) + ": " + err;
        return result;
      }
    }
  }
  for (const auto& f : fields()) {
    if (!f.required) continue;
    const toml::node* n = doc[f.section][f.key].node();
    if (n == nullptr) {
      result.error = source + ": [" + std::string(f.section) + "] " + std::string(f.key) +
                     ": missing (required)";
      return result;
    }
  }
  if (profile.update.slot_a.empty() != profile.update.slot_b.empty() ||
      (!profile.update.slot_a.empty() && profile.update.slot_a == profile.update.slot_b)) {
    const toml::node* n = doc["update"].node();
    result.error = (n ? at(source, *n) : source) +
                   ": [update] slot_a, slot_b: give two different slots (A/B) or neither";
    return result;
  }
  result.profile = std::move(profile);
  return result;
}

ProfileLoadResult load_profile_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return {std::nullopt, path + ": cannot open board profile (" + std::strerror(errno) + ")"};
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  // A directory opens but reads as nothing: say so rather than "[board] name: missing".
  if (std::error_code ec; std::filesystem::is_directory(path, ec)) {
    return {std::nullopt, path + ": cannot open board profile (" + std::strerror(EISDIR) + ")"};
  }
  return load_profile_text(buffer.str(), path);
}

std::string default_board() {
  if (const char* env = std::getenv("KIOSK_BOARD"); env != nullptr && *env != 0) return env;
  std::error_code ec;
  for (const char* path : {kProvisionedProfile, kImageProfile}) {
    if (std::filesystem::exists(path, ec)) return path;
  }
  return kDefaultBoard;
}

std::string resolve_profile_path(const std::string& name_or_path) {
  namespace fs = std::filesystem;
  if (name_or_path.find('/') != std::string::npos || name_or_path.ends_with(".toml")) {
    return name_or_path;
  }
  std::vector<fs::path> dirs;
  if (const char* env = std::getenv("KIOSK_BOARD_DIR")) dirs.emplace_back(env);
  dirs.emplace_back(KIOSK_INSTALLED_BOARD_DIR);
  dirs.emplace_back(KIOSK_SOURCE_BOARD_DIR);
  for (const auto& d : dirs) {
    fs::path candidate = d / (name_or_path + ".toml");
    std::error_code ec;
    if (fs::exists(candidate, ec)) return candidate.string();
  }
  return (fs::path(KIOSK_SOURCE_BOARD_DIR) / (name_or_path + ".toml")).string();
}

}  // namespace board
