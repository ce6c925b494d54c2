#include "maintenance_screen.hpp"

#include <SDL.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "browse/builtin_pages.hpp"
#include "kiosk/health.hpp"
#include "kiosk/runtime_paths.hpp"
#include "platform/device_facts.hpp"
#include "platform/display.hpp"
#include "platform/service_manager.hpp"
#include "profile_settings.hpp"
#include "speech/announcer.hpp"
#include "speech/out_of_service_wording.hpp"
#include "ui/layout.hpp"
#include "ui/reading_view.hpp"
#include "ui/screen_renderer.hpp"
#include "ui/screenshot.hpp"
#include "voice_and_frames.hpp"

namespace kiosk {
namespace {

volatile std::sig_atomic_t g_screenshot_requested = 0;
extern "C" void request_maintenance_screenshot(int) {
  g_screenshot_requested = 1;
}

void log(const std::string& line) {
  std::fprintf(stderr, "kioskd: %s\n", line.c_str());
}

void save_frame(SDL_Renderer* renderer, const std::string& path) {
  kiosk::save_frame(renderer, path, log);
}

// The screen part of a board: what the maintenance screen needs to be seen and heard.
void take_screen(board::BoardProfile& into, const board::BoardProfile& from) {
  into.display = from.display;
  into.font_families = from.font_families;
  into.font_files = from.font_files;
  into.audio.speaker = from.audio.speaker;
  into.audio.headphone = from.audio.headphone;
}

}  // namespace

board::BoardProfile maintenance_board(const std::optional<board::BoardProfile>& refused,
                                      const std::string& image_profile) {
  board::BoardProfile b;
  b.name = "maintenance";
  // The hall board's panel (rk3568-215): every shipped board is landscape, rotation 0.
  b.display.width_px = 1920;
  b.display.height_px = 1080;
  b.display.width_mm = 476.06;
  b.display.height_mm = 267.79;
  b.display.video = "auto";
  b.font_families = {"Noto Sans CJK SC", "Noto Sans"};
  if (refused) {
    take_screen(b, *refused);
  } else if (const auto image = board::load_profile_file(image_profile); image.profile) {
    // The provisioned profile is the unusable one: the image's still knows this board's screen
    // (QEMU's display, for one, needs its Mesa driver named).
    take_screen(b, *image.profile);
  }
  return b;
}

struct MaintenanceScreen::Parts {
  Options options;
  Error reason;
  board::BoardProfile board;
  std::unique_ptr<ui::FontCollection> fonts;
  Display display;
  std::unique_ptr<Speaker> speaker;
  HealthPart speech_health;
  std::unique_ptr<ui::TextLayouter> layouter;
  std::unique_ptr<ui::ReadingView> view;
  std::unique_ptr<ui::ScreenRenderer> screen;
  std::unique_ptr<Announcer> announcer;
  ServiceManager service;
  RuntimePaths runtime;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  long started_at = static_cast<long>(std::time(nullptr));

