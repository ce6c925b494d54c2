// The wipe-on-free hook (firmware/src/platform) must leave no trace of personal data in the
// heap once a std::string or other C++ object holding it is destroyed. Checked with a
// whole-process memory scan, not by reading freed memory (undefined behaviour).
#include <unistd.h>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "memory_scan.hpp"
#include "platform/wipe_on_free.hpp"
#include "synthetic_pii.hpp"

namespace {

using kiosk_test::scan_process_memory;

#define SKIP_UNLESS_HOOKED()                                                           \
  if (!kiosk::platform::wipe_on_free_active())                                         \
  GTEST_SKIP() << "wipe-on-free is compiled out under sanitizers (ASan owns operator " \
                  "new/delete and quarantines and poisons freed memory itself)"

kiosk_test::Needle id_needle(std::uint64_t seed) {
  std::string clear = kiosk_test::synthetic_id_number(seed);
  return kiosk_test::make_needle("synthetic id", clear);
}

// Puts the digits past byte 16, where malloc's free-list links would not overwrite them.
template <typename Text>
void append_record(Text& out, std::uint64_t seed) {
  for (char c : std::string_view("name=Synthetic Person;id=")) out.push_back(c);
  for (std::size_t i = 0; i < kiosk_test::kSyntheticIdDigits; ++i)
    out.push_back(kiosk_test::synthetic_id_digit(seed, i));
  for (char c : std::string_view(";phone=none")) out.push_back(c);
}

TEST(WipeOnFree, DestroyedStringsLeaveNoTraceInTheHeap) {
  SKIP_UNLESS_HOOKED();
  const std::uint64_t seed = kiosk_test::fresh_pii_seed();
  const std::vector needles{id_needle(seed)};
  const std::uint64_t wiped_before = kiosk::platform::wiped_block_count();
  {
    std::string record;
    record.reserve(96);
    append_record(record, seed);
    std::u16string record16;
    record16.reserve(96);
    append_record(record16, seed);
    const auto alive = scan_process_memory(getpid(), needles);
    ASSERT_EQ(alive.size(), 2u)
        << "the scan must see the live strings for the test to mean anything";
  }
  EXPECT_GE(kiosk::platform::wiped_block_count(), wiped_before + 2);
  EXPECT_TRUE(scan_process_memory(getpid(), needles).empty());
}

struct alignas(64) OverAlignedRecord {
  char text[256] = {};
};

TEST(WipeOnFree, ArrayLargeAndOverAlignedBlocksAreWipedToo) {
  SKIP_UNLESS_HOOKED();
  const std::uint64_t seed = kiosk_test::fresh_pii_seed();
  const std::vector needles{id_needle(seed)};

  auto* array = new char[200]();
  auto aligned = std::make_unique<OverAlignedRecord>();
  std::vector<char> large(64 * 1024);  // beyond malloc's per-thread cache sizes
  for (std::size_t i = 0; i < kiosk_test::kSyntheticIdDigits; ++i) {
    array[100 + i] = kiosk_test::synthetic_id_digit(seed, i);
    aligned->text[100 + i] = kiosk_test::synthetic_id_digit(seed, i);
    large[40000 + i] = kiosk_test::synthetic_id_digit(seed, i);
  }
  ASSERT_EQ(scan_process_memory(getpid(), needles).size(), 3u);

  const std::uint64_t wiped_before = kiosk::platform::wiped_block_count();
  delete[] array;
  aligned.reset();
  std::vector<char>().swap(large);
  EXPECT_GE(kiosk::platform::wiped_block_count(), wiped_before + 3);
  EXPECT_TRUE(scan_process_memory(getpid(), needles).empty());
}

TEST(WipeOnFree, NothrowNewIsServedAndWiped) {
  SKIP_UNLESS_HOOKED();
  const std::uint64_t wiped_before = kiosk::platform::wiped_block_count();
  auto* p = new (std::nothrow) OverAlignedRecord;
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(p) % alignof(OverAlignedRecord), 0u);
  delete p;
  EXPECT_GE(kiosk::platform::wiped_block_count(), wiped_before + 1);
}

}  // namespace
