// kioskd: the kiosk's main program. Loads the board profile, finds the fonts, opens the
// screen (window, KMS/DRM or offscreen) and runs the reading view until asked to stop.
#include <SDL.h>
#include <sys/resource.h>
#include <unistd.h>
#include <csignal>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "board/profile.hpp"
#include "card_readers.hpp"
#include "display.hpp"
#include "kiosk_app.hpp"
#include "page_loader.hpp"
#include "process_hardening.hpp"
#include "sample_pages.hpp"
#include "service_manager.hpp"
#include "speech_output.hpp"
#include "ui/screenshot.hpp"

namespace {

struct Options {
  std::string board = board::default_board();
  std::string video;  // overrides the profile's [display] video
  std::string out_dir = "out";
  std::string page;  // empty: the board's home page
  std::string scheme;
  int zoom_percent = 0;
  std::vector<std::string> keys;
  long frames = -1;        // exit after this many frames; -1 runs until quit
  std::string screenshot;  // written before exit
  bool print_rss = false;
  bool speech = true;
  std::string wav;  // speak into this WAV file instead of the audio device
  // Health file for the update confirmation; kioskd.pid and screenshot.png (on SIGUSR1) go
  // beside it. Default: $RUNTIME_DIRECTORY/health under systemd, none otherwise.
  std::string health_file;
};

volatile std::sig_atomic_t g_screenshot_requested = 0;
extern "C" void request_screenshot(int) {
  g_screenshot_requested = 1;
}

constexpr const char* kUsage = R"(usage: kioskd [options]
  --board NAME|FILE   board profile (default: $KIOSK_BOARD, /data/kiosk/board.toml,
                      /etc/kiosk/board.toml, else desktop; see board/profiles/)
  --video MODE        auto | window | kmsdrm | offscreen (default: from the profile)
  --out DIR           where offscreen frames and screenshots go (default: out)
  --page WHAT         welcome | long (a 100 KB guide) | FILE.html | http(s)://URL
                      (default: the board's home page, else the welcome page)
  --scheme ID         default | black-yellow | yellow-black | blue-white | white-black
  --zoom PERCENT      100 .. 400
  --keys LIST         comma-separated actions run at start: down,up,tab,shift-tab,enter,back,
                      zoom-in,zoom-out,scheme,guides,caption,caption-next,caption-prev,
                      heading,link,field,table,list,where,say-all,spell, type:TEXT
  --frames N          exit after N frames
  --screenshot FILE   save the last frame as PNG before exiting
  --print-rss         print the peak resident set size at exit
  --wav FILE          speak into a WAV file instead of the audio device
  --no-speech         visual only
  --health-file FILE  write display/speech/reader health here once the first frame is up;
                      SIGUSR1 then saves screenshot.png beside it (kioskctl screenshot)
Keys: Up/Down item, Tab link, Enter activate, Esc back, +/- zoom, F2 scheme, F3 guide lines,
F4 caption bar, PageUp/PageDown caption pages, F12 screenshot, Ctrl+Q quit.
Exit codes: 0 normal, 1 bad options, 2 bad board profile, 3 no usable font, 4 no screen.
)";

bool parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (a == "--board")
      o.board = value();
    else if (a == "--video")
      o.video = value();
    else if (a == "--out")
      o.out_dir = value();
    else if (a == "--page")
      o.page = value();
    else if (a == "--scheme")
      o.scheme = value();
    else if (a == "--zoom")
      o.zoom_percent = std::stoi(value());
    else if (a == "--frames")
      o.frames = std::stol(value());
    else if (a == "--screenshot")
      o.screenshot = value();
    else if (a == "--print-rss")
      o.print_rss = true;
    else if (a == "--wav")
      o.wav = value();
    else if (a == "--no-speech")
      o.speech = false;
    else if (a == "--health-file")
      o.health_file = value();
    else if (a == "--keys") {
      std::stringstream list(value());
      for (std::string k; std::getline(list, k, ',');) o.keys.push_back(k);
    } else {
      throw std::invalid_argument("unknown option " + a);
    }
  }
  return true;
}

void save_frame(SDL_Renderer* renderer, const std::string& path) {
  std::string error;
  std::error_code ec;
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  if (!ui::save_png(renderer, path, error)) std::fprintf(stderr, "kioskd: %s\n", error.c_str());
}

