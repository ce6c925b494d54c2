// The platform glue kioskd's two screens share (the kiosk, and the 暂停服务 maintenance screen):
// opening the voice as the options and the board say, and saving a frame as a PNG. Each screen
// keeps its own log and decides its own health from what is returned.
#pragma once

#include <SDL.h>

#include <functional>
#include <memory>
#include <string>

#include "board/profile.hpp"
#include "kiosk/result.hpp"
#include "kiosk/runtime_paths.hpp"
#include "options.hpp"
#include "speech/speaker.hpp"

namespace kiosk {

using LogLine = std::function<void(const std::string&)>;

struct OpenedVoice {
  std::unique_ptr<Speaker> speaker;  // never null: a NullSpeaker without speech
  bool speech_on = false;            // eSpeak NG started (false: --no-speech, or it failed)
  bool into_fallback = false;        // it speaks into a file: there is no audio device
};

// eSpeak NG (--wav, else the board's outputs, else a fallback file in --out), or silence; behind
// the --utterance-log writer when one is asked for. An error only when that log cannot be
// opened (a usage error: exit code 1).
Result<OpenedVoice> open_voice(const Options& opt, const board::AudioProfile& audio,
                               const LogLine& log);

// The renderer's current frame as a PNG at `path` (its folder made first); a failure is logged.
void save_frame(SDL_Renderer* renderer, const std::string& path, const LogLine& log);

// The technician's screenshot (SIGUSR1, `kioskctl screenshot`): the current frame written
// beside and renamed into the runtime directory, so a reader never copies half a PNG.
void save_screenshot(SDL_Renderer* renderer, const RuntimePaths& runtime, const LogLine& log);

}  // namespace kiosk
