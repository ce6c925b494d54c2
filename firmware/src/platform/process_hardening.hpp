// The kiosk process keeps personal data in memory: it must never end up in a core file.
#pragma once

#include <string>

namespace kiosk {

// Core size limit 0 and the process marked non-dumpable (which also keeps other users'
// debuggers out). Returns "" or what could not be done.
std::string disable_core_dumps();

// glibc's per-thread cache (tcache) keeps freed blocks of up to 1032 bytes as they were: the
// M_PERTURB overwrite (platform/wipe_on_free.hpp) skips them, and C libraries (libcurl's
// request buffers: a posted form with a phone number) free such blocks. glibc reads its
// tunables once, at start, so kioskd re-executes itself (same pid, same arguments) with
// glibc.malloc.tcache_count=0 added to GLIBC_TUNABLES. Call first thing in main(). Does
// nothing when the tunable is already set or the process runs in secure mode (set-uid: glibc
// ignores the tunable there); returns only if no exec happened, with "" or why it failed.
std::string restart_without_malloc_cache(char** argv);

}  // namespace kiosk
