#include "tts/speech_engine.hpp"

#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "tts/earcons.hpp"

namespace tts {
namespace {

std::atomic<bool> g_engine_exists{false};  // eSpeak NG holds global state: one engine only

struct WordMark {
  std::uint64_t stream_index;  // ring position of the word's first sample
  std::uint64_t utterance;
  std::size_t segment;
  std::size_t char_offset;
};

}  // namespace

struct SpeechEngine::Impl {
  std::unique_ptr<AudioRing> ring;
  LibraryVersion version;

  mutable std::mutex mutex;
  std::condition_variable wake;
  std::condition_variable idle_cv;
  std::deque<Utterance> queue;
  bool busy = false;
  bool stop = false;
  SpeechSettings settings;
  std::deque<WordMark> marks;  // recent word positions, for progress()

  std::atomic<std::uint64_t> epoch{0};
  std::thread thread;
  bool first_sample_pending = false;
  bool utterance_words = false;  // the utterance being synthesised starts with words
  bool audible_pending = false;  // the utterance has not reached an audible sample yet
  std::deque<SpeechEngine::FirstSample> first_samples;  // the latest 16; guarded by mutex

  // State of the segment being synthesised (speech thread only).
  std::uint64_t synth_epoch = 0;
  std::uint64_t segment_start = 0;
  std::uint64_t utterance_id = 0;
  std::size_t segment_index = 0;
  std::size_t segment_chars = 0;
  std::size_t last_char = 0;
  double gain = 1.0;
  // eSpeak starts each utterance with 0-70 ms of near silence: a person waits for it after
  // every key. Until the utterance's first audible sample, a text segment's quiet samples are
  // dropped (all but a short lead-in); word marks move back by what was dropped.
  bool trim_leading = false;
  std::uint64_t dropped_in_segment = 0;
  static constexpr std::size_t kLeadIn = 44;  // 2 ms at 22050 Hz: the onset, never a click
  Voice current_voice = Voice::English;
  bool voice_set = false;
  std::vector<std::int16_t> scratch;

  // Writes samples, waiting for room; false when the utterance was cancelled meanwhile.
  bool push(const std::int16_t* samples, std::size_t n) {
    scratch.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const double v = samples[i] * gain;
      scratch[i] = static_cast<std::int16_t>(std::clamp(v, -32768.0, 32767.0));
    }
    std::size_t from = 0;
    if (trim_leading && audible_pending) {
      const auto loud = std::find_if(scratch.begin(), scratch.end(), [](std::int16_t v) {
        return std::abs(static_cast<int>(v)) >= SpeechEngine::kAudibleThreshold;
      });
      const auto quiet = static_cast<std::size_t>(loud - scratch.begin());
      from = loud == scratch.end() ? n : quiet - std::min(quiet, kLeadIn);
      dropped_in_segment += from;
      if (from == n) return epoch.load(std::memory_order_acquire) == synth_epoch;
      scratch.erase(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(from));
      n -= from;
    }
    if (first_sample_pending && n > 0) {
      first_sample_pending = false;
      const auto now = std::chrono::steady_clock::now().time_since_epoch();
      std::lock_guard lock(mutex);
      first_samples.push_back({utterance_id,
                               std::chrono::duration_cast<std::chrono::nanoseconds>(now).count(),
                               ring->written(), std::nullopt, utterance_words});
      if (first_samples.size() > 16) first_samples.pop_front();
    }
    if (audible_pending) {
      const auto loud = std::find_if(scratch.begin(), scratch.end(), [](std::int16_t v) {
        return std::abs(static_cast<int>(v)) >= SpeechEngine::kAudibleThreshold;
      });
      if (loud != scratch.end()) {
        audible_pending = false;
        std::lock_guard lock(mutex);
        if (!first_samples.empty() && first_samples.back().utterance == utterance_id) {
          first_samples.back().audible_index =
              ring->written() + static_cast<std::uint64_t>(loud - scratch.begin());
        }
      }
    }
    std::size_t done = 0;
    while (done < n) {
      if (epoch.load(std::memory_order_acquire) != synth_epoch || stop_requested()) return false;
      done += ring->write(scratch.data() + done, n - done);
      if (done < n) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return true;
  }
  bool push_silence(int ms) {
    const std::vector<std::int16_t> zeros(
        static_cast<std::size_t>(ring->sample_rate() * ms / 1000));
    return push(zeros.data(), zeros.size());
  }
  bool stop_requested() {
    std::lock_guard lock(mutex);
    return stop;
  }

