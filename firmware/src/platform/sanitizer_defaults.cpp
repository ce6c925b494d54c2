// Only in the sanitizer build (CI's `make test-asan`): librime keeps allocations for the whole
// process in its plugin modules and unloads those modules at exit, so LeakSanitizer would report
// them with unknown frames and no way to tell them from ours. A full unwind at each malloc puts
// librime's own frames in those stacks, and the suppression then matches exactly them: every
// other leak is still reported. Linked into kioskd and the test binaries that load rime.
#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_ASAN 1
#endif
#endif

#ifdef KIOSK_ASAN
extern "C" const char* __asan_default_options() {
  return "fast_unwind_on_malloc=0";
}
extern "C" const char* __lsan_default_suppressions() {
  return "leak:librime.so\n";
}
#endif
