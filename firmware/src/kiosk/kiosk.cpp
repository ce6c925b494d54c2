#include "kiosk.hpp"

#include <SDL.h>
#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <deque>
#include <filesystem>
#include <fstream>

#include "board/profile.hpp"
#include "browse/builtin_pages.hpp"
#include "browse/page_fetcher.hpp"
#include "cards/card_readers.hpp"
#include "cards/reader_setup.hpp"
#include "input/headphone_jack.hpp"
#include "input/keymap.hpp"
#include "input/touch_gesture.hpp"
#include "kiosk/health.hpp"
#include "kiosk/runtime_paths.hpp"
#include "kiosk_core.hpp"
#include "platform/device_facts.hpp"
#include "platform/display.hpp"
#include "platform/process_hardening.hpp"
#include "platform/service_manager.hpp"
#include "platform/wake_event.hpp"
#include "profile_settings.hpp"
#include "speech/out_of_service_wording.hpp"
#include "ui/screenshot.hpp"
#include "voice_and_frames.hpp"

namespace kiosk {
namespace {

volatile std::sig_atomic_t g_screenshot_requested = 0;
extern "C" void request_screenshot(int) {
  g_screenshot_requested = 1;
}

// The last few troubles logged, for the staff menu and the health report (technician English,
// never personal data: that is the journal's rule too).
std::deque<std::string>& recent_errors() {
  static std::deque<std::string> lines;
  return lines;
}

void log(const std::string& line) {
  std::fprintf(stderr, "kioskd: %s\n", line.c_str());
  for (const char* word : {"error", "warning", "cannot", "failed", "refused", "not answering"}) {
    if (line.find(word) == std::string::npos) continue;
    auto& lines = recent_errors();
    lines.push_back(line.substr(0, 160));
    if (lines.size() > 5) lines.pop_front();
    break;
  }
}

void save_frame(SDL_Renderer* renderer, const std::string& path) {
  kiosk::save_frame(renderer, path, log);
}

// A developer's kioskd (no runtime directory) keeps rime's deployed schema in the user's cache,
// as the kiosk keeps it in /run/kiosk across restarts: only the first start deploys. The
// directory holds no typed text (see keyboard/pinyin.hpp). Empty: a temporary one per process.
std::string developer_rime_dir() {
  if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache != nullptr && *cache == '/') {
    return std::string(cache) + "/kiosk/rime";
  }
  if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/') {
    return std::string(home) + "/.cache/kiosk/rime";
  }
  return {};
}

Kiosk::ProfileUnusable profile_unusable(const std::string& why,
                                        std::optional<board::BoardProfile> refused = {}) {
  return {Error{"bad board profile: " + why, out_of_service_words::kCitizen}, std::move(refused)};
}

}  // namespace

struct Kiosk::Parts {
  Options options;
  board::BoardProfile profile;
  std::unique_ptr<ui::FontCollection> fonts;
  Display display;
  KeyMap keys;
  std::unique_ptr<Speaker> speaker;
  HealthPart speech_health;
  std::unique_ptr<KioskCore> core;
  std::unique_ptr<CardReaders> readers;
  std::unique_ptr<HeadphoneJack> jack;  // none on boards without jack sensing
  ServiceManager service;
  RuntimePaths runtime;
  Uint32 wake_event = 0;
  // When create() began (steady clock ns): the first speech heard is logged against it.
  std::int64_t started_ns = 0;
  bool first_speech_logged = false;

  void announce_ready();                 // READY=1 and the first health report
  HealthReport platform_health() const;  // what the platform knows; the core adds its part
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  long started_at = static_cast<long>(std::time(nullptr));
  void write_health();
  std::vector<std::string> stalled_readers;  // as last reported
  bool staff_called = false;                 // as last reported
  int sessions_today = 0;                    // as last reported
  long staff_ack_s = -1;                     // as last reported
  UsageFacts usage{};                        // as last reported
  void host_command(Command c, bool& quit, int& screenshots);
  void run_script_step(const ScriptStep& step, bool& quit, int& screenshots);
};

Kiosk::Kiosk(std::unique_ptr<Parts> parts) : p_(std::move(parts)) {}
Kiosk::~Kiosk() {
  // Readers before the core (their thread posts to it), the core before the speaker it uses.
  if (p_->core) p_->core->set_pin_verifier(nullptr);
  p_->readers.reset();
  p_->core.reset();
  p_->speaker.reset();
}

