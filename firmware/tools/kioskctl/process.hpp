// Running the system tools kioskctl drives (rauc, journalctl ...): argv only, never a shell, so
// nothing a technician types or a file name contains is interpreted.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kioskctl {

struct ProcessResult {
  int exit_code = -1;  // -1: could not start (see output)
  std::string output;  // stdout and stderr, interleaved
};

ProcessResult run_process(const std::vector<std::string>& argv);
// The same, handing each output line (without its newline) to on_line as it arrives, for
// output too long to hold or that never ends (journalctl -f). Returns the exit code.
int run_process_lines(const std::vector<std::string>& argv,
                      const std::function<void(std::string_view)>& on_line);
bool program_exists(const std::string& name);  // on PATH

}  // namespace kioskctl