  // The technician's reason under the poster, at body size (capitals >= 4.8 mm) across the
  // bottom of the screen: smaller than the citizen's words, never in their way.
  int body_px = 0;
  ui::DocumentLayout reason_layout;
  ui::Rect screen_area;
  void resize(int w, int h);
  void draw();
  // The poster's own left margin, so the reason lines up with the words above it.
  int margin() const {
    return std::min(static_cast<int>(ui::LayoutParams{}.margin_px * ui::kPosterScale),
                    screen_area.w / 10);
  }
  void say() { announcer->out_of_service(reason.citizen); }
  HealthReport health() const;
  void write_health() const;
};

MaintenanceScreen::MaintenanceScreen(std::unique_ptr<Parts> parts) : p_(std::move(parts)) {}
MaintenanceScreen::~MaintenanceScreen() = default;

std::variant<std::unique_ptr<MaintenanceScreen>, Kiosk::Failed> MaintenanceScreen::open(
    const Options& opt, const Kiosk::ProfileUnusable& why) {
  auto p = std::make_unique<Parts>();
  p->options = opt;
  p->reason = why.error;
  p->board = maintenance_board(why.refused);
  log("maintenance screen (暂停服务): " + why.error.technician);

  auto fonts = ui::FontCollection::load(font_request_for(p->board));
  for (const auto& w : fonts.warnings) log("warning: " + w);
  if (!fonts.fonts) return Kiosk::Failed{3, technician_error(fonts.error)};
  p->fonts = std::move(fonts.fonts);

  std::vector<std::string> tried;
  auto opened = open_display(p->board.display,
                             opt.video.empty() ? p->board.display.video : opt.video, &tried);
  for (const auto& line : tried) log(line);
  if (!opened) return Kiosk::Failed{4, opened.error()};
  p->display = std::move(*opened);

  std::error_code ec;
  std::filesystem::create_directories(opt.out_dir, ec);
  auto voice = open_voice(opt, p->board.audio, log);
  if (!voice) return Kiosk::Failed{1, voice.error()};
  p->speaker = std::move(voice->speaker);
  p->speech_health = {!opt.speech, opt.speech ? "no audio output" : "disabled"};
  if (voice->speech_on) {
    p->speech_health = {!voice->into_fallback,
                        voice->into_fallback ? "into a file (no audio device)" : "speaking"};
  }
  p->announcer = std::make_unique<Announcer>(*p->speaker);

  const BodySize body = body_size_for(p->board, *p->fonts);
  p->body_px = body.px;
  p->layouter = std::make_unique<ui::TextLayouter>(*p->fonts);
  p->view = std::make_unique<ui::ReadingView>(*p->layouter, view_settings_for(p->board, body.px));
  p->screen = std::make_unique<ui::ScreenRenderer>(p->display.renderer.get(), *p->fonts);
  int w = 0;
  int h = 0;
  SDL_GetRendererOutputSize(p->display.renderer.get(), &w, &h);
  p->view->set_document(out_of_service_page(p->reason.citizen));
  p->resize(w, h);

  p->runtime = RuntimePaths::for_kioskd(opt.health_file);
  if (p->runtime.enabled()) {
    std::filesystem::create_directories(p->runtime.dir, ec);
    std::ofstream(p->runtime.pid()) << getpid() << "\n";
    std::signal(SIGUSR1, request_maintenance_screenshot);
  }
  return std::unique_ptr<MaintenanceScreen>(new MaintenanceScreen(std::move(p)));
}

void MaintenanceScreen::Parts::resize(int w, int h) {
  view->resize(w, h);
  screen_area = {0, 0, w, h};
  reason_layout =
      layouter->layout_text(std::string(out_of_service_words::kReasonLabel) + reason.technician,
                            body_px, std::max(body_px, w - 2 * margin()));
}

void MaintenanceScreen::Parts::draw() {
  screen->draw(view->screen_view());
  const ui::ColorScheme& scheme = view->scheme();
  screen->draw_layout(reason_layout, {margin(), screen_area.h - body_px / 2 - reason_layout.height},
                      screen_area, scheme.text, scheme.link);
}

HealthReport MaintenanceScreen::Parts::health() const {
  HealthReport r;
  const std::string& asked = options.video.empty() ? board.display.video : options.video;
  r.display = {
      display.backend != VideoBackend::Offscreen || asked == "offscreen" || asked == "auto",
      to_string(display.backend)};
  r.speech = speech_health;
  // Older readers of the report know only these three parts: one of them says it too.
  r.readers = {false, "not started: maintenance screen (the board profile is unusable)"};
  r.profile = {false, reason.technician};
  r.network = network_status();
  r.version = firmware_version();
  r.slot = booted_slot();
  r.uptime_s = static_cast<long>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started)
          .count());
  r.started_at = started_at;
  r.last_errors = {reason.technician.substr(0, 160)};
  return r;
}

void MaintenanceScreen::Parts::write_health() const {
  if (!runtime.enabled()) return;
  const std::string path = options.health_file.empty() ? runtime.health() : options.health_file;
  if (auto r = kiosk::write_health(path, health()); !r) log(r.error().technician);
}

int MaintenanceScreen::run() {
  Parts& p = *p_;
  SDL_Renderer* renderer = p.display.renderer.get();
  const bool headless = p.display.backend == VideoBackend::Offscreen;
  bool quit = false;
  bool dirty = true;
  bool announced = false;
  long frames = 0;
  while (!quit) {
    p.service.keep_alive();
    if (g_screenshot_requested && p.runtime.enabled()) {
      g_screenshot_requested = 0;
      p.draw();
      save_screenshot(renderer, p.runtime, log);
    }
    if (dirty) {
      p.draw();
      SDL_RenderPresent(renderer);
      if (!announced) {
        // On the screen: systemd hears it is up (no restart), the report says why it is not.
        announced = true;
        const std::string up = "maintenance screen up (" +
                               std::string(to_string(p.display.backend)) + ", speech " +
                               p.speech_health.detail + "): " + p.reason.technician;
        p.service.ready(up);
        log(up);
        p.write_health();
        p.say();
        // A script's steps (--keys) stand for a citizen's keys here: none of them works, each
        // is answered with 暂停服务 again.
        for (std::size_t i = 0; i < p.options.script.size(); ++i) p.say();
        forget_typed_text(p.options);
      }
      if (headless && p.options.frames < 0) save_frame(renderer, p.options.out_dir + "/kioskd.png");
      dirty = false;
      if (p.options.frames >= 0 && ++frames >= p.options.frames) break;
    }
    SDL_Event e;
    const int wait_ms =
        static_cast<int>(p.service.max_sleep(std::chrono::milliseconds(250)).count());
    if (SDL_WaitEventTimeout(&e, wait_ms) == 0) continue;
    do {
      switch (e.type) {
        case SDL_QUIT:
          quit = true;
          break;
        // Someone wants the kiosk: they hear again that it is out of service, and where to go.
        case SDL_KEYDOWN:
          if (e.key.repeat == 0) p.say();
          break;
        case SDL_MOUSEBUTTONUP:
          if (e.button.button == SDL_BUTTON_LEFT) p.say();
          break;
        case SDL_WINDOWEVENT:
          if (e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
            int w = 0;
            int h = 0;
            SDL_GetRendererOutputSize(renderer, &w, &h);
            p.resize(w, h);
          }
          dirty = true;
          break;
        default:
          break;
      }
    } while (SDL_PollEvent(&e) != 0);
  }
  p.draw();
  if (!p.options.screenshot.empty()) save_frame(renderer, p.options.screenshot);
  return 0;
}

}  // namespace kiosk
