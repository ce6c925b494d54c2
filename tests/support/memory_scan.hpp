// Finds personal data left in a live process's memory (the kiosk's own heap, stack and
// globals), so tests can prove that ID numbers, names and phone numbers are wiped after use.
// The values searched for are held only XOR-masked: the scanner may scan itself
// (pid == getpid()) without its own copy of the value showing up as a hit.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace kiosk_test {

// Every byte of a needle is stored XOR this mask; comparisons apply it on the fly.
inline constexpr unsigned char kNeedleMask = 0x5A;

// A value to search for, in the two encodings the kiosk handles, both masked.
struct Needle {
  std::string label;
  std::vector<unsigned char> utf8_masked;
  std::vector<unsigned char> utf16le_masked;
};

// Masks `clear_utf8` into a Needle (UTF-8 as given and converted to UTF-16LE), then zeroes
// and empties `clear_utf8`. Invalid UTF-8 sequences become U+FFFD in the UTF-16LE form.
Needle make_needle(std::string label, std::string& clear_utf8);

struct ScanHit {
  std::string region;          // the mapping's path, "[heap]", "[stack]" or "[anonymous]"
  std::uintptr_t address = 0;  // where the match starts in the scanned process
  std::string needle_label;
  std::string encoding;  // "utf-8" or "utf-16le"
};

struct ScanOptions {
  // Only writable mappings (heap, stacks, anonymous, .data/.bss) by default; tests may widen
  // the scan to read-only mappings (.rodata, .text) to show what the default leaves out.
  bool writable_only = true;
  // Larger mappings (sanitizer shadow memory, huge reservations) are skipped.
  std::size_t max_region_bytes = std::size_t{1} << 30;
};

// Scans the readable mappings of `pid` listed in /proc/PID/maps, reading /proc/PID/mem.
// Unreadable pages are skipped; [vvar], [vvar_vclock] and [vsyscall] are never read. Returns
// every match of every needle. Needs ptrace-read access to `pid` (itself, or a dumpable child
// of the same user). While reading, the scan allocates nothing on the heap (its buffers are
// one private mapping it skips), so a self-scan cannot overwrite the freed blocks it checks.
std::vector<ScanHit> scan_process_memory(pid_t pid, const std::vector<Needle>& needles,
                                         const ScanOptions& options = {});

}  // namespace kiosk_test
