#include "logs_command.hpp"

#include <fstream>
#include <iostream>

#include "arguments.hpp"
#include "drivers/masking.hpp"
#include "process.hpp"

namespace kioskctl {
namespace {

const char* kHelp =
    R"(usage: kioskctl logs [-n LINES] [--boot] [--follow] [--unit UNIT] [--file FILE]

Prints the kiosk's log with personal data redacted: ID and card numbers masked
(3101**********1234), mobile numbers masked (138****5678), the values of name=, xm=, 姓名,
idcard=, sfzh=, phone=, mobile=, tel=, address= ... masked, URL-encoded ones too
(name=%E5%BC%A0... shows as name=张*), PIN bytes of VERIFY / CHANGE / UNBLOCK commands
replaced by [PIN redacted]. Reads the journal of kioskd.service (and
kiosk-confirm.service, the update confirmation) through journalctl, or FILE (an exported log).
  -n LINES   the last LINES lines (default 200)     --boot    this boot only
  --follow   keep printing new lines                 --unit    another unit as well

exit codes: 0 done, 1 usage error, 2 the log could not be read, 3 journalctl is missing
)";

}  // namespace

int logs_command(std::span<const std::string> args) {
  std::string lines = "200";
  std::string file;
  bool boot = false;
  bool follow = false;
  std::vector<std::string> units = {"kioskd.service", "kiosk-confirm.service"};
  std::string unit;
  for (Arguments a(args, "kioskctl logs", kHelp); a.next();) {
    if (a.help()) return 0;
    if (a.value("-n", lines)) {
      if (lines.empty() || lines.find_first_not_of("0123456789") != std::string::npos) {
        std::cerr << "kioskctl logs: -n takes a number of lines\n";
        return 1;
      }
    } else if (a.value("--unit", unit)) {
      units.push_back(unit);
    } else if (a.flag("--boot")) {
      boot = true;
    } else if (a.flag("--follow") || a.flag("-f")) {
      follow = true;
    } else if (!a.value("--file", file)) {
      return a.unexpected();
    }
  }
  auto print = [](std::string_view line) {
    std::cout << drivers::redact_log_text(line) << '\n';
    std::cout.flush();
  };
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "kioskctl logs: cannot read " << file << "\n";
      return 2;
    }
    for (std::string line; std::getline(in, line);) print(line);
    return 0;
  }
  if (!program_exists("journalctl")) {
    std::cerr << "kioskctl logs: journalctl is missing (Debian package systemd)\n";
    return 3;
  }
  std::vector<std::string> argv = {"journalctl", "--no-pager", "-o", "short-iso", "-n", lines};
  for (const auto& u : units) {
    argv.push_back("-u");
    argv.push_back(u);
  }
  if (boot) argv.push_back("-b");
  if (follow) argv.push_back("-f");
  const int rc = run_process_lines(argv, print);
  return rc == 0 ? 0 : 2;
}

}  // namespace kioskctl
