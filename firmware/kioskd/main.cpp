// kioskd: the kiosk's main program. Options, then the composition root (kiosk/kiosk.hpp)
// brings up the board, the screen, the voice and the readers, and runs until asked to stop.
#include <SDL.h>

#include <cstdio>

#include "kiosk/kiosk.hpp"
#include "kiosk/maintenance_screen.hpp"
#include "kiosk/options.hpp"
#include "platform/process_hardening.hpp"
#include "platform/wipe_on_free.hpp"

namespace {

int show_out_of_service(const kiosk::Options& options, const kiosk::Kiosk::ProfileUnusable& why) {
  int rc = 0;
  {
    auto screen = kiosk::MaintenanceScreen::open(options, why);
    if (const auto* failed = std::get_if<kiosk::Kiosk::Failed>(&screen)) {
      std::fprintf(stderr, "kioskd: %s\n", failed->error.technician.c_str());
      rc = failed->exit_code;
    } else {
      rc = std::get<std::unique_ptr<kiosk::MaintenanceScreen>>(screen)->run();
    }
  }  // the screen and the voice go before SDL does
  SDL_Quit();
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  // Citizens' data passes through C code too (libcurl, SDL, HarfBuzz): freed malloc blocks
  // are overwritten as well as C++ ones, small ones included once the re-exec has turned
  // glibc's thread cache off (process_hardening.hpp). Before anything else is allocated.
  const std::string restart_error = kiosk::restart_without_malloc_cache(argv);
  kiosk::platform::harden_malloc();
  if (!restart_error.empty()) std::fprintf(stderr, "kioskd: warning: %s\n", restart_error.c_str());
  auto options = kiosk::parse_options(argc, argv);
  kiosk::hide_typed_text(argc, argv);
  if (!options) {
    std::fprintf(stderr, "kioskd: %s\n%s", options.error().technician.c_str(),
                 kiosk::usage().c_str());
    return 1;
  }
  if (options->help) {
    std::fputs(kiosk::usage().c_str(), stdout);
    return 0;
  }
  auto created = kiosk::Kiosk::create(*options);
  kiosk::forget_typed_text(*options);  // the kiosk has its own copy, forgotten once typed
  if (const auto* unusable = std::get_if<kiosk::Kiosk::ProfileUnusable>(&created)) {
    // Never an exit: systemd would restart kioskd until it reboots the kiosk. 暂停服务 instead.
    return show_out_of_service(*options, *unusable);
  }
  if (auto* failed = std::get_if<kiosk::Kiosk::Failed>(&created)) {
    std::fprintf(stderr, "kioskd: %s\n", failed->error.technician.c_str());
    SDL_Quit();
    return failed->exit_code;
  }
  options->script = {};  // the kiosk runs its own copy
  options->script = {};  // the kiosk runs its own copy
  int rc = 0;
  {
    const auto kiosk = std::move(std::get<std::unique_ptr<kiosk::Kiosk>>(created));
    rc = kiosk->run();
  }  // the screen and the voice go before SDL does
  SDL_Quit();
  return rc;
}
