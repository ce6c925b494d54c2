// User speech settings: rate and volume in steps, two volume profiles (private headphone
// listening and the speaker), and the reset to defaults at session end (Section 508 402.3.2).
#pragma once

#include <array>

namespace tts {

inline constexpr std::array<int, 7> kRateStepsWpm{80, 130, 175, 230, 290, 360, 450};
inline constexpr int kDefaultRateStep = 3;  // 230 wpm: Chinese listeners expect faster than 175

enum class OutputProfile { Speaker, Headphone };

class SpeechSettings {
 public:
  static constexpr int kVolumeSteps = 10;  // 1 .. 10

  int rate_wpm() const { return kRateStepsWpm[static_cast<std::size_t>(rate_step_)]; }
  int rate_step() const { return rate_step_; }
  bool faster() { return set_rate_step(rate_step_ + 1); }
  bool slower() { return set_rate_step(rate_step_ - 1); }
  bool set_rate_step(int step);

  int volume_step() const { return volume_step_; }
  double gain() const;  // linear, applied to samples
  bool louder() { return set_volume_step(volume_step_ + 1); }
  bool quieter() { return set_volume_step(volume_step_ - 1); }
  bool set_volume_step(int step);

  OutputProfile profile() const { return profile_; }
  // Plugging headphones in switches to private listening at its own default volume.
  void set_profile(OutputProfile profile);

  int pitch() const { return pitch_; }  // eSpeak 0..100
  void set_pitch(int pitch);

  // End of a citizen's session: the next citizen starts from the defaults.
  void reset();

  static int default_volume_step(OutputProfile p) { return p == OutputProfile::Speaker ? 7 : 5; }

 private:
  int rate_step_ = kDefaultRateStep;
  OutputProfile profile_ = OutputProfile::Speaker;
  int volume_step_ = default_volume_step(OutputProfile::Speaker);
  int pitch_ = 50;
};

}  // namespace tts
