// What harden_malloc() (mallopt M_PERTURB) really does for memory C libraries release with
// free(), which the operator delete hook never sees: glibc overwrites large blocks, but small
// blocks kept in the per-thread cache (tcache) keep their contents unless tcache is disabled
// with GLIBC_TUNABLES before the process starts. These tests pin that down on Debian's glibc.
#include <malloc.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>

#include "memory_scan.hpp"
#include "platform/wipe_on_free.hpp"
#include "synthetic_pii.hpp"

namespace {

using kiosk_test::scan_process_memory;

constexpr const char* kChildVariable = "KIOSK_PERTURB_CHILD";

#define SKIP_UNDER_SANITIZERS()                                                     \
  if (!kiosk::platform::wipe_on_free_active())                                      \
  GTEST_SKIP() << "glibc malloc is replaced by the sanitizer's allocator (mallopt " \
                  "has no effect there)"

kiosk_test::Needle id_needle(std::uint64_t seed) {
  std::string clear = kiosk_test::synthetic_id_number(seed);
  return kiosk_test::make_needle("synthetic id", clear);
}

// malloc()s `size` bytes, writes the ID at offset 64 (past malloc's free-list links) and
// free()s the block, like C code would. The returned fence, allocated after the block, keeps it
// from merging into the top of the heap; free it after the scan.
void* malloc_write_free(std::size_t size, std::uint64_t seed) {
  auto* block = static_cast<char*>(std::malloc(size));
  void* fence = std::malloc(16);
  if (block == nullptr) return fence;
  for (std::size_t i = 0; i < kiosk_test::kSyntheticIdDigits; ++i)
    block[64 + i] = kiosk_test::synthetic_id_digit(seed, i);
  asm volatile("" : : "r"(block) : "memory");  // the stores must happen before free
  std::free(block);
  return fence;
}

// Restores glibc's default (no perturbation) so other tests in this binary are unaffected.
struct PerturbReset {
  ~PerturbReset() { mallopt(M_PERTURB, 0); }
};

std::size_t hits_after_free(std::size_t size) {
  const std::uint64_t seed = kiosk_test::fresh_pii_seed();
  const std::vector needles{id_needle(seed)};
  void* fence = malloc_write_free(size, seed);
  const std::size_t hits = scan_process_memory(getpid(), needles).size();
  std::free(fence);
  return hits;
}

TEST(MallocPerturb, WithoutItFreedBlocksKeepTheirContents) {
  SKIP_UNDER_SANITIZERS();
  EXPECT_EQ(hits_after_free(96), 1u) << "small block (tcache)";
  EXPECT_EQ(hits_after_free(8192), 1u) << "large block";
}

TEST(MallocPerturb, OverwritesLargeBlocksButNotTcacheBlocks) {
  SKIP_UNDER_SANITIZERS();
  PerturbReset reset;
  ASSERT_TRUE(kiosk::platform::harden_malloc());
  EXPECT_EQ(hits_after_free(8192), 0u) << "large block: perturbed on free";
  EXPECT_EQ(hits_after_free(96), 1u)
      << "glibc now perturbs tcache frees too: update harden_malloc's documentation";
}

// Runs in a re-executed copy of this binary with tcache disabled (see the next test).
TEST(MallocPerturb, ChildWithoutTcacheOverwritesSmallBlocks) {
  if (std::getenv(kChildVariable) == nullptr)
    GTEST_SKIP() << "runs only in the child started by TcacheOffClosesTheGap";
  SKIP_UNDER_SANITIZERS();
  PerturbReset reset;
  ASSERT_TRUE(kiosk::platform::harden_malloc());
  EXPECT_EQ(hits_after_free(96), 0u);
  EXPECT_EQ(hits_after_free(8192), 0u);
}

TEST(MallocPerturb, TcacheOffClosesTheGap) {
  SKIP_UNDER_SANITIZERS();
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    alarm(60);
    setenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0", 1);
    setenv(kChildVariable, "1", 1);
    execl("/proc/self/exe", "privacy_tests",
          "--gtest_filter=MallocPerturb.ChildWithoutTcacheOverwritesSmallBlocks",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the child test failed: see its output above";
}

}  // namespace