int run(const Options& opt) {
  // Personal data passes through this process: no core files, no ptrace by others.
  if (const auto err = kiosk::disable_core_dumps(); !err.empty()) {
    std::fprintf(stderr, "kioskd: warning: core dumps not disabled: %s\n", err.c_str());
  }
  const std::string profile_path = board::resolve_profile_path(opt.board);
  auto loaded = board::load_profile_file(profile_path);
  if (!loaded.profile) {
    std::fprintf(stderr, "kioskd: bad board profile: %s\n", loaded.error.c_str());
    return 2;
  }
  board::BoardProfile profile = *loaded.profile;
  if (!opt.scheme.empty()) {
    if (ui::find_color_scheme(opt.scheme) == nullptr) {
      std::fprintf(stderr, "kioskd: unknown scheme '%s'\n", opt.scheme.c_str());
      return 1;
    }
    profile.text.scheme = opt.scheme;
  }
  if (opt.zoom_percent != 0) profile.text.zoom_percent = opt.zoom_percent;

  std::string key_error;
  const auto keymap = kiosk::KeyMap::from_bindings(profile.key_bindings, key_error);
  if (!keymap) {
    std::fprintf(stderr, "kioskd: bad board profile: %s: %s\n", profile_path.c_str(),
                 key_error.c_str());
    return 2;
  }

  auto fonts = ui::FontCollection::load(kiosk::font_request_for(profile));
  for (const auto& w : fonts.warnings) std::fprintf(stderr, "kioskd: warning: %s\n", w.c_str());
  if (!fonts.fonts) {
    std::fprintf(stderr, "kioskd: %s\n", fonts.error.c_str());
    return 3;
  }
  const kiosk::BodySize body = kiosk::body_size_for(profile, *fonts.fonts);
  std::fprintf(stderr, "kioskd: board %s (%s): body text %d px, capitals %.1f mm (minimum %d px)\n",
               profile.name.c_str(), profile_path.c_str(), body.px, body.capital_mm,
               body.minimum_px);

  auto opened =
      kiosk::open_display(profile.display, opt.video.empty() ? profile.display.video : opt.video);
  for (const auto& line : opened.log) std::fprintf(stderr, "kioskd: %s\n", line.c_str());
  if (!opened.display) {
    std::fprintf(stderr, "kioskd: %s\n", opened.error.c_str());
    return 4;
  }
  kiosk::Display& display = *opened.display;
  SDL_Renderer* renderer = display.renderer.get();
  const bool headless = display.backend == kiosk::VideoBackend::Offscreen;

  kiosk::KioskApp app(renderer, *fonts.fonts, kiosk::view_settings_for(profile, body.px));
  kiosk::FetchPolicy policy;
  policy.allowed_origins = profile.content.origins;
  kiosk::PageFetcher fetcher(policy);
  app.attach_fetcher(&fetcher);
  if (opt.page.empty() && !profile.content.home.empty()) {
    if (!app.open_url(profile.content.home)) {
      std::fprintf(stderr, "kioskd: home page %s not shown (is the service gateway running?)\n",
                   profile.content.home.c_str());
    }
  } else if (opt.page.empty() || opt.page == "welcome") {
    // the built-in welcome page is already shown
  } else if (opt.page.rfind("http://", 0) == 0 || opt.page.rfind("https://", 0) == 0) {
    app.open_url(opt.page);
  } else if (opt.page == "long") {
    app.show(kiosk::long_service_guide());
  } else {
    kiosk::LoadedPage page = kiosk::load_html_file(opt.page);
    if (!page.ok) std::fprintf(stderr, "kioskd: page refused: %s\n", page.error.c_str());
    app.show(std::move(page.document));
  }

  std::unique_ptr<kiosk::SpeechOutput> speech;
  bool speech_to_fallback_file = false;
  std::error_code ec;
  std::filesystem::create_directories(opt.out_dir, ec);
  if (opt.speech) {
    auto opened_speech = kiosk::SpeechOutput::open(opt.wav, opt.out_dir + "/speech.wav");
    // Speaking into the fallback file means the audio device failed (an explicit --wav does not).
    speech_to_fallback_file = opt.wav.empty() && !opened_speech.error.empty();
    if (!opened_speech.error.empty()) {
      std::fprintf(stderr, "kioskd: speech: %s\n", opened_speech.error.c_str());
    }
    if (opened_speech.speech) {
      speech = std::move(opened_speech.speech);
      std::fprintf(stderr, "kioskd: speech: %s\n", opened_speech.description.c_str());
      app.attach_speech(speech.get());
      speech->say(app.view().document().title + "。" + kiosk::describe_focus(app.view()));
    }
  }

  if (headless && opt.frames < 0) {
    // A newcomer without a screen still sees the kiosk: one picture per colour scheme.
    std::fprintf(stderr, "kioskd: no display: writing frames to %s/ (Ctrl+C to stop)\n",
                 opt.out_dir.c_str());
    const ui::ColorScheme& start = app.view().scheme();
    for (const auto& scheme : ui::color_schemes()) {
      app.view().set_scheme(scheme);
      app.draw();
      save_frame(renderer, opt.out_dir + "/scheme-" + std::string(scheme.id) + ".png");
    }
    app.view().set_scheme(start);
  }

  // Card readers: the board's allowlisted USB readers, plus emulated ones where it asks.
  const Uint32 card_wake = SDL_RegisterEvents(1);
  std::string readers_error;
  auto readers = kiosk::CardReaders::start(
      profile, card_wake == static_cast<Uint32>(-1) ? 0 : card_wake, readers_error);
  if (!readers) {
    std::fprintf(stderr, "kioskd: bad board profile: %s\n", readers_error.c_str());
    return 2;
  }
  std::fprintf(stderr, "kioskd: card readers: %s%s\n", readers->usb_status().c_str(),
               readers->emulated()
                   ? ", emulated readers (Ctrl+1 ID card, Ctrl+2 smart card, Ctrl+0 remove)"
                   : "");

  kiosk::ServiceManager service;
  std::string health_file = opt.health_file;
  if (health_file.empty()) {
    if (const char* dir = std::getenv("RUNTIME_DIRECTORY"))
      health_file = std::string(dir) + "/health";
  }
  const std::string health_dir = health_file.empty()
                                     ? std::string()
                                     : std::filesystem::path(health_file).parent_path().string();
  if (!health_dir.empty()) {
    std::filesystem::create_directories(health_dir, ec);
    if (FILE* pid = std::fopen((health_dir + "/kioskd.pid").c_str(), "w")) {
      std::fprintf(pid, "%d\n", static_cast<int>(getpid()));
      std::fclose(pid);
    }
    std::signal(SIGUSR1, request_screenshot);
  }
  bool announced_ready = false;

  bool quit = false;
  int screenshots = 0;
  auto handle = [&](kiosk::Outcome outcome, bool& dirty) {
    if (outcome == kiosk::Outcome::Quit) quit = true;
    if (outcome == kiosk::Outcome::Redraw) dirty = true;
    if (outcome == kiosk::Outcome::Screenshot) {
      save_frame(renderer, opt.out_dir + "/screenshot-" + std::to_string(++screenshots) + ".png");
    }
  };
  bool dirty = true;
  // Virtual cards and scripted waits are kioskd's business; everything else goes to the app.
  auto reader_action = [&](const kiosk::Action& action) {
    const auto* a = std::get_if<kiosk::AppAction>(&action);
    if (a == nullptr) return false;
    switch (*a) {
      case kiosk::AppAction::PlaceVirtualIdCard:
        readers->place_id_card();
        return true;
      case kiosk::AppAction::InsertVirtualSmartCard:
        readers->insert_smart_card();
        return true;
      case kiosk::AppAction::RemoveVirtualCards:
        readers->remove_cards();
        return true;
      case kiosk::AppAction::WaitForCard:
        for (auto& ev : readers->wait_events(std::chrono::milliseconds(5000))) {
          std::fprintf(stderr, "kioskd: card reader: %s %s\n", drivers::event_name(ev.kind),
                       ev.reader.c_str());
          handle(app.card_event(std::move(ev)), dirty);
          std::fprintf(stderr, "kioskd: now showing %s\n", app.view().document().title.c_str());
        }
        return true;
      default:
        return false;
    }
  };
  SDL_StartTextInput();
  for (const auto& name : opt.keys) {
    if (name.rfind("type:", 0) == 0) {  // --keys field,enter,type:SH2026,enter
      handle(app.text_input(name.substr(5)), dirty);
      continue;
    }
    auto action = kiosk::action_for_name(name);
    if (!action) {
      std::fprintf(stderr, "kioskd: unknown action '%s' in --keys\n", name.c_str());
      return 1;
    }
    if (reader_action(*action)) continue;
    handle(app.key(*action), dirty);
  }

  // Idle session: a spoken warning, then everything the citizen left behind is wiped.
  using Clock = std::chrono::steady_clock;
  constexpr auto kIdleWarning = std::chrono::seconds(150);
  constexpr auto kIdleEnd = std::chrono::seconds(180);
  auto last_input = Clock::now();
  bool warned = false;
  long frames = 0;
  while (!quit) {
    const auto idle = Clock::now() - last_input;
    if (!warned && idle > kIdleWarning) {
      warned = true;
      if (speech)
        speech->alert("您已经很久没有操作了。三十秒后将结束本次服务，回到首页。按任意键继续。");
    }
    for (auto& ev : readers->take_events()) {
      // A card placed or inserted is the citizen acting: the session is alive.
      if (ev.kind == drivers::CardEvent::Kind::IdCardRead ||
          ev.kind == drivers::CardEvent::Kind::CardInserted) {
        last_input = Clock::now();
        warned = false;
      }
      handle(app.card_event(std::move(ev)), dirty);
    }
    if (idle > kIdleEnd) {
      app.end_session(profile.content.home);
      last_input = Clock::now();
      warned = false;
      dirty = true;
    }
    service.keep_alive();
    if (g_screenshot_requested && !health_dir.empty()) {
      g_screenshot_requested = 0;
      app.draw();
      // Written beside and renamed, so `kioskctl screenshot` never copies half a PNG.
      save_frame(renderer, health_dir + "/screenshot.png.new");
      std::filesystem::rename(health_dir + "/screenshot.png.new", health_dir + "/screenshot.png",
                              ec);
    }
    if (dirty) {
      app.draw();
      SDL_RenderPresent(renderer);
      if (!announced_ready) {
        // The first frame is on the screen: tell systemd, and record what is up for the
        // update confirmation (a new slot is only marked good when all three are).
        announced_ready = true;
        const std::string display_text = std::string(kiosk::to_string(display.backend));
        const std::string speech_text = !speech ? (opt.speech ? "no audio output" : "disabled")
                                        : speech_to_fallback_file ? "into a file (no audio device)"
                                                                  : "speaking";
        const std::string ready = "kiosk ready: " + display_text + ", speech " + speech_text +
                                  ", readers " + readers->usb_status();
        service.ready(ready);
        std::fprintf(stderr, "kioskd: %s\n", ready.c_str());
        if (!health_file.empty()) {
          // A board that asked for a real screen and only got the offscreen fallback is
          // not healthy: nobody can see the kiosk.
          const std::string& asked = opt.video.empty() ? profile.display.video : opt.video;
          const bool display_ok = !headless || asked == "offscreen" || asked == "auto";
          // Likewise a kiosk board whose audio device failed cannot speak to anyone.
          const bool board_screen = asked != "offscreen" && asked != "auto";
          const bool speech_ok =
              !opt.speech || (speech != nullptr && !(speech_to_fallback_file && board_screen));
          const auto err = kiosk::ServiceManager::write_health(
              health_file, display_ok, display_text, speech_ok, speech_text,
              readers->usb_status().rfind("libusb", 0) == 0 || readers->emulated(),
              readers->usb_status());
          if (!err.empty()) std::fprintf(stderr, "kioskd: %s\n", err.c_str());
        }
      }
      if (headless && opt.frames < 0) save_frame(renderer, opt.out_dir + "/kioskd.png");
      dirty = false;
      if (opt.frames >= 0 && ++frames >= opt.frames) break;
    }
    SDL_Event e;
    // While reading on (连读) the focus follows the voice: look often.
    if (SDL_WaitEventTimeout(&e, app.saying_all() ? 40 : 250) == 0) {
      handle(app.tick(), dirty);
      continue;
    }
    do {
      if (e.type == SDL_KEYDOWN || e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_TEXTINPUT ||
          e.type == SDL_FINGERDOWN) {
        last_input = Clock::now();
        warned = false;
      }
      switch (e.type) {
        case SDL_QUIT:
          quit = true;
          break;
        case SDL_TEXTINPUT:
          handle(app.text_input(e.text.text), dirty);
          break;
        case SDL_KEYDOWN:
          if (app.editing()) {
            // While typing into a field, printable keys arrive as text input; Esc ends.
            const SDL_Keycode k = e.key.keysym.sym;
            if (k == SDLK_ESCAPE) {
              handle(app.key(kiosk::AppAction::Activate), dirty);
              break;
            }
            if (k >= 32 && k < 127 && (e.key.keysym.mod & KMOD_CTRL) == 0) break;
          }
          if (auto action = keymap->lookup(e.key.keysym.sym, e.key.keysym.mod)) {
            if (!reader_action(*action)) handle(app.key(*action), dirty);
          }
          break;
        case SDL_MOUSEBUTTONDOWN:
          handle(app.touch({e.button.x, e.button.y}), dirty);
          break;
        case SDL_MOUSEMOTION:
          handle(app.pointer_moved({e.motion.x, e.motion.y}), dirty);
          break;
        case SDL_WINDOWEVENT:
          if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            int w = 0;
            int h = 0;
            SDL_GetRendererOutputSize(renderer, &w, &h);
            app.resize(w, h);
          }
          dirty = true;
          break;
        default:
          break;
      }
    } while (SDL_PollEvent(&e) != 0);
  }
  if (dirty) app.draw();
  if (!opt.screenshot.empty()) save_frame(renderer, opt.screenshot);
  if (opt.print_rss) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("kioskd: peak RSS %ld KiB\n", usage.ru_maxrss);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    parse(argc, argv, options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kioskd: %s\n%s", e.what(), kUsage);
    return 1;
  }
  const int rc = run(options);
  SDL_Quit();
  return rc;
}
