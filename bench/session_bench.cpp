// A citizen's session, key by key, timed the way a person meets it: a key event enters SDL's
// queue → the frame that shows its effect is presented, and → the first audible sample of what
// the kiosk says about it has been pulled by the audio device. The kiosk is wired as kioskd
// wires it (KioskCore, eSpeak NG speaker on SDL's dummy audio driver, a software renderer on the
// offscreen video driver, the demo gateway on loopback, the default key map), and the loop below
// is kioskd's loop: poll events → key map → KioskCore → tick → draw → present. The moment the
// device pulled the first audible sample is the audio callback's own (AudioRing::played_at),
// not when this loop, busy drawing for 10-20 ms at a time, noticed it.
//
// Prints BENCH lines; bench/README.md says where each figure starts and ends.
#include <SDL.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "browse/builtin_pages.hpp"
#include "demo_gateway.hpp"
#include "input/keymap.hpp"
#include "kiosk/kiosk_core.hpp"
#include "speech/espeak_speaker.hpp"
#include "ui/fonts.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return -1;
  std::sort(v.begin(), v.end());
  const auto rank = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
  return v[rank];
}

struct Step {
  SDL_Keycode key;
  Uint16 mod = KMOD_NONE;
  bool opens_page = false;  // Enter on a link: the figure also goes to the page-open list
};

struct Figures {
  std::vector<double> frame_ms;
  std::vector<double> heard_ms;
  std::vector<double> link_to_word_ms;
  int unheard = 0;
};

class Bench {
 public:
  Bench(SDL_Renderer* renderer, const ui::FontCollection& fonts,
        const ui::FontCollection& loader_fonts, kiosk::EspeakSpeaker& speaker,
        const std::string& base, kiosk::KeyMap keys)
      : renderer_(renderer), speaker_(speaker), keys_(std::move(keys)) {
    kiosk::CoreSettings settings;
    settings.view = ui::ViewSettings{48, 1.0, nullptr, true, true};
    settings.fetch.allowed_origins = {base};
    settings.home = base + "/";
    settings.loader_fonts = &loader_fonts;
    core_ = std::make_unique<kiosk::KioskCore>(renderer, fonts, settings, speaker);
    core_->start(true);  // the attract screen, as kioskd starts
    present();
  }

  // One key as a keyboard would send it; returns when its speech was heard (or 3 s passed).
  void press(const Step& step, Figures& f) {
    wait_until_quiet();
    SDL_Event ev{};
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = step.key;
    ev.key.keysym.mod = step.mod;
    ev.key.state = SDL_PRESSED;
    const auto pressed = Clock::now();
    const auto pressed_ns = pressed.time_since_epoch().count();
    // Two moments, both read from the audio device's own log of its pulls (the moment its
    // callback took the sample), so neither depends on when this loop, busy drawing for
    // 10-20 ms at a time, gets to look: the first audible sound after the key (a tick or
    // words), and, for a key that opens a page, the first audible sample of words (the new
    // page's title), which comes after the tick that acknowledges the key. A sound the next
    // utterance flushed before the device took it was never heard and does not count.
    std::optional<std::int64_t> heard_ns;
    std::optional<std::int64_t> word_ns;
    auto listen = [&] {
      if (!heard_ns) heard_ns = speaker_.engine().first_heard_after(pressed_ns);
      if (!word_ns) word_ns = speaker_.engine().first_heard_after(pressed_ns, true);
    };
    SDL_PushEvent(&ev);
    std::optional<double> frame;
    auto waiting = [&] { return !frame || !heard_ns || (step.opens_page && !word_ns); };
    while (ms_between(pressed, Clock::now()) < 3000 && waiting()) {
      turn();
      if (!frame && presented_after(pressed)) frame = ms_between(pressed, last_present_);
      listen();
      if (waiting()) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    std::optional<double> heard;
    if (heard_ns) heard = static_cast<double>(*heard_ns - pressed_ns) / 1e6;
    std::optional<double> word;
    if (word_ns) word = static_cast<double>(*word_ns - pressed_ns) / 1e6;
    if (std::getenv("KIOSK_BENCH_DETAIL") != nullptr) {  // where the slow keys are
      // And where their time went: key → the first sample of any utterance started after it
      // reached the ring (synthesis), the rest is waiting for the device's pull.
      double in_ring = -1;
      for (const auto& first : speaker_.engine().recent_first_samples()) {
        if (first.steady_ns >= pressed_ns) {
          in_ring = static_cast<double>(first.steady_ns - pressed_ns) / 1e6;
          break;
        }
      }
      std::fprintf(stderr,
                   "key %-12s frame %6.1f ms  heard %6.1f ms  words %6.1f ms  in ring %6.1f ms\n",
                   SDL_GetKeyName(step.key), frame.value_or(-1), heard.value_or(-1),
                   word.value_or(-1), in_ring);
    }
    if (frame) f.frame_ms.push_back(*frame);
    if (heard) {
      f.heard_ms.push_back(*heard);
      if (step.opens_page && word) f.link_to_word_ms.push_back(*word);
    } else {
      ++f.unheard;
    }
  }

  kiosk::KioskCore& core() { return *core_; }

  // Opens `url` as a link would and waits until it is shown and its speech has played.
  void open_and_settle(const std::string& url) {
    core_->browser().open(url);
    const auto until = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < until && core_->browser().loading()) turn();
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    turn();
  }

