#include "alsa_quiet.hpp"

#include <dlfcn.h>

namespace tts {
namespace {

// alsa-lib's snd_lib_error_handler_t; declared here because the kiosk does not link alsa-lib
// (SDL chooses the audio backend at run time).
using AlsaErrorHandler = void (*)(const char* file, int line, const char* function, int err,
                                  const char* fmt, ...);
using SetAlsaErrorHandler = int (*)(AlsaErrorHandler);

void ignore_alsa_error(const char*, int, const char*, int, const char*, ...) {}

}  // namespace

void quiet_alsa_diagnostics() {
  // Kept loaded for the process's life: SDL's ALSA backend shares this instance.
  void* alsa = dlopen("libasound.so.2", RTLD_LAZY | RTLD_LOCAL);
  if (alsa == nullptr) return;
  if (auto set = reinterpret_cast<SetAlsaErrorHandler>(dlsym(alsa, "snd_lib_error_set_handler"))) {
    set(&ignore_alsa_error);
  }
}

}  // namespace tts
