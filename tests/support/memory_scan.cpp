// Scans another (or this) process's memory for masked needles; see memory_scan.hpp for why.
// Process memory is copied into a private mmap'ed window that is itself never scanned and is
// zeroed before it is unmapped, so a self-scan neither finds its own copy nor leaves one.
#include "memory_scan.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace kiosk_test {

namespace {

// Appends one UTF-16 code unit, masked, little-endian.
void push_unit_masked(std::vector<unsigned char>& out, std::uint32_t unit) {
  out.push_back(static_cast<unsigned char>((unit & 0xFF) ^ kNeedleMask));
  out.push_back(static_cast<unsigned char>(((unit >> 8) & 0xFF) ^ kNeedleMask));
}

// Decodes one code point at s[i] (U+FFFD and one byte for anything malformed).
std::uint32_t decode_one(const std::string& s, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  std::size_t length = 0;
  std::uint32_t cp = 0;
  if (lead < 0x80) {
    length = 1, cp = lead;
  } else if ((lead >> 5) == 0x6) {
    length = 2, cp = lead & 0x1Fu;
  } else if ((lead >> 4) == 0xE) {
    length = 3, cp = lead & 0x0Fu;
  } else if ((lead >> 3) == 0x1E) {
    length = 4, cp = lead & 0x07u;
  }
  if (length == 0 || i + length > s.size()) {
    ++i;
    return 0xFFFD;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(s[i + k]);
    if ((next >> 6) != 0x2) {
      ++i;
      return 0xFFFD;
    }
    cp = (cp << 6) | (next & 0x3Fu);
  }
  i += length;
  return cp > 0x10FFFF ? 0xFFFD : cp;
}

// Everything the scan writes while it runs lives in one private mmap'ed arena, never on the
// heap: a self-scan that allocated could land in the very freed blocks it is looking at and
// overwrite them (a false "no trace"). The heap is only touched after the scan, for results.
struct RawHit {
  std::uintptr_t address;
  std::uint32_t needle;
  bool utf16;
  std::uint32_t name_offset;  // the region name, inside the maps text
  std::uint32_t name_length;
};

constexpr std::size_t kMapsBytes = std::size_t{4} << 20;  // /proc/PID/maps text (virtual)
constexpr std::size_t kMaxRawHits = 4096;
constexpr std::size_t kChunk = std::size_t{1} << 20;  // bytes read per pread

class Arena {
 public:
  explicit Arena(std::size_t longest)
      : window_bytes_(kChunk + longest),
        size_(kMapsBytes + kMaxRawHits * sizeof(RawHit) + window_bytes_) {
    void* p = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    base_ = p == MAP_FAILED ? nullptr : static_cast<unsigned char*>(p);
  }
  ~Arena() {
    if (base_ == nullptr) return;
    explicit_bzero(window(), window_bytes_);  // copies of the scanned memory
    munmap(base_, size_);
  }
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  bool ok() const { return base_ != nullptr; }
  char* maps() const { return reinterpret_cast<char*>(base_); }
  RawHit* hits() const { return reinterpret_cast<RawHit*>(base_ + kMapsBytes); }
  unsigned char* window() const { return base_ + kMapsBytes + kMaxRawHits * sizeof(RawHit); }
  std::uintptr_t begin() const { return reinterpret_cast<std::uintptr_t>(base_); }
  std::uintptr_t end() const { return begin() + size_; }

 private:
  std::size_t window_bytes_;
  std::size_t size_;
  unsigned char* base_ = nullptr;
};

struct ScanState {
  const Arena& arena;
  const std::vector<Needle>& needles;
  int mem_fd;
  std::size_t overlap;  // longest pattern - 1
  std::size_t hit_count = 0;
  std::uint32_t name_offset = 0;  // of the mapping being scanned
  std::uint32_t name_length = 0;
};

// Records matches of one masked pattern in window[0, size) that end past `fresh_from` (matches
// ending earlier were recorded with the previous window).
void match_pattern(ScanState& state, std::size_t size, std::size_t fresh_from, std::uintptr_t base,
                   std::uint32_t needle, bool utf16) {
  const std::vector<unsigned char>& pattern =
      utf16 ? state.needles[needle].utf16le_masked : state.needles[needle].utf8_masked;
  const std::size_t length = pattern.size();
  if (length == 0 || length > size) return;
  const unsigned char* const window = state.arena.window();
  const int first = pattern[0] ^ kNeedleMask;
  const unsigned char* const last_start = window + (size - length);
  const unsigned char* at = window;
  while (at <= last_start) {
    const void* found = std::memchr(at, first, static_cast<std::size_t>(last_start - at) + 1);
    if (found == nullptr) break;
    at = static_cast<const unsigned char*>(found);
    std::size_t k = 1;
    while (k < length && (at[k] ^ kNeedleMask) == pattern[k]) ++k;
    const auto offset = static_cast<std::size_t>(at - window);
    if (k == length && offset + length > fresh_from && state.hit_count < kMaxRawHits)
      state.arena.hits()[state.hit_count++] = {base + offset, needle, utf16, state.name_offset,
                                               state.name_length};
    ++at;
  }
}

// Scans [start, end) of one mapping, carrying the last `overlap` bytes between reads so
// matches across chunk boundaries are found. Unreadable pages are skipped one by one.
void scan_range(ScanState& state, std::uintptr_t start, std::uintptr_t end) {
  static const auto page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  unsigned char* const window = state.arena.window();
  std::size_t kept = 0;                    // carried bytes at the front of the window
  std::uintptr_t page_mode_until = start;  // read page by page below this address
  std::uintptr_t address = start;
  while (address < end) {
    const std::size_t step = address < page_mode_until ? page : kChunk;
    const std::size_t want = std::min<std::size_t>(step, end - address);
    const ssize_t got = pread(state.mem_fd, window + kept, want, static_cast<off_t>(address));
    if (got <= 0) {
      if (step == kChunk) {
        page_mode_until = address + want;  // retry this chunk a page at a time
      } else {
        kept = 0;  // an unreadable page breaks contiguity
        address += want;
      }
      continue;
    }
    const std::size_t size = kept + static_cast<std::size_t>(got);
    for (std::uint32_t n = 0; n < state.needles.size(); ++n) {
      match_pattern(state, size, kept, address - kept, n, false);
      match_pattern(state, size, kept, address - kept, n, true);
    }
    const std::size_t keep = std::min(state.overlap, size);
    std::memmove(window, window + size - keep, keep);
    kept = keep;
    address += static_cast<std::size_t>(got);
  }
}

// "/proc/PID/FILE" in a stack buffer (no heap during a scan).
void proc_path(char (&out)[64], pid_t pid, const char* file) {
  std::snprintf(out, sizeof out, "/proc/%d/%s", static_cast<int>(pid), file);
}

// Reads /proc/PID/maps into `out`; a longer file is cut at `capacity`.
std::size_t read_maps(pid_t pid, char* out, std::size_t capacity) {
  char path[64];
  proc_path(path, pid, "maps");
  const int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  std::size_t used = 0;
  while (used < capacity) {
    const ssize_t n = read(fd, out + used, capacity - used);
    if (n <= 0) break;
    used += static_cast<std::size_t>(n);
  }
  close(fd);
  return used;
}

bool skipped_by_name(std::string_view name) {
  return name == "[vvar]" || name == "[vvar_vclock]" || name == "[vsyscall]";
}

}  // namespace

