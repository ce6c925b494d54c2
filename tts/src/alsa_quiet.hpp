// alsa-lib prints every configuration failure (no sound card, a missing PCM) straight to
// stderr, a dozen lines per attempt, before the kiosk can say in one line what it does about
// it (speech goes to the fallback file, the health report says audio is down).
#pragma once

namespace tts {

// Silences alsa-lib's own diagnostics for this process, if alsa-lib is there (SDL loads the same
// library with dlopen, so the handler reaches it). Safe to call more than once.
void quiet_alsa_diagnostics();

}  // namespace tts
