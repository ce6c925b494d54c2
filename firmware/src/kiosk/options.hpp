// kioskd's command line: what board, what screen, where frames and speech go, and an optional
// script of steps (--keys) for tests, demos and benchmarks. The usage text lists the commands
// from the command table.
#pragma once

#include <string>
#include <variant>
#include <vector>

#include "board/profile.hpp"
#include "input/command.hpp"
#include "kiosk/result.hpp"

namespace kiosk {

struct TypeText {  // --keys type:SH2026
  std::string text;
};
struct WaitForCard {};  // --keys wait-card: until the readers report something (5 s at most)
struct WaitForPage {};  // --keys wait-page: until no page is loading (15 s at most)
using ScriptStep = std::variant<Command, TypeText, WaitForCard, WaitForPage>;

struct Options {
  std::string board = board::default_board();
  std::string video;  // overrides the profile's [display] video
  std::string out_dir = "out";
  std::string page;  // empty: the board's home page
  std::string scheme;
  int zoom_percent = 0;
  std::vector<ScriptStep> script;
  long frames = -1;        // exit after this many frames; -1 runs until quit
  std::string screenshot;  // written before exit
  bool print_rss = false;
  bool speech = true;
  std::string wav;            // speak into this WAV file instead of the audio device
  std::string utterance_log;  // also write every utterance (reason, kind, text) here
  std::string health_file;    // see kiosk/runtime_paths.hpp
  bool help = false;
};

Result<Options> parse_options(int argc, char** argv);
// What a script types (type:TEXT) stands for what a citizen types: a phone number, a name. Once
// it is no longer needed, forget_typed_text wipes it from `options`, and hide_typed_text
// overwrites it with '*' in argv, which would otherwise keep it on the stack for the whole run
// (and show it in /proc/PID/cmdline).
void forget_typed_text(Options& options);
void hide_typed_text(int argc, char** argv);
std::string usage();

}  // namespace kiosk
