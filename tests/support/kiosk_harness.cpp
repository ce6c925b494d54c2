#include "kiosk_harness.hpp"

#include "browse/page_fetcher.hpp"
#include "drivers/resident_id.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <cstdio>
#include <thread>

namespace kiosk_test {

KioskHarness::KioskHarness(HarnessOptions o)
    : gateway_(std::make_unique<kiosk::DemoGateway>(source_dir() + "/firmware/content")) {
  const int port = gateway_->start(0);
  base_ = "http://127.0.0.1:" + std::to_string(port);
  kiosk::CoreSettings settings;
  settings.view = ui::ViewSettings{48, 1.0, nullptr, o.guide_lines, o.caption_bar};
  settings.session = o.session;
  settings.fetch.allowed_origins = {base_};
  for (auto& extra : o.extra_origins) settings.fetch.allowed_origins.push_back(extra);
  settings.home = o.start_home ? base_ + "/" : "";
  settings.loader_fonts = &default_fonts();  // the UI's own collection, as in kioskd
  settings.staff_pin_hash = o.staff_pin_hash;
  settings.runtime_dir = o.runtime_dir;
  core_ = std::make_unique<kiosk::KioskCore>(canvas_.renderer.get(), default_fonts(), settings,
                                             speaker_);
  core_->start(false, false);  // the session starts at once (the attract screen: session_test)
  core_->wait_until_loaded(std::chrono::seconds(10));
  speaker_.take();
}

KioskHarness::~KioskHarness() {
  core_.reset();
  gateway_->stop();
}

kiosk::Outcome KioskHarness::press(kiosk::Command command) {
  const kiosk::Outcome o = core_->command(command);
  core_->wait_until_loaded(std::chrono::seconds(10));
  return o;
}

kiosk::Outcome KioskHarness::type(const std::string& utf8) {
  return core_->text(utf8);
}

bool KioskHarness::wait_for_rating(std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (core_->service().sending()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  core_->tick();  // the answer is shown and said
  return true;
}

bool KioskHarness::open(const std::string& path) {
  core_->browser().open(base_ + path);
  if (!core_->wait_until_loaded(std::chrono::seconds(10))) return false;
  return core_->browser().url() == base_ + path;
}

bool KioskHarness::tab_to(const std::string& prefix) {
  for (int i = 0; i < 40; ++i) {
    if (focused_text().rfind(prefix, 0) == 0) return true;
    core_->command(kiosk::Command::NextLink);
  }
  return focused_text().rfind(prefix, 0) == 0;
}

ui::Point button_point(const ui::ReadingView& view, kiosk::Command command) {
  for (ui::Point p{0, view.title_bar_height() / 2}; p.x < 4096; p.x += 10) {
    if (view.button_at(p) == static_cast<int>(command)) return p;
  }
  return {-1, -1};
}

drivers::CardEvent id_card_read(const drivers::emulated::TextRecord& record) {
  drivers::CardEvent e;
  e.kind = drivers::CardEvent::Kind::IdCardRead;
  auto parsed = drivers::parse_id_text(record.bytes, {2026, 11, 25});
  e.id_card = std::move(parsed.card);
  e.fault = parsed.fault;
  return e;
}

drivers::CardEvent card_event(drivers::CardEvent::Kind kind, drivers::CardFault fault) {
  drivers::CardEvent e;
  e.kind = kind;
  e.fault = fault;
  return e;
}

std::string gateway_ratings(const KioskHarness& k) {
  kiosk::PageFetcher fetcher(kiosk::FetchPolicy{{k.base()}});
  const auto r = fetcher.get(k.base() + "/ratings");
  EXPECT_TRUE(r.ok) << r.error;
  return r.body;
}

std::optional<ui::Rect> run_on_screen(const ui::ReadingView& view,
                                      const std::function<bool(const std::string&)>& matches) {
  const auto& doc = view.document();
  for (const auto& f : view.layout().fragments) {
    if (f.target.run < 0) continue;
    const auto& run = doc.blocks[f.target.block].runs[static_cast<std::size_t>(f.target.run)];
    if (!matches(run.text)) continue;
    const ui::Rect area = view.content_area();
    return ui::Rect{area.x + f.rect.x, area.y + f.rect.y - view.scroll_y(), f.rect.w, f.rect.h};
  }
  return std::nullopt;
}

int whole_lines_shown(const ui::ReadingView& view) {
  const ui::Rect area = view.content_area();
  int shown = 0;
  for (const auto& line : view.layout().lines) {
    const int em = static_cast<int>(line.height / ui::LayoutParams::kLineSpacing);
    const int baseline = area.y + line.baseline - view.scroll_y();
    if (baseline - em * 95 / 100 >= area.y && baseline + em * 15 / 100 <= area.bottom()) ++shown;
  }
  return shown;
}

std::string document_text(const ui::Document& doc) {
  std::string all = doc.title + "\n";
  for (const auto& b : doc.blocks) {
    for (const auto& r : b.runs) all += r.text + "\n";
  }
  return all;
}

int run_kioskd(const std::string& args, std::string& output) {
  const std::string cmd =
      "SDL_VIDEODRIVER=offscreen " + std::string(KIOSKD_PATH) + " " + args + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buf[512];
  while (fgets(buf, sizeof buf, pipe) != nullptr) output += buf;
  const int status = pclose(pipe);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace kiosk_test