std::variant<std::unique_ptr<Kiosk>, Kiosk::ProfileUnusable, Kiosk::Failed> Kiosk::create(
    const Options& opt) {
  // Personal data passes through this process: no core files, no ptrace by others.
  if (const auto err = disable_core_dumps(); !err.empty()) log("warning: core dumps: " + err);
  auto p = std::make_unique<Parts>();
  p->started_ns = std::chrono::duration_cast<std::chrono::nanoseconds>(
                      std::chrono::steady_clock::now().time_since_epoch())
                      .count();
  p->options = opt;
  const std::string profile_path = board::resolve_profile_path(opt.board);
  auto loaded = board::load_profile_file(profile_path);
  if (!loaded.profile) return profile_unusable(loaded.error);
  p->profile = *loaded.profile;
  board::BoardProfile& profile = p->profile;
  if (!opt.scheme.empty()) {
    if (ui::find_color_scheme(opt.scheme) == nullptr) {
      return Failed{1, technician_error("unknown scheme '" + opt.scheme + "'")};
    }
    profile.text.scheme = opt.scheme;
  }
  if (opt.zoom_percent != 0) profile.text.zoom_percent = opt.zoom_percent;
  auto keys = KeyMap::create(profile.key_bindings, profile.developer_keys);
  if (!keys) return profile_unusable(profile_path + ": " + keys.error().technician, profile);
  p->keys = std::move(*keys);
  // The readers' allowlist is checked here too, before anything is on the screen.
  if (std::string error; !reader_allowlist(profile, error)) return profile_unusable(error, profile);

  auto fonts = ui::FontCollection::load(font_request_for(profile));
  for (const auto& w : fonts.warnings) log("warning: " + w);
  if (!fonts.fonts) return Failed{3, technician_error(fonts.error)};
  p->fonts = std::move(fonts.fonts);
  const BodySize body = body_size_for(profile, *p->fonts);
  log("board " + profile.name + " (" + profile_path + "): body text " + std::to_string(body.px) +
      " px, capitals " + std::to_string(body.capital_mm).substr(0, 3) + " mm (minimum " +
      std::to_string(body.minimum_px) + " px)");

  std::vector<std::string> tried;
  auto opened =
      open_display(profile.display, opt.video.empty() ? profile.display.video : opt.video, &tried);
  for (const auto& line : tried) log(line);
  if (!opened) return Failed{4, opened.error()};
  p->display = std::move(*opened);

  std::error_code ec;
  std::filesystem::create_directories(opt.out_dir, ec);
  auto voice = open_voice(opt, profile.audio, log);
  if (!voice) return Failed{1, voice.error()};
  p->speaker = std::move(voice->speaker);
  p->speech_health = {!opt.speech, opt.speech ? "no audio output" : "disabled"};
  if (voice->speech_on) {
    const std::string& asked = opt.video.empty() ? profile.display.video : opt.video;
    // A kiosk board whose audio device failed cannot speak to anyone.
    const bool board_screen = asked != "offscreen" && asked != "auto";
    p->speech_health = {!(voice->into_fallback && board_screen),
                        voice->into_fallback ? "into a file (no audio device)" : "speaking"};
  }

  p->wake_event = SDL_RegisterEvents(1);
  if (p->wake_event == static_cast<Uint32>(-1)) p->wake_event = 0;
  const Uint32 wake = p->wake_event;
  CoreSettings settings{view_settings_for(profile, body.px), profile.session,
                        FetchPolicy{profile.content.origins}, profile.content.home};
  settings.staff_pin_hash = profile.staff.pin_hash;
  if (!opt.page.empty()) settings.home.clear();
  // One collection for both threads (see browse/loader.hpp): a second one cost a second
  // fontconfig set-up, FreeType faces and HarfBuzz caches, ~2 MB and ~10 ms at start.
  settings.loader_fonts = p->fonts.get();
  if (const auto runtime = RuntimePaths::for_kioskd(opt.health_file); runtime.enabled()) {
    settings.rime_dir = runtime.rime();
    settings.runtime_dir = runtime.dir;  // where a USB stick's update is offered
  } else {
    settings.rime_dir = developer_rime_dir();
  }
  p->core = std::make_unique<KioskCore>(p->display.renderer.get(), *p->fonts, settings, *p->speaker,
                                        [wake] { wake_ui(wake); });
  KioskCore& core = *p->core;
  core.set_health_source([parts = p.get()] { return parts->platform_health(); });
  if (opt.page.empty()) {
    core.start(true);  // the attract screen until someone comes
  } else if (opt.page == "welcome") {
    core.start(false);
  } else if (opt.page.rfind("http://", 0) == 0 || opt.page.rfind("https://", 0) == 0) {
    core.start(false, false);
    core.browser().open(opt.page);
  } else if (opt.page == "long") {
    core.start(false, false);
    core.browser().show(long_service_guide());
    core.announcer().page(core.view());  // heard as a citizen opening it hears it
  } else {
    core.start(false, false);
    LoadedPage page = load_html_file(opt.page);
    if (!page.ok) log("page refused: " + page.error);
    core.browser().show(std::move(page.document));
    core.announcer().page(core.view());
  }

  auto readers = CardReaders::start(profile, wake);
  if (!readers) return profile_unusable(readers.error().technician, profile);
  p->readers = std::move(*readers);
  p->core->set_pin_verifier(p->readers.get());  // VERIFY runs on the readers' thread
  log("card readers: " + p->readers->usb_status() +
      (p->readers->emulated() ? ", emulated readers (Ctrl+1 ID card, Ctrl+2 smart card, Ctrl+0 "
                                "remove)"
                              : ""));

  if (!profile.audio.headphone_jack.empty()) {
    auto jack = HeadphoneJack::open(profile.audio.headphone_jack);
    if (jack) {
      p->jack = std::move(*jack);
      // Headphones already in at start-up: private listening, but no session for nobody.
      if (p->jack->inserted()) core.headphones(true, KioskCore::Clock::now(), false);
    } else {
      log(jack.error().technician + "; headphones are not sensed, speech stays on the speaker");
    }
  }

  p->runtime = RuntimePaths::for_kioskd(opt.health_file);
  // A technician's screenshot shows the citizen's screen: it goes with the session.
  core.citizen().on_wipe("screenshots", [runtime = p->runtime] {
    std::error_code ignored;
    if (runtime.enabled()) std::filesystem::remove(runtime.screenshot(), ignored);
  });
  if (p->runtime.enabled()) {
    std::filesystem::create_directories(p->runtime.dir, ec);
    std::ofstream(p->runtime.pid()) << getpid() << "\n";
    std::signal(SIGUSR1, request_screenshot);
  }
  return std::unique_ptr<Kiosk>(new Kiosk(std::move(p)));
}