  static int synth_callback(short* wav, int count, espeak_EVENT* events) {
    auto* self = static_cast<Impl*>(events->user_data);
    for (espeak_EVENT* e = events; e->type != espeakEVENT_LIST_TERMINATED; ++e) {
      if (e->type != espeakEVENT_WORD) continue;
      // eSpeak 1.51 reports 1-based character offsets that may jump backwards: clamp them
      // into the segment and never let the highlight move back within a segment.
      std::size_t offset =
          e->text_position > 0 ? static_cast<std::size_t>(e->text_position - 1) : 0;
      offset = std::min(offset, self->segment_chars);
      if (offset < self->last_char) continue;
      self->last_char = offset;
      std::lock_guard lock(self->mutex);
      const auto sample = static_cast<std::uint64_t>(e->sample);
      const std::uint64_t kept =
          sample > self->dropped_in_segment ? sample - self->dropped_in_segment : 0;
      self->marks.push_back(
          {self->segment_start + kept, self->utterance_id, self->segment_index, offset});
      if (self->marks.size() > 512) self->marks.pop_front();
    }
    if (wav == nullptr || count <= 0) return 0;
    return self->push(reinterpret_cast<const std::int16_t*>(wav), static_cast<std::size_t>(count))
               ? 0
               : 1;
  }

  void select_voice(Voice voice) {
    if (voice_set && voice == current_voice) return;
    espeak_SetVoiceByName(espeak_voice_name(voice, version).c_str());
    current_voice = voice;
    voice_set = true;
  }

  static std::size_t count_code_points(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  }

  void speak_utterance(const Utterance& u, const SpeechSettings& s) {
    utterance_id = u.id;
    first_sample_pending = true;
    utterance_words =
        !u.segments.empty() && !u.segments.front().pcm && u.segments.front().earcon == Earcon::None;
    audible_pending = true;
    for (std::size_t i = 0; i < u.segments.size(); ++i) {
      const SpeechSegment& seg = u.segments[i];
      if (epoch.load() != synth_epoch) return;
      segment_index = i;
      segment_start = ring->written();
      dropped_in_segment = 0;
      trim_leading = seg.text.size() > 0 && !seg.pcm && seg.earcon == Earcon::None;
      gain = s.gain();
      if (seg.pcm) {
        if (!push(seg.pcm->data(), seg.pcm->size())) return;
      } else if (seg.earcon != Earcon::None) {
        const auto tone = render_earcon(seg.earcon, ring->sample_rate());
        if (!push(tone.data(), tone.size())) return;
      } else if (!seg.text.empty()) {
        select_voice(seg.voice);
        espeak_SetParameter(espeakRATE, std::clamp(s.rate_wpm() * seg.rate_percent / 100, 80, 450),
                            0);
        espeak_SetParameter(espeakPITCH, s.pitch(), 0);
        segment_chars = count_code_points(seg.text);
        last_char = 0;
        unsigned int uid = 0;
        espeak_Synth(seg.text.c_str(), seg.text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                     &uid, this);
      }
      if (seg.pause_after_ms > 0 && !push_silence(seg.pause_after_ms)) return;
    }
  }

  void run(std::promise<std::string>& started) {
    espeak_ng_InitializePath(nullptr);
    espeak_ng_ERROR_CONTEXT context = nullptr;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status == ENS_OK)
      status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 10, nullptr);
    if (status != ENS_OK) {
      char message[512] = {};
      espeak_ng_GetStatusCodeMessage(status, message, sizeof message);
      espeak_ng_ClearErrorContext(&context);
      started.set_value(std::string("eSpeak NG failed to start: ") + message +
                        " (is the espeak-ng-data package installed?)");
      return;
    }
    espeak_SetSynthCallback(&Impl::synth_callback);
    parse_espeak_version(espeak_Info(nullptr), version);
    ring = std::make_unique<AudioRing>(
        static_cast<std::size_t>(espeak_ng_GetSampleRate() * ring_seconds),
        espeak_ng_GetSampleRate());
    select_voice(Voice::Mandarin);  // the first load reads the dictionary: do it now, not on a key
    started.set_value({});

    std::uint64_t flushed_epoch = epoch.load();
    while (true) {
      Utterance next;
      SpeechSettings s;
      {
        std::unique_lock lock(mutex);
        busy = false;
        idle_cv.notify_all();
        // Queued speech is synthesised only when the audio before it has nearly played out,
        // so an alert or a key press can still be placed in front of it.
        const std::uint64_t low_water = static_cast<std::uint64_t>(ring->sample_rate() / 8);
        auto backlog_small = [&] { return ring->backlog() < low_water; };
        while (!(stop || epoch.load() != flushed_epoch || (!queue.empty() && backlog_small()))) {
          if (queue.empty()) {
            wake.wait(lock);
          } else {
            wake.wait_for(lock, std::chrono::milliseconds(5));
          }
        }
        if (stop) break;
        // A cancel since the last utterance: drop the audio still queued for the device.
        synth_epoch = epoch.load();
        if (synth_epoch != flushed_epoch) {
          ring->request_flush();
          flushed_epoch = synth_epoch;
        }
        if (queue.empty()) continue;
        next = std::move(queue.front());
        queue.pop_front();
        busy = true;
        s = settings;
      }
      speak_utterance(next, s);
      // Back to the primary voice while idle, so the next key press does not wait for it.
      if (epoch.load() == synth_epoch) select_voice(Voice::Mandarin);
    }
    espeak_Terminate();
  }

  double ring_seconds = 2.0;
};

