#include "selftest_command.hpp"

#include <SDL.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "arguments.hpp"
#include "board/profile.hpp"
#include "cards/reader_setup.hpp"
#include "cards_command.hpp"
#include "json_lines.hpp"
#include "kiosk/profile_settings.hpp"
#include "kioskd_runtime.hpp"
#include "platform/display.hpp"
#include "tts/audio_sink.hpp"
#include "tts/speech.hpp"
#include "tts/speech_engine.hpp"
#include "ui/reading_view.hpp"
#include "ui/scheme.hpp"
#include "ui/screen_renderer.hpp"
#include "ui/screenshot.hpp"

namespace kioskctl {
namespace {

using nlohmann::json;

const char* kHelp = R"(usage: kioskctl selftest [--board NAME|FILE] [--video MODE] [--hold SECONDS]
                        [--out DIR] [--wav FILE] [--emulated] [--card-seconds N]

Checks the kiosk part by part and prints one JSON line each ("result": pass, fail or skip):
  profile   the board profile loads
  display   a test page in every colour scheme on the screen (each held --hold s, default
            1), read back pixel by pixel: background and text colours must both be there;
            the first frame is saved as DIR/selftest.png (default /run/kiosk)
  speech    a test sentence spoken on the audio device (or into --wav FILE)
  readers   the allowlisted USB readers plugged in (and the emulated ones with --emulated
            or on a board with emulated readers)
  card      a card present within --card-seconds (default 3): ATR or masked ID fields
kioskd holds the screen and the readers: stop it first (systemctl stop kioskd), or use
--video offscreen.

exit codes: 0 every part passed or was skipped, 1 usage error, 2 a part failed
)";

struct Options {
  std::string board = board::default_board();
  std::string video;
  double hold = 1;
  std::string out_dir = kiosk::kDefaultRuntimeDir;
  std::string wav;
  bool emulated = false;
  double card_seconds = 3;
};

void report(const char* part, const char* result, const std::string& detail, bool& failed) {
  if (std::string_view(result) == "fail") failed = true;
  emit({{"part", part}, {"result", result}, {"detail", detail}});
}

ui::Document test_page() {
  ui::Document d;
  d.title = "自检";
  d.blocks.push_back(ui::make_heading(1, "显示自检 Display test"));
  d.blocks.push_back(ui::make_paragraph("若能看清这几行大字，显示正常。ABC abc 0123456789"));
  d.blocks.push_back(ui::make_paragraph("身份证 社保卡 预约 缴费 查询"));
  return d;
}

// Share of the frame's pixels that are exactly `c` (glyph interiors are drawn in the text
// colour itself; edges are blended).
double share_of(SDL_Surface* frame, ui::Rgb c) {
  std::size_t hits = 0;
  const auto* base = static_cast<const std::uint8_t*>(frame->pixels);
  for (int y = 0; y < frame->h; ++y) {
    const std::uint8_t* row = base + static_cast<std::size_t>(y) * frame->pitch;
    for (int x = 0; x < frame->w; ++x) {
      Uint8 r = 0, g = 0, b = 0;
      Uint32 px = 0;
      std::memcpy(&px, row + x * frame->format->BytesPerPixel, frame->format->BytesPerPixel);
      SDL_GetRGB(px, frame->format, &r, &g, &b);
      if (r == c.r && g == c.g && b == c.b) ++hits;
    }
  }
  return static_cast<double>(hits) / (static_cast<double>(frame->w) * frame->h);
}

void display_part(const board::BoardProfile& profile, const Options& o, bool& failed) {
  auto fonts = ui::FontCollection::load(kiosk::font_request_for(profile));
  if (!fonts.fonts) return report("display", "fail", fonts.error, failed);
  const kiosk::BodySize body = kiosk::body_size_for(profile, *fonts.fonts);
  auto opened =
      kiosk::open_display(profile.display, o.video.empty() ? profile.display.video : o.video);
  if (!opened) {
    const bool kioskd_up = KioskdRuntime(kiosk::kDefaultRuntimeDir).running_pid().has_value();
    return report(
        "display", "fail",
        opened.error().technician + (kioskd_up ? " (kioskd is running and holds the screen: "
                                                 "systemctl stop kioskd, or --video offscreen)"
                                               : ""),
        failed);
  }
  SDL_Renderer* renderer = opened->renderer.get();
  // The reading view alone, as kioskd draws pages: no session, no network, no voice.
  ui::TextLayouter layouter(*fonts.fonts);
  ui::ReadingView view(layouter, kiosk::view_settings_for(profile, body.px));
  ui::ScreenRenderer screen(renderer, *fonts.fonts);
  {
    int w = 0;
    int h = 0;
    SDL_GetRendererOutputSize(renderer, &w, &h);
    view.resize(w, h);
  }
  view.set_document(test_page());
  std::string problems;
  int checked = 0;
  for (const auto& scheme : ui::color_schemes()) {
    view.set_scheme(scheme);
    screen.draw(view.screen_view());
    std::string error;
    ui::SurfacePtr frame = ui::read_frame(renderer, error);
    if (!frame) {
      problems += std::string(scheme.id) + ": cannot read the frame back (" + error + "); ";
      continue;
    }
    if (checked == 0) {
      std::error_code ec;
      std::filesystem::create_directories(o.out_dir, ec);
      ui::save_png(renderer, o.out_dir + "/selftest.png", error);
    }
    SDL_RenderPresent(renderer);
    const double background = share_of(frame.get(), scheme.background);
    const double text = share_of(frame.get(), scheme.text);
    if (background < 0.3 || text < 0.001) {
      char line[160];
      std::snprintf(line, sizeof line, "%s: background %.1f %% of pixels, text %.2f %%; ",
                    std::string(scheme.id).c_str(), background * 100, text * 100);
      problems += line;
    }
    ++checked;
    SDL_PumpEvents();
    std::this_thread::sleep_for(std::chrono::duration<double>(o.hold));
  }
  char size[96];
  std::snprintf(size, sizeof size, "%dx%d %s, body %d px (capitals %.1f mm), ",
                profile.display.width_px, profile.display.height_px,
                kiosk::to_string(opened->backend), body.px, body.capital_mm);
  if (problems.empty()) {
    report("display", "pass",
           std::string(size) + std::to_string(checked) +
               " colour schemes drawn and read back; picture: " + o.out_dir + "/selftest.png",
           failed);
  } else {
    report("display", "fail",
           std::string(size) + problems + "check the panel cable and the GPU driver", failed);
  }
}

void speech_part(const Options& o, bool& failed) {
  auto created = tts::SpeechEngine::create();
  if (!created.engine) return report("speech", "fail", created.error, failed);
  tts::SpeechEngine& engine = *created.engine;
  auto sink = o.wav.empty() ? tts::open_sdl_sink(engine.ring())
                            : tts::open_wav_sink(engine.ring(), o.wav, tts::Pacing::Drain);
  if (!sink.sink) {
    return report("speech", "fail",
                  sink.error + " (check the speaker cable and `aplay -l`; the kiosk needs sound)",
                  failed);
  }
  tts::Utterance u;
  u.segments = tts::chinese_speech("语音自检：您好，这是政务服务自助终端。");
  u.id = 1;
  engine.speak(std::move(u));
  engine.wait_idle();
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (engine.ring().consumed() < engine.ring().written() &&
         std::chrono::steady_clock::now() < end) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  const double seconds = static_cast<double>(engine.ring().written()) / engine.ring().sample_rate();
  const bool played = engine.ring().consumed() >= engine.ring().written();
  char detail[200];
  std::snprintf(detail, sizeof detail, "%.1f s of speech %s through %s", seconds,
                played ? "played" : "NOT played out", sink.sink->describe().c_str());
  report("speech", seconds > 1.0 && played ? "pass" : "fail", detail, failed);
}

void readers_and_card_part(const board::BoardProfile& profile, const Options& o, bool& failed) {
  std::string allow_error;
  const auto allow = kiosk::reader_allowlist(profile, allow_error);
  if (!allow) return report("readers", "fail", allow_error, failed);
  kiosk::EmulatedReaders emulated_readers;
  drivers::CardWatcher watcher(*allow, true);
  const bool emulated = o.emulated || profile.readers.emulated;
  if (emulated) {
    emulated_readers.insert_smart_card();
    emulated_readers.place_id_card();
    emulated_readers.attach(watcher);
  }
  const bool usb_ok = watcher.usb_status().rfind("libusb", 0) == 0;
  json readers = json::array();
  if (emulated) {
    readers.push_back("emulated CCID reader");
    readers.push_back("emulated ID-card reader");
  }
  std::optional<json> card;
  std::string card_problem;
  const auto end = std::chrono::steady_clock::now() +
                   std::chrono::milliseconds(static_cast<long>(o.card_seconds * 1000));
  while (std::chrono::steady_clock::now() < end && !card) {
    for (auto& e : watcher.poll(std::chrono::milliseconds(200), kiosk::local_today())) {
      using K = drivers::CardEvent::Kind;
      if (e.kind == K::ReaderAdded) readers.push_back(e.reader);
      if (e.kind == K::CardInserted || e.kind == K::IdCardRead) {
        card = describe_card_event(e, nullptr);
      }
      if (e.kind == K::CardError || e.kind == K::IdCardFailed || e.kind == K::ReaderError) {
        card_problem = e.reader + ": " + e.detail + " [" + drivers::fault_name(e.fault) + "]";
      }
    }
  }
  if (!usb_ok && !emulated) {
    report("readers", "fail", watcher.usb_status(), failed);
  } else if (readers.empty() && !profile.readers.allow.empty()) {
    report("readers", "fail",
           "none of the " + std::to_string(profile.readers.allow.size()) +
               " allowlisted readers is plugged in (" + watcher.usb_status() +
               "); check the USB cables, then kioskctl cards",
           failed);
  } else {
    report("readers", "pass", std::to_string(readers.size()) + " reader(s): " + readers.dump(),
           failed);
  }
  if (card) {
    report("card", "pass", card->dump(), failed);
  } else if (!card_problem.empty()) {
    report("card", "fail", card_problem, failed);
  } else {
    report("card", "skip", "no card presented within the time given", failed);
  }
}

}  // namespace

int selftest_command(std::span<const std::string> args) {
  Options o;
  for (Arguments a(args, "kioskctl selftest", kHelp); a.next();) {
    if (a.help()) return 0;
    if (a.flag("--emulated")) {
      o.emulated = true;
    } else if (!a.value("--board", o.board) && !a.value("--video", o.video) &&
               !a.value("--hold", o.hold) && !a.value("--out", o.out_dir) &&
               !a.value("--wav", o.wav) && !a.value("--card-seconds", o.card_seconds)) {
      return a.unexpected();
    }
  }
  bool failed = false;
  const std::string path = board::resolve_profile_path(o.board);
  const auto loaded = board::load_profile_file(path);
  if (!loaded.profile) {
    report("profile", "fail", loaded.error, failed);
    return 2;
  }
  report("profile", "pass", loaded.profile->name + " (" + path + ")", failed);
  display_part(*loaded.profile, o, failed);
  speech_part(o, failed);
  readers_and_card_part(*loaded.profile, o, failed);
  SDL_Quit();
  emit({{"event", "selftest-done"}, {"result", failed ? "fail" : "pass"}});
  return failed ? 2 : 0;
}

}  // namespace kioskctl