void Kiosk::Parts::announce_ready() {
  const std::string ready = "kiosk ready: " + std::string(to_string(display.backend)) +
                            ", speech " + speech_health.detail + ", readers " +
                            readers->usb_status();
  service.ready(ready);
  log(ready);
  write_health();
}

void Kiosk::Parts::write_health() {
  if (!runtime.enabled()) return;
  const HealthReport report = core->health_report();
  const std::string path = options.health_file.empty() ? runtime.health() : options.health_file;
  if (auto r = kiosk::write_health(path, report); !r) log(r.error().technician);
}

HealthReport Kiosk::Parts::platform_health() const {
  const std::string display_text = to_string(display.backend);
  // A board that asked for a real screen and only got the offscreen fallback is not healthy:
  // nobody can see the kiosk.
  const std::string& asked = options.video.empty() ? profile.display.video : options.video;
  const bool headless = display.backend == VideoBackend::Offscreen;
  HealthReport report;
  report.display = {!headless || asked == "offscreen" || asked == "auto", display_text};
  report.speech = speech_health;
  report.profile = {true, profile.source};
  if (!readers) return report;  // not started yet
  report.readers = {(readers->usb_status().rfind("libusb", 0) == 0 || readers->emulated()) &&
                        stalled_readers.empty(),
                    readers->usb_status()};
  for (const auto& r : stalled_readers) report.readers.detail += "; not answering: " + r;
  report.network = network_status();
  report.version = firmware_version();
  report.slot = booted_slot();
  report.uptime_s = static_cast<long>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
          .count());
  report.started_at = started_at;
  report.last_errors.assign(recent_errors().begin(), recent_errors().end());
  return report;
}

void Kiosk::Parts::host_command(Command c, bool& quit, int& screenshots) {
  switch (c) {
    case Command::Quit:
      quit = true;
      break;
    case Command::Screenshot:
      core->draw();
      save_frame(display.renderer.get(),
                 options.out_dir + "/screenshot-" + std::to_string(++screenshots) + ".png");
      break;
    case Command::PlaceVirtualIdCard:
      readers->place_id_card();
      break;
    case Command::InsertVirtualSmartCard:
      readers->insert_smart_card();
      break;
    case Command::RemoveVirtualCards:
      readers->remove_cards();
      break;
    case Command::ToggleHeadphones:
      core->headphones(!core->headphones_in());
      break;
    default:
      break;
  }
}