EngineCreateResult SpeechEngine::create(double ring_seconds) {
  if (g_engine_exists.exchange(true)) {
    return {nullptr, "a speech engine already exists in this process (eSpeak NG allows one)"};
  }
  auto impl = std::make_unique<Impl>();
  impl->ring_seconds = ring_seconds;
  std::promise<std::string> started;
  auto result = started.get_future();
  Impl* raw = impl.get();
  impl->thread = std::thread([raw, &started] { raw->run(started); });
  if (std::string error = result.get(); !error.empty()) {
    impl->thread.join();
    g_engine_exists = false;
    return {nullptr, error};
  }
  return {std::unique_ptr<SpeechEngine>(new SpeechEngine(std::move(impl))), {}};
}

SpeechEngine::SpeechEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SpeechEngine::~SpeechEngine() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stop = true;
    impl_->queue.clear();
  }
  impl_->epoch.fetch_add(1);
  impl_->wake.notify_all();
  impl_->thread.join();
  g_engine_exists = false;
}

AudioRing& SpeechEngine::ring() {
  return *impl_->ring;
}

void SpeechEngine::speak(Utterance u) {
  {
    std::lock_guard lock(impl_->mutex);
    switch (u.priority) {
      case Priority::Interrupt:
        impl_->queue.clear();
        impl_->epoch.fetch_add(1, std::memory_order_release);
        impl_->ring->request_flush();  // silence at the device's next pull, not later
        impl_->queue.push_back(std::move(u));
        break;
      case Priority::Queue:
        impl_->queue.push_back(std::move(u));
        break;
      case Priority::AlertAfter:
        impl_->queue.push_front(std::move(u));
        break;
      case Priority::AlertNow:
        impl_->epoch.fetch_add(1, std::memory_order_release);
        impl_->ring->request_flush();
        impl_->queue.push_front(std::move(u));
        break;
    }
  }
  impl_->wake.notify_one();
}

void SpeechEngine::cancel() {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->queue.clear();
    impl_->epoch.fetch_add(1, std::memory_order_release);
    impl_->ring->request_flush();
  }
  impl_->wake.notify_one();
}

bool SpeechEngine::idle() const {
  std::lock_guard lock(impl_->mutex);
  return !impl_->busy && impl_->queue.empty();
}

void SpeechEngine::wait_idle() {
  std::unique_lock lock(impl_->mutex);
  impl_->idle_cv.wait(lock, [&] { return !impl_->busy && impl_->queue.empty(); });
}

SpeechProgress SpeechEngine::progress() const {
  const std::uint64_t heard = impl_->ring->consumed();
  std::lock_guard lock(impl_->mutex);
  SpeechProgress p;
  for (const WordMark& m : impl_->marks) {
    if (m.stream_index > heard) break;
    p = {m.utterance, m.segment, m.char_offset};
  }
  return p;
}

std::optional<std::chrono::milliseconds> SpeechEngine::time_until_heard(
    std::uint64_t utterance) const {
  const std::uint64_t heard = impl_->ring->consumed();
  std::lock_guard lock(impl_->mutex);
  for (const WordMark& m : impl_->marks) {
    if (m.utterance != utterance) continue;
    if (m.stream_index <= heard) return std::nullopt;
    return std::chrono::milliseconds((m.stream_index - heard) * 1000 /
                                     static_cast<std::uint64_t>(impl_->ring->sample_rate()));
  }
  return std::nullopt;
}

SpeechSettings SpeechEngine::settings() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->settings;
}

void SpeechEngine::set_settings(const SpeechSettings& s) {
  std::lock_guard lock(impl_->mutex);
  impl_->settings = s;
}

SpeechEngine::FirstSample SpeechEngine::first_sample() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->first_samples.empty() ? FirstSample{} : impl_->first_samples.back();
}

std::vector<SpeechEngine::FirstSample> SpeechEngine::recent_first_samples() const {
  std::lock_guard lock(impl_->mutex);
  return {impl_->first_samples.begin(), impl_->first_samples.end()};
}

std::optional<std::int64_t> SpeechEngine::first_heard_after(std::int64_t steady_ns,
                                                            bool words_only) const {
  std::optional<std::int64_t> heard;
  for (const FirstSample& first : recent_first_samples()) {
    if (first.steady_ns < steady_ns || !first.audible_index) continue;
    if (words_only && !first.words) continue;
    const auto played = impl_->ring->played_at(*first.audible_index);
    if (played && (!heard || *played < *heard)) heard = played;
  }
  return heard;
}

LibraryVersion SpeechEngine::library_version() const {
  return impl_->version;
}

std::string SpeechEngine::voice_name(Voice voice) const {
  return espeak_voice_name(voice, impl_->version);
}

}  // namespace tts
