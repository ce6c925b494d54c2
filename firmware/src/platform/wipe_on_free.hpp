// Wipe-on-free for the C++ heap. Personal data (ID numbers, names, phone numbers) passes through
// std::string temporaries in layout, speech and forms; a freed block keeps its bytes in the heap
// until reused, where a memory dump or a later bug finds them. Linking wipe_on_free.cpp into an
// executable (target kiosk_wipe_on_free, an OBJECT library: firmware/platform.cmake) replaces
// the global operator new/delete so every block is zeroed (explicit_bzero over
// malloc_usable_size) before it goes back to malloc.
//
// Under AddressSanitizer (and the other sanitizers that own operator new/delete) the
// replacement is compiled out: the sanitizer's allocator quarantines and poisons freed memory.
#pragma once

#include <cstdint>

namespace kiosk::platform {

// True when this build's operator delete wipes (false under sanitizers).
bool wipe_on_free_active() noexcept;

// Blocks wiped so far by the replaced operator delete (for tests; 0 when inactive).
std::uint64_t wiped_block_count() noexcept;

// Asks glibc to overwrite memory released with free() by C code too (mallopt M_PERTURB with a
// fixed byte). Partial by glibc design: blocks that go into the per-thread cache (tcache,
// chunks up to 1032 bytes, 7 per size class) are NOT overwritten; larger blocks and blocks
// beyond a full tcache bin are. Setting GLIBC_TUNABLES=glibc.malloc.tcache_count=0 in the
// process environment (before start) closes that gap. Side effect: malloc fills non-tcache
// allocations with a non-zero pattern. Returns false when mallopt refuses (or under ASan).
bool harden_malloc() noexcept;

}  // namespace kiosk::platform
