// Only in the sanitizer build (CI's `make test-asan`): librime keeps allocations for the whole
// process (its module registry, schema caches) that LeakSanitizer reports at exit. The
// suppression matches stacks that pass through librime only: every other leak is still reported.
// The kiosk installs librime without its Recommends (the lua, octagram and charcode plugins,
// whose allocations would show with unknown frames once rime unloads them). Linked into kioskd
// and the test binaries that load rime.
#if defined(__SANITIZE_ADDRESS__)
#define KIOSK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KIOSK_ASAN 1
#endif
#endif

#ifdef KIOSK_ASAN
extern "C" const char* __lsan_default_suppressions() {
  return "leak:librime.so\n";
}
#endif
