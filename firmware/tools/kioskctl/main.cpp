// kioskctl: the technician's tool on the kiosk. One verb per job; `kioskctl VERB --help` says
// what each does and what its exit codes mean.
#include <iostream>
#include <string>
#include <vector>

#include "board_command.hpp"
#include "cards_command.hpp"
#include "logs_command.hpp"
#include "provision_command.hpp"
#include "screenshot_command.hpp"
#include "selftest_command.hpp"
#include "status_command.hpp"
#include "update_command.hpp"

namespace {

const char* kUsage = R"(usage: kioskctl VERB [options]

verbs:
  status     board, kioskd health (display, speech, readers), readers present, A/B slots
  selftest   test pattern, test sentence, readers and a card: a pass/fail line per part
  screenshot save what the running kioskd shows as a PNG
  logs       the kiosk's journal with personal data and PINs redacted
  cards      list card readers, wait for cards, print ATRs / masked ID fields as JSON lines
  update     install a signed update bundle, show the A/B slots, confirm the booted slot
  provision  write this kiosk's profile: service gateway and staff PIN hash
  board      show or check a board profile; print its udev rules or RAUC system.conf

`kioskctl VERB --help` explains a verb; `kioskctl --version` the running system's version. Exit codes: 0 success, 1 usage error, 2 the check
failed, 3 the environment is missing something (named on stderr).
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 1 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "kioskctl " << KIOSK_VERSION << "\n";
    return 0;
  }
  const std::string verb = args[0];
  const std::span<const std::string> rest(args.data() + 1, args.size() - 1);
  if (verb == "status") return kioskctl::status_command(rest);
  if (verb == "selftest") return kioskctl::selftest_command(rest);
  if (verb == "screenshot") return kioskctl::screenshot_command(rest);
  if (verb == "logs") return kioskctl::logs_command(rest);
  if (verb == "cards") return kioskctl::cards_command(rest);
  if (verb == "provision") return kioskctl::provision_command(rest);
  if (verb == "board") return kioskctl::board_command(rest);
  if (verb == "update") return kioskctl::update_command(rest);
  std::cerr << "kioskctl: unknown verb '" << verb << "'\n" << kUsage;
  return 1;
}
