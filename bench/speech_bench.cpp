// Speech figures: key press -> first synthesised sample in the ring, key press -> first
// sample pulled by the SDL audio callback (dummy driver), cancel -> silence, and the real-time
// factor of a 200-character paragraph. Prints `BENCH <name> <value> <unit>` lines.
#include <SDL.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "browse/builtin_pages.hpp"
#include "browse/page_loader.hpp"
#include "tts/audio_sink.hpp"
#include "tts/speech_engine.hpp"
#include "ui/layout.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

const char* const kShort[] = {"下一项", "上一项", "社保卡办理", "居住证签注", "第三项，共十二项",
                              "放大",   "缩小",   "换配色",     "返回",       "不动产登记查询"};

}  // namespace

int main() {
  setenv("SDL_AUDIODRIVER", "dummy", 1);
  auto created = tts::SpeechEngine::create();
  if (!created.engine) {
    std::fprintf(stderr, "speech bench: %s\n", created.error.c_str());
    return 1;
  }
  tts::SpeechEngine& e = *created.engine;
  auto sink = tts::open_sdl_sink(e.ring());
  if (!sink.sink) {
    std::fprintf(stderr, "speech bench: %s\n", sink.error.c_str());
    return 1;
  }

  // 1000 key presses, each interrupting the previous utterance as a citizen moving on would.
  std::vector<double> to_ring_ms;
  std::vector<double> to_callback_ms;
  std::vector<double> to_audible_ms;
  for (std::uint64_t i = 1; i <= 1000; ++i) {
    const std::int64_t pressed = now_ns();
    e.speak(tts::Utterance{tts::chinese_speech(kShort[i % 10]), tts::Priority::Interrupt, i});
    tts::SpeechEngine::FirstSample first;
    while ((first = e.first_sample()).utterance != i) std::this_thread::yield();
    to_ring_ms.push_back(static_cast<double>(first.steady_ns - pressed) / 1e6);
    // The moments are the device callback's own (the ring's log of its pulls), not when this
    // thread, sharing two cores with the speech thread, got round to looking.
    std::optional<std::int64_t> played;
    while (!(played = e.ring().played_at(first.stream_index))) std::this_thread::yield();
    to_callback_ms.push_back(static_cast<double>(*played - pressed) / 1e6);
    // The first sample a person hears (>= 1 % of full scale) pulled by the device.
    played.reset();
    while (!(first = e.first_sample()).audible_index ||
           !(played = e.ring().played_at(*first.audible_index))) {
      std::this_thread::yield();
    }
    to_audible_ms.push_back(static_cast<double>(*played - pressed) / 1e6);
    std::this_thread::sleep_for(std::chrono::milliseconds(3 + i % 7));
  }
  std::printf("BENCH speech_key_to_ring_p50 %.3f ms\n", percentile(to_ring_ms, 0.50));
  std::printf("BENCH speech_key_to_ring_p99 %.3f ms\n", percentile(to_ring_ms, 0.99));
  std::printf("BENCH speech_key_to_audio_callback_p50 %.3f ms\n", percentile(to_callback_ms, 0.50));
  std::printf("BENCH speech_key_to_audio_callback_p99 %.3f ms\n", percentile(to_callback_ms, 0.99));
  std::printf("BENCH speech_key_to_first_audible_sample_p50 %.3f ms\n",
              percentile(to_audible_ms, 0.50));
  std::printf("BENCH speech_key_to_first_audible_sample_p99 %.3f ms\n",
              percentile(to_audible_ms, 0.99));

  // Opening a 125 KB service page until its first word reaches the audio callback: parse,
  // tree, layout (shaping cold), then the title and first item spoken.
  {
    auto fonts = ui::FontCollection::load(ui::default_font_request());
    ui::TextLayouter layouter(*fonts.fonts);
    const std::string html = kiosk::long_service_guide_html(125 * 1024);
    std::vector<double> open_ms;
    for (std::uint64_t i = 0; i < 20; ++i) {
      layouter.clear_cache();
      const std::int64_t start = now_ns();
      const kiosk::LoadedPage page = kiosk::load_html(html, "bench");
      layouter.layout(page.document, ui::LayoutParams{});
      const std::uint64_t id = 7000 + i;
      e.speak(tts::Utterance{tts::chinese_speech(page.document.title + "。" +
                                                 page.document.blocks.front().plain_text()),
                             tts::Priority::Interrupt, id});
      tts::SpeechEngine::FirstSample first;
      while ((first = e.first_sample()).utterance != id) std::this_thread::yield();
      while (e.ring().consumed() <= first.stream_index) std::this_thread::yield();
      open_ms.push_back(static_cast<double>(now_ns() - start) / 1e6);
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
    }
    std::printf("BENCH page_open_to_first_word_p50 %.3f ms\n", percentile(open_ms, 0.50));
    std::printf("BENCH page_open_to_first_word_max %.3f ms\n", percentile(open_ms, 1.0));
  }

  // Cancel -> silence as a listener meets it: the wall-clock wait from cancel() until the audio
  // callback that applies the flush (up to one device period), plus the 5 ms fade that callback
  // ramps the old audio down with. The device clock alone cannot show the wait: it only moves
  // inside callbacks.
  std::vector<double> cancel_ms;
  const double fade_ms = static_cast<double>(e.ring().fade_samples()) * 1000.0 /
                         static_cast<double>(e.ring().sample_rate());
  for (int i = 0; i < 50; ++i) {
    e.speak(tts::Utterance{tts::chinese_speech("欢迎使用政务服务自助终端，请把身份证放在读卡区。"),
                           tts::Priority::Interrupt, 5000u + static_cast<unsigned>(i)});
    std::this_thread::sleep_for(std::chrono::milliseconds(150 + i % 7));
    const auto flushes = e.ring().flushes_done();
    const std::int64_t asked = now_ns();
    e.cancel();
    while (e.ring().flushes_done() == flushes) std::this_thread::yield();
    cancel_ms.push_back(static_cast<double>(now_ns() - asked) / 1e6 + fade_ms);
  }
  std::printf("BENCH speech_cancel_to_silence_p50 %.2f ms\n", percentile(cancel_ms, 0.50));
  std::printf("BENCH speech_cancel_to_silence_max %.2f ms\n", percentile(cancel_ms, 1.0));
  sink.sink.reset();

  // Real-time factor: synthesis time / audio time for a 200-character paragraph, with a
  // consumer that takes audio as fast as it comes.
  std::string paragraph;
  while (paragraph.size() < 200 * 3) {
    paragraph += "办理社保卡需要本人到场，携带身份证原件。如委托他人办理，还需提供委托书。";
  }
  auto drain = tts::open_wav_sink(e.ring(), "/dev/null", tts::Pacing::Drain);
  const auto before = e.ring().written();
  const auto t0 = Clock::now();
  e.speak(tts::Utterance{tts::chinese_speech(paragraph), tts::Priority::Interrupt, 9000});
  e.wait_idle();
  const double synth_s = std::chrono::duration<double>(Clock::now() - t0).count();
  const double audio_s = static_cast<double>(e.ring().written() - before) / 22050;
  std::printf("BENCH speech_real_time_factor_200_chars %.4f ratio\n", synth_s / audio_s);
  return 0;
}