 private:
  // One turn of kioskd's loop.
  void turn() {
    SDL_Event ev;
    while (SDL_PollEvent(&ev)) {
      if (ev.type != SDL_KEYDOWN) continue;
      if (auto c = core_->key_to_command(keys_, ev.key.keysym.sym, ev.key.keysym.mod)) {
        if (core_->command(*c) == kiosk::Outcome::Redraw) dirty_ = true;
      }
    }
    if (core_->tick() == kiosk::Outcome::Redraw) dirty_ = true;
    if (dirty_) present();
  }
  void present() {
    core_->draw();
    SDL_RenderPresent(renderer_);
    last_present_ = Clock::now();
    dirty_ = false;
  }
  bool presented_after(Clock::time_point t) const { return last_present_ > t; }
  // A person listens before the next key: what was said has reached the device.
  void wait_until_quiet() {
    const auto until = Clock::now() + std::chrono::milliseconds(400);
    while (Clock::now() < until && core_->browser().loading()) turn();
    std::this_thread::sleep_for(std::chrono::milliseconds(60));
    turn();
  }

  SDL_Renderer* renderer_;
  kiosk::EspeakSpeaker& speaker_;
  kiosk::KeyMap keys_;
  std::unique_ptr<kiosk::KioskCore> core_;
  Clock::time_point last_present_{};
  bool dirty_ = false;
};

