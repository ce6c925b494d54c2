#include "options.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <sstream>

#include "drivers/secure_buffer.hpp"

namespace kiosk {
namespace {

Result<ScriptStep> script_step(const std::string& name) {
  if (name.rfind("type:", 0) == 0) return ScriptStep(TypeText{name.substr(5)});
  if (name == "wait-card") return ScriptStep(WaitForCard{});
  if (name == "wait-page") return ScriptStep(WaitForPage{});
  if (const auto c = command_named(name)) return ScriptStep(*c);
  return technician_error("unknown step '" + name + "' in --keys");
}

Result<long> number(const std::string& option, const std::string& text) {
  long v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return technician_error(option + " needs a number, not '" + text + "'");
  }
  return v;
}

}  // namespace

std::string usage() {
  std::string u = R"(usage: kioskd [options]
  --board NAME|FILE   board profile (default: $KIOSK_BOARD, /data/kiosk/board.toml,
                      /etc/kiosk/board.toml, else desktop; see board/profiles/)
  --video MODE        auto | window | kmsdrm | offscreen (default: from the profile)
  --out DIR           where offscreen frames and screenshots go (default: out)
  --page WHAT         welcome | long (a 100 KB guide) | FILE.html | http(s)://URL
                      (default: the board's home page, else the welcome page)
  --scheme ID         default | black-yellow | yellow-black | blue-white | white-black
  --zoom PERCENT      100 .. 400
  --keys LIST         comma-separated steps run at start: the command names below, and
                      type:TEXT, wait-page, wait-card
  --frames N          exit after N frames
  --screenshot FILE   save the last frame as PNG before exiting
  --print-rss         print the peak resident set size at exit
  --wav FILE          speak into a WAV file instead of the audio device
  --no-speech         visual only
  --utterance-log FILE  also write what is said (reason, kind, text), one line each
  --health-file FILE  write the health report here once the first frame is up;
                      SIGUSR1 then saves screenshot.png beside it (kioskctl screenshot)
Commands (name: default keys — what it does):
)";
  for (const auto& c : command_table()) {
    std::string keys;
    for (auto k : c.keys) {
      if (k.empty()) continue;
      keys += (keys.empty() ? "" : " ") + std::string(k);
    }
    u += "  " + std::string(c.name) + ": " + keys + " — " + std::string(c.help) +
         (c.group == CommandGroup::Developer ? " (developer boards only)" : "") + "\n";
  }
  u += "Exit codes: 0 normal, 1 bad options, 3 no usable font, 4 no screen. A board profile that\n"
       "cannot be read or is refused does not stop kioskd: it shows 暂停服务 with the reason.\n";
  return u;
}

Result<Options> parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    auto value = [&]() -> std::string { return has_value ? argv[++i] : std::string(); };
    auto needs_value = [&]() -> Result<void> {
      if (!has_value) return technician_error(a + " needs a value");
      return {};
    };
    if (a == "--help" || a == "-h") {
      o.help = true;
      continue;
    }
    if (a == "--print-rss") {
      o.print_rss = true;
      continue;
    }
    if (a == "--no-speech") {
      o.speech = false;
      continue;
    }
    if (auto ok = needs_value(); !ok) {
      if (a.rfind("--", 0) != 0 || a.size() < 3) return technician_error("unknown option " + a);
      return ok.error();
    }
    if (a == "--board") {
      o.board = value();
    } else if (a == "--video") {
      o.video = value();
    } else if (a == "--out") {
      o.out_dir = value();
    } else if (a == "--page") {
      o.page = value();
    } else if (a == "--scheme") {
      o.scheme = value();
    } else if (a == "--zoom") {
      auto n = number(a, value());
      if (!n) return n.error();
      o.zoom_percent = static_cast<int>(*n);
    } else if (a == "--frames") {
      auto n = number(a, value());
      if (!n) return n.error();
      o.frames = *n;
    } else if (a == "--screenshot") {
      o.screenshot = value();
    } else if (a == "--wav") {
      o.wav = value();
    } else if (a == "--utterance-log") {
      o.utterance_log = value();
    } else if (a == "--health-file") {
      o.health_file = value();
    } else if (a == "--keys") {
      const std::string steps = value();
      o.script.reserve(o.script.size() + 1 +
                       static_cast<std::size_t>(std::count(steps.begin(), steps.end(), ',')));
      std::stringstream list(steps);
      for (std::string k; std::getline(list, k, ',');) {
        auto step = script_step(k);
        if (!step) return step.error();
        o.script.push_back(*step);
      }
    } else {
      return technician_error("unknown option " + a);
    }
  }
  return o;
}

void forget_typed_text(Options& options) {
  for (auto& step : options.script) {
    if (auto* typed = std::get_if<TypeText>(&step)) {
      // clear() alone leaves the bytes in place (a short text sits inside the string itself).
      drivers::secure_wipe(typed->text.data(), typed->text.size());
      typed->text.clear();
    }
  }
}

void hide_typed_text(int argc, char** argv) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], "--keys") != 0) continue;
    char* steps = argv[++i];
    for (char* at = std::strstr(steps, "type:"); at != nullptr; at = std::strstr(at, "type:")) {
      // Only at the start of a step: "type:" inside typed text is hidden with the rest.
      if (at != steps && at[-1] != ',') {
        at += 5;
        continue;
      }
      for (at += 5; *at != '\0' && *at != ','; ++at) *at = '*';
    }
  }
}

}  // namespace kiosk