Needle make_needle(std::string label, std::string& clear_utf8) {
  Needle needle;
  needle.label = std::move(label);
  needle.utf8_masked.reserve(clear_utf8.size());
  needle.utf16le_masked.reserve(clear_utf8.size() * 2 + 4);
  for (char c : clear_utf8)
    needle.utf8_masked.push_back(static_cast<unsigned char>(c) ^ kNeedleMask);
  for (std::size_t i = 0; i < clear_utf8.size();) {
    const std::uint32_t cp = decode_one(clear_utf8, i);
    if (cp >= 0x10000) {
      push_unit_masked(needle.utf16le_masked, 0xD800 + ((cp - 0x10000) >> 10));
      push_unit_masked(needle.utf16le_masked, 0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      push_unit_masked(needle.utf16le_masked, cp);
    }
  }
  explicit_bzero(clear_utf8.data(), clear_utf8.size());
  clear_utf8.clear();
  return needle;
}

std::vector<ScanHit> scan_process_memory(pid_t pid, const std::vector<Needle>& needles,
                                         const ScanOptions& options) {
  std::size_t longest = 0;
  for (const Needle& n : needles)
    longest = std::max({longest, n.utf8_masked.size(), n.utf16le_masked.size()});
  if (longest == 0) return {};
  Arena arena(longest);
  if (!arena.ok()) return {};
  const std::size_t maps_size = read_maps(pid, arena.maps(), kMapsBytes);
  char mem_path[64];
  proc_path(mem_path, pid, "mem");
  const int mem_fd = open(mem_path, O_RDONLY | O_CLOEXEC);
  if (mem_fd < 0) return {};

  ScanState state{arena, needles, mem_fd, longest - 1};
  const bool self = pid == getpid();
  const std::string_view maps(arena.maps(), maps_size);
  for (std::size_t at = 0; at < maps.size();) {
    const std::size_t eol = std::min(maps.find('\n', at), maps.size());
    std::string_view line = maps.substr(at, eol - at);
    at = eol + 1;
    // "start-end perms offset dev inode [path]"
    const std::uintptr_t start = std::strtoull(line.data(), nullptr, 16);
    const std::size_t dash = line.find('-');
    if (dash == std::string_view::npos) continue;
    const std::uintptr_t end = std::strtoull(line.data() + dash + 1, nullptr, 16);
    std::string_view perms, name;
    for (int field = 0; field < 6 && !line.empty(); ++field) {
      line.remove_prefix(std::min(line.find_first_not_of(' '), line.size()));
      const std::size_t stop = field == 5 ? line.size() : std::min(line.find(' '), line.size());
      if (field == 1) perms = line.substr(0, stop);
      if (field == 5) name = line.substr(0, stop);
      line.remove_prefix(stop);
    }
    if (perms.find('r') == std::string_view::npos) continue;
    if (options.writable_only && perms.find('w') == std::string_view::npos) continue;
    if (skipped_by_name(name) || end <= start || end - start > options.max_region_bytes) continue;
    state.name_offset = static_cast<std::uint32_t>(name.empty() ? 0 : name.data() - maps.data());
    state.name_length = static_cast<std::uint32_t>(name.size());
    if (self && start < arena.end() && arena.begin() < end) {
      // The arena may have merged into a neighbouring anonymous mapping: scan around it.
      if (start < arena.begin()) scan_range(state, start, arena.begin());
      if (arena.end() < end) scan_range(state, arena.end(), end);
      continue;
    }
    scan_range(state, start, end);
  }
  close(mem_fd);

  std::vector<ScanHit> hits;
  hits.reserve(state.hit_count);
  for (std::size_t i = 0; i < state.hit_count; ++i) {
    const RawHit& raw = arena.hits()[i];
    const std::string_view name = maps.substr(raw.name_offset, raw.name_length);
    hits.push_back({name.empty() ? "[anonymous]" : std::string(name), raw.address,
                    needles[raw.needle].label, raw.utf16 ? "utf-16le" : "utf-8"});
  }
  return hits;
}

}  // namespace kiosk_test