// The scripted citizen: starts at the attract screen, reads the hall's home page item by item,
// opens a service, reads it, goes back, ends the session.
std::vector<Step> session_script() {
  std::vector<Step> s;
  s.push_back({SDLK_DOWN});  // starts the session: the home page opens and is spoken
  for (int i = 0; i < 5; ++i) s.push_back({SDLK_DOWN});
  s.push_back({SDLK_UP});
  s.push_back({SDLK_k});  // next link
  s.push_back({SDLK_RETURN, KMOD_NONE, true});
  for (int i = 0; i < 4; ++i) s.push_back({SDLK_DOWN});
  s.push_back({SDLK_h});       // next heading
  s.push_back({SDLK_EQUALS});  // zoom in
  s.push_back({SDLK_MINUS});
  s.push_back({SDLK_ESCAPE});  // back to the home page
  s.push_back({SDLK_F10});     // 结束
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int sessions = 12;
  if (argc > 1) sessions = std::max(1, std::atoi(argv[1]));
  setenv("SDL_AUDIODRIVER", "dummy", 0);
  setenv("SDL_VIDEODRIVER", "offscreen", 0);
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    std::fprintf(stderr, "session_bench: SDL: %s\n", SDL_GetError());
    return 1;
  }
  SDL_Window* window = SDL_CreateWindow("kiosk", 0, 0, 1920, 1080, 0);
  SDL_Renderer* renderer = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  auto fonts = ui::FontCollection::load(ui::default_font_request()).fonts;
  auto speech = kiosk::EspeakSpeaker::open("", "/dev/null");
  if (!renderer || !fonts || !speech || speech->into_fallback) {
    std::fprintf(stderr, "session_bench: cannot set up the kiosk (%s)\n",
                 speech ? speech->warning.c_str() : speech.error().technician.c_str());
    return 1;
  }
  kiosk::DemoGateway gateway(KIOSK_CONTENT_DIR);
  const std::string base = "http://127.0.0.1:" + std::to_string(gateway.start(0));
  auto keys = kiosk::KeyMap::create({}, false);
  if (!keys) return 1;

  // The service guide (long_service_guide_html) at 125 KB and at 4 MB (just under the kiosk's
  // 4 MiB fetch limit), each one link away from a small page.
  auto add_guide = [&gateway](const std::string& name, std::size_t bytes) {
    gateway.add_page("/bench/" + name + ".html", kiosk::long_service_guide_html(bytes));
    gateway.add_page("/bench/start-" + name + ".html",
                     "<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8><title>办事指南"
                     "</title></head><body><h1>办事指南</h1><p><a href=\"/bench/" +
                         name + ".html\">社会保障卡办事指南</a></p></body></html>");
  };
  add_guide("guide-125k", 125 * 1024);
  add_guide("guide-4mb", 4000 * 1000);
  Figures f;
  std::vector<double> guide_ms;
  std::vector<double> guide_4mb_ms;
  {
    Bench bench(renderer, *fonts, *fonts, *speech->speaker, base, std::move(*keys));
    const auto script = session_script();
    for (int s = 0; s < sessions; ++s) {
      for (const auto& step : script) bench.press(step, f);
    }
    // Enter on a link to the guide: fetch over loopback, parse, tree, layout, the frame, and
    // its first audible word.
    auto open_guide = [&](const std::string& name, int times) {
      Figures g;
      bench.press({SDLK_DOWN}, g);  // the session starts (the script ended it with 结束)
      for (int i = 0; i < times; ++i) {
        bench.open_and_settle(base + "/bench/start-" + name + ".html");
        bench.press({SDLK_k}, g);  // the link
        bench.press({SDLK_RETURN, KMOD_NONE, true}, g);
      }
      return g.link_to_word_ms;
    };
    guide_ms = open_guide("guide-125k", std::max(12, sessions));
    guide_4mb_ms = open_guide("guide-4mb", 5);
  }
  std::printf("BENCH session_key_to_frame_presented_p50 %.2f ms\n", percentile(f.frame_ms, 0.5));
  std::printf("BENCH session_key_to_frame_presented_p99 %.2f ms\n", percentile(f.frame_ms, 0.99));
  std::printf("BENCH session_key_to_first_audible_sample_p50 %.2f ms\n",
              percentile(f.heard_ms, 0.5));
  std::printf("BENCH session_key_to_first_audible_sample_p99 %.2f ms\n",
              percentile(f.heard_ms, 0.99));
  std::printf("BENCH session_enter_link_to_first_audible_word_p50 %.2f ms\n",
              percentile(f.link_to_word_ms, 0.5));
  std::printf("BENCH session_enter_link_to_first_audible_word_125kb_p50 %.2f ms\n",
              percentile(guide_ms, 0.5));
  std::printf("BENCH session_enter_link_to_first_audible_word_125kb_p99 %.2f ms\n",
              percentile(guide_ms, 0.99));
  std::printf("BENCH session_enter_link_to_first_audible_word_4mb_p50 %.2f ms\n",
              percentile(guide_4mb_ms, 0.5));
  std::printf("BENCH session_enter_link_to_first_audible_word_4mb_max %.2f ms\n",
              percentile(guide_4mb_ms, 1.0));
  std::printf("BENCH session_keys_timed %zu keys\n", f.frame_ms.size());
  std::printf("BENCH session_keys_never_heard %d keys\n", f.unheard);
  gateway.stop();
  SDL_DestroyRenderer(renderer);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return 0;
}
