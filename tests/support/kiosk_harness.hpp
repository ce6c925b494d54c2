// One fixture for the firmware tests: the demo gateway on a free loopback port, an offscreen
// canvas, a RecordingSpeaker and a KioskCore wired as kioskd wires it. Helpers press commands
// and wait for pages the way a citizen would, and read back what was said.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "demo_gateway.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "kiosk/kiosk_core.hpp"
#include "speech/recording_speaker.hpp"
#include "test_support.hpp"

namespace kiosk_test {

struct HarnessOptions {
  bool guide_lines = false;
  bool caption_bar = true;
  bool start_home = false;  // open the gateway's home page first
  board::SessionProfile session;
  std::vector<std::string> extra_origins;
  std::string staff_pin_hash;  // the board's [staff] pin_hash (board::hash_staff_pin)
  std::string runtime_dir;     // kioskd's runtime directory (USB-stick update hand-over)
};

class KioskHarness {
 public:
  explicit KioskHarness(HarnessOptions options = {});
  ~KioskHarness();

  kiosk::KioskCore& core() { return *core_; }
  ui::ReadingView& view() { return core_->view(); }
  kiosk::RecordingSpeaker& speaker() { return speaker_; }
  const std::string& base() const { return base_; }  // http://127.0.0.1:PORT
  // The offscreen 1920x1080 canvas KioskCore draws on (screenshots, pixels).
  const OffscreenCanvas& canvas() const { return canvas_; }

  // A command, then the page it asked for (if any) has arrived.
  kiosk::Outcome press(kiosk::Command command);
  kiosk::Outcome type(const std::string& utf8);
  // Opens base() + path and waits for it; true when it is shown.
  bool open(const std::string& path);
  // Tab until the focused item's text starts with `prefix` (false if never).
  bool tab_to(const std::string& prefix);
  std::string focused_text() { return view().focused_text(); }
  // What was said since the last call: texts of say/alert/spell/play, in order.
  std::vector<std::string> said() { return speaker_.take_texts(); }
  void forget_said() { speaker_.take(); }
  // The gateway goes away (a failed post); the kiosk keeps running.
  void stop_gateway() { gateway_->stop(); }
  // Ticks until the rating on its way has its answer (false if the time is up).
  bool wait_for_rating(std::chrono::milliseconds timeout = std::chrono::seconds(10));

 private:
  std::unique_ptr<kiosk::DemoGateway> gateway_;
  std::string base_;
  OffscreenCanvas canvas_{1920, 1080};
  kiosk::RecordingSpeaker speaker_;
  std::unique_ptr<kiosk::KioskCore> core_;
};

// A point on the title bar's button for `command` (as a finger would touch it); {-1, -1} when
// there is no such button.
ui::Point button_point(const ui::ReadingView& view, kiosk::Command command);

// An ID card read from a synthetic record (parsed as the SAM reader's driver parses it, on
// 2026-11-25), and a card or reader event of another kind, as CardReaders delivers them.
drivers::CardEvent id_card_read(const drivers::emulated::TextRecord& record);
drivers::CardEvent card_event(drivers::CardEvent::Kind kind,
                              drivers::CardFault fault = drivers::CardFault::None);

// The demo gateway's rating counts (GET /ratings), as staff would read them.
std::string gateway_ratings(const KioskHarness& k);

// Where the page's run whose text `matches` is on screen now, as a finger would find it (the
// first one laid out); nullopt when there is none. The rectangle may lie off screen.
std::optional<ui::Rect> run_on_screen(const ui::ReadingView& view,
                                      const std::function<bool(const std::string&)>& matches);

// How many of the page's lines the renderer draws whole in the content area (its rule: a line
// whose ink the edge would cut is left out).
int whole_lines_shown(const ui::ReadingView& view);

// All of the document's text, one run a line (for "never shown in clear" checks).
std::string document_text(const ui::Document& doc);

// kioskd run as a process (offscreen video): its exit code, and stdout+stderr in `output`.
int run_kioskd(const std::string& args, std::string& output);

}  // namespace kiosk_test
