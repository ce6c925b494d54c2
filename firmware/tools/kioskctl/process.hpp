// Running the system tools kioskctl drives (rauc, journalctl ...): argv only, never a shell, so
// nothing a technician types or a file name contains is interpreted.
#pragma once

#include <string>
#include <vector>

namespace kioskctl {

struct ProcessResult {
  int exit_code = -1;  // -1: could not start (see output)
  std::string output;  // stdout and stderr, interleaved
};

ProcessResult run_process(const std::vector<std::string>& argv);
bool program_exists(const std::string& name);  // on PATH

}  // namespace kioskctl
