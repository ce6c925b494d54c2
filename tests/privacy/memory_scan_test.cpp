// The memory scanner must find a synthetic ID number where personal data really lingers
// (heap, stack, anonymous memory; UTF-8 and UTF-16LE), report nothing once it is wiped, and
// never find its own copy of the needle. Built without the wipe-on-free hook on purpose.
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>

#include "memory_scan.hpp"
#include "synthetic_pii.hpp"

namespace {

using kiosk_test::kNeedleMask;
using kiosk_test::make_needle;
using kiosk_test::scan_process_memory;
using kiosk_test::ScanHit;

kiosk_test::Needle id_needle(std::uint64_t seed) {
  std::string clear = kiosk_test::synthetic_id_number(seed);
  return make_needle("synthetic id", clear);
}

std::size_t count(const std::vector<ScanHit>& hits, const std::string& encoding) {
  return static_cast<std::size_t>(std::count_if(
      hits.begin(), hits.end(), [&](const ScanHit& h) { return h.encoding == encoding; }));
}

bool hit_at(const std::vector<ScanHit>& hits, const void* p, const std::string& encoding) {
  return std::any_of(hits.begin(), hits.end(), [&](const ScanHit& h) {
    return h.address == reinterpret_cast<std::uintptr_t>(p) && h.encoding == encoding;
  });
}

TEST(MemoryScan, NeedleIsMaskedAndItsSourceWiped) {
  std::string clear = "Zoë Ñandú 😀";
  const kiosk_test::Needle needle = make_needle("name", clear);
  EXPECT_TRUE(clear.empty());
  std::string utf8;
  for (unsigned char b : needle.utf8_masked) utf8.push_back(static_cast<char>(b ^ kNeedleMask));
  EXPECT_EQ(utf8, "Zoë Ñandú 😀");
  std::u16string utf16;
  for (std::size_t i = 0; i + 1 < needle.utf16le_masked.size(); i += 2)
    utf16.push_back(static_cast<char16_t>((needle.utf16le_masked[i] ^ kNeedleMask) |
                                          ((needle.utf16le_masked[i + 1] ^ kNeedleMask) << 8)));
  EXPECT_EQ(utf16, u"Zoë Ñandú 😀");
}

TEST(MemoryScan, SelfScanDoesNotFindItsOwnNeedle) {
  const std::vector needles{id_needle(kiosk_test::fresh_pii_seed())};
  EXPECT_TRUE(scan_process_memory(getpid(), needles).empty());
}

TEST(MemoryScan, FindsHeapValueInBothEncodingsUntilWiped) {
  const std::uint64_t seed = kiosk_test::fresh_pii_seed();
  const std::vector needles{id_needle(seed)};
  std::string held = kiosk_test::synthetic_id_number(seed);
  std::u16string held16 = kiosk_test::synthetic_id_number_utf16(seed);

  const auto hits = scan_process_memory(getpid(), needles);
  EXPECT_TRUE(hit_at(hits, held.data(), "utf-8"));
  EXPECT_TRUE(hit_at(hits, held16.data(), "utf-16le"));
  EXPECT_EQ(hits.size(), 2u);
  for (const ScanHit& h : hits) EXPECT_EQ(h.needle_label, "synthetic id");

  explicit_bzero(held.data(), held.size());
  explicit_bzero(held16.data(), held16.size() * sizeof(char16_t));
  EXPECT_TRUE(scan_process_memory(getpid(), needles).empty());
}

// A literal lives in .rodata, a read-only mapping: the default (writable-only) scan cannot
// find it, a widened scan finds it in the test binary. Synthetic, not a real number.
const char kRodataSample[] = "RODATA-SAMPLE-ID 990000000000000017";

TEST(MemoryScan, ReadOnlyLiteralIsOutsideTheDefaultScan) {
  const char* volatile literal = kRodataSample;  // keeps the array itself in .rodata
  std::string clear(literal);
  const std::vector needles{make_needle("literal", clear)};

  EXPECT_TRUE(scan_process_memory(getpid(), needles).empty());

  kiosk_test::ScanOptions everything;
  everything.writable_only = false;
  const auto hits = scan_process_memory(getpid(), needles, everything);
  ASSERT_TRUE(hit_at(hits, literal, "utf-8"));
  char exe[4096] = {};
  ASSERT_GT(readlink("/proc/self/exe", exe, sizeof exe - 1), 0);
  for (const ScanHit& h : hits) EXPECT_EQ(h.region, exe);
}

// Matches straddling the 1 MiB read chunks are found exactly once.
TEST(MemoryScan, FindsValuesAcrossChunkBoundaries) {
  const std::uint64_t seed = kiosk_test::fresh_pii_seed();
  const std::vector needles{id_needle(seed)};
  const std::size_t page = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  const std::size_t size = std::size_t{3} << 20;
  // Guard pages on both sides keep the region its own mapping, so chunks start at `region`.
  void* reserved = mmap(nullptr, size + 2 * page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(reserved, MAP_FAILED);
  auto* region = static_cast<unsigned char*>(reserved) + page;
  ASSERT_EQ(mprotect(region, size, PROT_READ | PROT_WRITE), 0);

  unsigned char* utf8_at = region + (std::size_t{1} << 20) - 7;
  unsigned char* utf16_at = region + (std::size_t{2} << 20) - 3;
  for (std::size_t i = 0; i < kiosk_test::kSyntheticIdDigits; ++i) {
    utf8_at[i] = static_cast<unsigned char>(kiosk_test::synthetic_id_digit(seed, i));
    utf16_at[2 * i] = static_cast<unsigned char>(kiosk_test::synthetic_id_digit(seed, i));
  }
  const auto hits = scan_process_memory(getpid(), needles);
  EXPECT_EQ(hits.size(), 2u);
  EXPECT_TRUE(hit_at(hits, utf8_at, "utf-8"));
  EXPECT_TRUE(hit_at(hits, utf16_at, "utf-16le"));
  for (const ScanHit& h : hits) EXPECT_EQ(h.region, "[anonymous]");

  explicit_bzero(region, size);
  munmap(reserved, size + 2 * page);
}

// The child keeps the value on its heap (UTF-8) and its stack (UTF-16LE) until told to wipe,
// and reports where (addresses only) so the parent can check the hits.
struct ChildCopies {
  std::uintptr_t heap_utf8;
  std::uintptr_t stack_utf16;
};

[[noreturn]] void child_holding_value(std::uint64_t seed, int to_parent, int from_parent) {
  std::string heap_copy = kiosk_test::synthetic_id_number(seed);
  char16_t stack_copy[kiosk_test::kSyntheticIdDigits];
  for (std::size_t i = 0; i < kiosk_test::kSyntheticIdDigits; ++i)
    stack_copy[i] = static_cast<char16_t>(kiosk_test::synthetic_id_digit(seed, i));
  const ChildCopies where{reinterpret_cast<std::uintptr_t>(heap_copy.data()),
                          reinterpret_cast<std::uintptr_t>(stack_copy)};
  char step = 0;
  if (write(to_parent, &where, sizeof where) != sizeof where || read(from_parent, &step, 1) != 1)
    _exit(2);
  explicit_bzero(heap_copy.data(), heap_copy.size());
  explicit_bzero(stack_copy, sizeof stack_copy);
  if (write(to_parent, "w", 1) != 1 || read(from_parent, &step, 1) != 1) _exit(3);
  _exit(0);
}

TEST(MemoryScan, ScansAChildProcessBeforeAndAfterItWipes) {
  const std::uint64_t seed = kiosk_test::fresh_pii_seed();
  const std::vector needles{id_needle(seed)};
  int up[2], down[2];
  ASSERT_EQ(pipe(up), 0);
  ASSERT_EQ(pipe(down), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(30);  // never outlive a stuck parent
    close(up[0]);
    close(down[1]);
    child_holding_value(seed, up[1], down[0]);
  }
  close(up[1]);
  close(down[0]);
  ChildCopies where{};
  ASSERT_EQ(read(up[0], &where, sizeof where), static_cast<ssize_t>(sizeof where));
  const auto held = scan_process_memory(child, needles);
  EXPECT_EQ(write(down[1], "n", 1), 1);
  char step = 0;
  ASSERT_EQ(read(up[0], &step, 1), 1);
  const auto wiped = scan_process_memory(child, needles);
  EXPECT_EQ(write(down[1], "x", 1), 1);
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  close(up[0]);
  close(down[1]);

  EXPECT_EQ(count(held, "utf-8"), 1u);
  EXPECT_EQ(count(held, "utf-16le"), 1u);
  EXPECT_TRUE(hit_at(held, reinterpret_cast<const void*>(where.heap_utf8), "utf-8"));
  EXPECT_TRUE(hit_at(held, reinterpret_cast<const void*>(where.stack_utf16), "utf-16le"));
  EXPECT_TRUE(wiped.empty());
  // And the parent never held it.
  EXPECT_TRUE(scan_process_memory(getpid(), needles).empty());
}

}  // namespace