void Kiosk::Parts::run_script_step(const ScriptStep& step, bool& quit, int& screenshots) {
  if (const auto* c = std::get_if<Command>(&step)) {
    // A script is a developer's tool: its developer steps work on every board.
    if (info(*c).group == CommandGroup::Developer) {
      host_command(*c, quit, screenshots);
    } else {
      core->command(*c);
    }
  } else if (const auto* t = std::get_if<TypeText>(&step)) {
    core->text(t->text);
  } else if (std::holds_alternative<WaitForCard>(step)) {
    for (auto& ev : readers->wait_events(std::chrono::milliseconds(5000))) {
      log(std::string("card reader: ") + drivers::event_name(ev.kind) + " " + ev.reader);
      core->card_event(std::move(ev));
      log("now showing " + core->view().document().title);
    }
  } else {
    if (!core->wait_until_loaded(std::chrono::seconds(15))) log("wait-page: still loading");
    // Without the query: a GET form's query holds what was typed.
    log("wait-page: at " + loggable_url(core->browser().url()));
  }
  while (auto host = core->take_host_command()) host_command(*host, quit, screenshots);
}

int Kiosk::run() {
  Parts& p = *p_;
  KioskCore& core = *p.core;
  SDL_Renderer* renderer = p.display.renderer.get();
  const bool headless = p.display.backend == VideoBackend::Offscreen;
  if (headless && p.options.frames < 0) {
    // A newcomer without a screen still sees the kiosk: one picture per colour scheme.
    log("no display: writing frames to " + p.options.out_dir + "/ (Ctrl+C to stop)");
    const ui::ColorScheme& start = core.view().scheme();
    for (const auto& scheme : ui::color_schemes()) {
      core.view().set_scheme(scheme);
      core.draw();
      save_frame(renderer, p.options.out_dir + "/scheme-" + std::string(scheme.id) + ".png");
    }
    core.view().set_scheme(start);
  }
  bool quit = false;
  int screenshots = 0;
  TouchGesture gesture;
  SDL_StartTextInput();
  const bool scripted = !p.options.script.empty();
  for (const auto& step : p.options.script) p.run_script_step(step, quit, screenshots);
  forget_typed_text(p.options);
  p.options.script = {};  // it has run: 1000 scripted sessions are ~1 MB kept until exit else
  // Tests wait for this line before they look at what the script left behind.
  if (scripted) log("script done");

  bool dirty = true;
  bool announced_ready = false;
  bool pinyin_logged = false;
  long frames = 0;
  auto note = [&](Outcome o) {
    if (o == Outcome::Redraw) dirty = true;
  };
  while (!quit) {
    p.service.keep_alive();
    note(core.tick());
    for (auto& ev : p.readers->take_events()) note(core.card_event(std::move(ev)));
    if (auto stalled = p.readers->stalled(); stalled != p.stalled_readers && announced_ready) {
      // A reader that stopped answering makes the kiosk unhealthy until it answers again.
      p.stalled_readers = std::move(stalled);
      p.write_health();
    }
    if (core.staff_called() != p.staff_called && announced_ready) {
      // The call-staff alert reaches the health report (kioskctl status, a fleet agent).
      p.staff_called = core.staff_called();
      log(p.staff_called ? "a citizen called for staff" : "call for staff cleared");
      p.write_health();
    }
    const auto wait = core.staff().last_wait();
    const long ack = wait ? static_cast<long>(wait->count()) : -1L;
    if (announced_ready && (core.sessions_today() != p.sessions_today || ack != p.staff_ack_s)) {
      // Sessions today and the last call's wait reach the health report too.
      p.sessions_today = core.sessions_today();
      if (ack != p.staff_ack_s) log("call for staff answered after " + std::to_string(ack) + " s");
      p.staff_ack_s = ack;
      p.write_health();
    }
    if (announced_ready && core.usage() != p.usage) {
      // A citizen served or gone, today's sessions by mode: for the fleet agent's status.
      p.usage = core.usage();
      p.write_health();
    }
    if (p.jack) {
      if (const auto plugged = p.jack->poll()) note(core.headphones(*plugged));
    }
    if (!p.first_speech_logged) {
      if (const auto heard = p.speaker->first_heard_after(p.started_ns)) {
        // The audio path works, and how long start-up took to the first word a person hears
        // (the device's own moment; the steady clock value lets a bench measure from exec).
        p.first_speech_logged = true;
        const double ms = static_cast<double>(*heard - p.started_ns) / 1e6;
        log("first speech heard " + std::to_string(static_cast<long>(ms)) +
            " ms after start (steady clock " + std::to_string(*heard) + " ns)");
      }
    }
    if (!pinyin_logged && core.keyboard().pinyin_started() && core.keyboard().pinyin().ready()) {
      // What pinyin's start-up cost on its own thread, or why the keyboard has no pinyin.
      pinyin_logged = true;
      auto& pinyin = core.keyboard().pinyin();
      const auto ready = pinyin.wait_ready();
      log(ready.ok() ? "pinyin: ready in " + std::to_string(pinyin.startup_time().count()) +
                           " ms (setup and deploy on their own thread)"
                     : ready.error().technician + "; the on-screen keyboard has no 拼音");
    }
    while (auto host = core.take_host_command()) p.host_command(*host, quit, screenshots);
    if (g_screenshot_requested && p.runtime.enabled()) {
      g_screenshot_requested = 0;
      core.draw();
      save_screenshot(renderer, p.runtime, log);
    }
    if (dirty) {
      core.draw();
      SDL_RenderPresent(renderer);
      if (!announced_ready) {
        // The first frame is on the screen: tell systemd and write the health report.
        announced_ready = true;
        p.announce_ready();
      }
      if (headless && p.options.frames < 0) save_frame(renderer, p.options.out_dir + "/kioskd.png");
      dirty = false;
      if (p.options.frames >= 0 && ++frames >= p.options.frames) break;
    }
    // Wake for the next deadline (page feedback, session timers, the next text of say-all
    // reaching the ear), and often enough to feed the watchdog in time.
    int wait_ms = static_cast<int>(p.service.max_sleep(std::chrono::milliseconds(250)).count());
    if (const auto d = core.next_deadline()) {
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                          *d - std::chrono::steady_clock::now())
                          .count();
      wait_ms = static_cast<int>(std::clamp<long>(ms + 1, 1, wait_ms));
    }
    SDL_Event e;
    if (SDL_WaitEventTimeout(&e, wait_ms) == 0) continue;
    do {
      switch (e.type) {
        case SDL_QUIT:
          quit = true;
          break;
        case SDL_TEXTINPUT:
          // Left Alt + a letter is a toolbar key, never typed (some platforms still send its
          // text); AltGr stays free for the characters it makes.
          if ((SDL_GetModState() & KMOD_LALT) != 0) break;
          note(core.text(e.text.text));
          break;
        case SDL_KEYDOWN:
          note(core.key(p.keys, e.key.keysym.sym, e.key.keysym.mod, e.key.repeat != 0));
          break;
        case SDL_KEYUP:
          core.key_up(e.key.keysym.sym);
          break;
        // A finger (or the mouse) down, moved and lifted: a tap on lifting, or a swipe that
        // scrolls the page with it (input/touch_gesture).
        case SDL_MOUSEBUTTONDOWN:
          if (e.button.button == SDL_BUTTON_LEFT) gesture.down({e.button.x, e.button.y});
          break;
        case SDL_MOUSEBUTTONUP:
          if (e.button.button != SDL_BUTTON_LEFT) break;
          if (const auto tap = gesture.up({e.button.x, e.button.y})) note(core.touch(*tap));
          break;
        case SDL_MOUSEMOTION:
          if (gesture.pressed()) {
            if (const auto dy = gesture.moved({e.motion.x, e.motion.y})) note(core.scroll(*dy));
          } else {
            note(core.pointer_moved({e.motion.x, e.motion.y}));
          }
          break;
        case SDL_MOUSEWHEEL:
          note(core.wheel(e.wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? e.wheel.y : -e.wheel.y));
          break;
        case SDL_WINDOWEVENT:
          if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            int w = 0;
            int h = 0;
            SDL_GetRendererOutputSize(renderer, &w, &h);
            core.resize(w, h);
          }
          dirty = true;
          break;
        default:
          break;  // the wake event: tick() at the top of the loop takes what arrived
      }
    } while (SDL_PollEvent(&e) != 0);
  }
  core.draw();
  if (!p.options.screenshot.empty()) save_frame(renderer, p.options.screenshot);
  if (p.options.print_rss) {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("kioskd: peak RSS %ld KiB\n", usage.ru_maxrss);
  }
  return 0;
}

}  // namespace kiosk
