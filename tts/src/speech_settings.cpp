#include "tts/speech_settings.hpp"

#include <algorithm>
#include <cmath>

namespace tts {

bool SpeechSettings::set_rate_step(int step) {
  const int clamped = std::clamp(step, 0, static_cast<int>(kRateStepsWpm.size()) - 1);
  const bool changed = clamped != rate_step_;
  rate_step_ = clamped;
  return changed;
}

bool SpeechSettings::set_volume_step(int step) {
  const int clamped = std::clamp(step, 1, kVolumeSteps);
  const bool changed = clamped != volume_step_;
  volume_step_ = clamped;
  return changed;
}

double SpeechSettings::gain() const {
  // About 3 dB a step, full scale at the top step.
  return std::pow(10.0, -3.0 * (kVolumeSteps - volume_step_) / 20.0);
}

void SpeechSettings::set_profile(OutputProfile profile) {
  if (profile == profile_) return;
  profile_ = profile;
  volume_step_ = default_volume_step(profile);
}

void SpeechSettings::set_pitch(int pitch) {
  pitch_ = std::clamp(pitch, 0, 100);
}

void SpeechSettings::reset() {
  *this = SpeechSettings{};
}

}  // namespace tts
