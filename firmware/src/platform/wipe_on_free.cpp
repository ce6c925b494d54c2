// Replaces every global operator new/delete so freed C++ heap blocks are zeroed before malloc
// gets them back (why: wipe_on_free.hpp). The new operators are replaced too, so that every
// pointer reaching delete is known to come from malloc/posix_memalign, which is what
// malloc_usable_size and free require. Compiled out under sanitizers that own the allocator.
#include "platform/wipe_on_free.hpp"

#include <malloc.h>
#include <string.h>

#include <atomic>
#include <cstdlib>
#include <new>

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define KIOSK_ALLOCATOR_OWNED_BY_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer) || __has_feature(hwaddress_sanitizer)
#define KIOSK_ALLOCATOR_OWNED_BY_SANITIZER 1
#endif
#endif

namespace kiosk::platform {

#ifdef KIOSK_ALLOCATOR_OWNED_BY_SANITIZER

bool wipe_on_free_active() noexcept {
  return false;
}
std::uint64_t wiped_block_count() noexcept {
  return 0;
}
bool harden_malloc() noexcept {
  return false;
}

#else

namespace {
// Relaxed: only tests read it, and only to see that the hook ran.
std::atomic<std::uint64_t> wiped_blocks{0};

// One byte for M_PERTURB; glibc writes it over freed (non-tcache) memory.
constexpr int kPerturbByte = 0xA5;
}  // namespace

bool wipe_on_free_active() noexcept {
  return true;
}
std::uint64_t wiped_block_count() noexcept {
  return wiped_blocks.load(std::memory_order_relaxed);
}
bool harden_malloc() noexcept {
  return mallopt(M_PERTURB, kPerturbByte) == 1;
}

namespace {

void wipe_and_free(void* p) noexcept {
  if (p == nullptr) return;
  explicit_bzero(p, malloc_usable_size(p));
  wiped_blocks.fetch_add(1, std::memory_order_relaxed);
  std::free(p);
}

void* allocate(std::size_t size) {
  if (size == 0) size = 1;
  for (;;) {
    if (void* p = std::malloc(size)) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

void* allocate_aligned(std::size_t size, std::align_val_t alignment) {
  if (size == 0) size = 1;
  std::size_t align = static_cast<std::size_t>(alignment);
  if (align < sizeof(void*)) align = sizeof(void*);
  for (;;) {
    void* p = nullptr;
    if (posix_memalign(&p, align, size) == 0) return p;
    std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

template <typename Allocate>
void* allocate_nothrow(Allocate allocate_or_throw) noexcept {
  try {
    return allocate_or_throw();
  } catch (...) {
    return nullptr;
  }
}

}  // namespace

#endif

}  // namespace kiosk::platform

#ifndef KIOSK_ALLOCATOR_OWNED_BY_SANITIZER

using kiosk::platform::allocate;
using kiosk::platform::allocate_aligned;
using kiosk::platform::allocate_nothrow;
using kiosk::platform::wipe_and_free;

void* operator new(std::size_t size) {
  return allocate(size);
}
void* operator new[](std::size_t size) {
  return allocate(size);
}
void* operator new(std::size_t size, std::align_val_t al) {
  return allocate_aligned(size, al);
}
void* operator new[](std::size_t size, std::align_val_t al) {
  return allocate_aligned(size, al);
}
void* operator new(std::size_t size, const std::nothrow_t&) noexcept {
  return allocate_nothrow([&] { return allocate(size); });
}
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept {
  return allocate_nothrow([&] { return allocate(size); });
}
void* operator new(std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return allocate_nothrow([&] { return allocate_aligned(size, al); });
}
void* operator new[](std::size_t size, std::align_val_t al, const std::nothrow_t&) noexcept {
  return allocate_nothrow([&] { return allocate_aligned(size, al); });
}

void operator delete(void* p) noexcept {
  wipe_and_free(p);
}
void operator delete[](void* p) noexcept {
  wipe_and_free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  wipe_and_free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  wipe_and_free(p);
}
void operator delete(void* p, std::align_val_t) noexcept {
  wipe_and_free(p);
}
void operator delete[](void* p, std::align_val_t) noexcept {
  wipe_and_free(p);
}
void operator delete(void* p, std::size_t, std::align_val_t) noexcept {
  wipe_and_free(p);
}
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept {
  wipe_and_free(p);
}
void operator delete(void* p, const std::nothrow_t&) noexcept {
  wipe_and_free(p);
}
void operator delete[](void* p, const std::nothrow_t&) noexcept {
  wipe_and_free(p);
}
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  wipe_and_free(p);
}
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept {
  wipe_and_free(p);
}

#endif
