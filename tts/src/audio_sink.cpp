#include "tts/audio_sink.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <vector>

namespace tts {
namespace {

class SdlSink final : public AudioSink {
 public:
  explicit SdlSink(AudioRing& ring) : ring_(ring) {}
  ~SdlSink() override {
    if (device_ != 0) SDL_CloseAudioDevice(device_);
    if (initialised_) SDL_QuitSubSystem(SDL_INIT_AUDIO);
  }
  std::string describe() const override { return description_; }

  std::string open(const char* device_name) {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) return std::string("SDL audio: ") + SDL_GetError();
    initialised_ = true;
    SDL_AudioSpec want{};
    want.freq = ring_.sample_rate();
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = kPeriodSamples;
    want.callback = &SdlSink::callback;
    want.userdata = this;
    SDL_AudioSpec have{};
    device_ = SDL_OpenAudioDevice(device_name, 0, &want, &have, 0);
    if (device_ == 0) return std::string("cannot open audio device: ") + SDL_GetError();
    description_ = std::string("SDL audio (") + SDL_GetCurrentAudioDriver() + ", " +
                   std::to_string(have.samples) + "-sample periods)";
    SDL_PauseAudioDevice(device_, 0);  // runs for the sink's lifetime, silence when idle
    return {};
  }

 private:
  static void callback(void* user, Uint8* stream, int bytes) {
    auto* self = static_cast<SdlSink*>(user);
    self->ring_.pull(reinterpret_cast<std::int16_t*>(stream), static_cast<std::size_t>(bytes) / 2);
  }
  AudioRing& ring_;
  SDL_AudioDeviceID device_ = 0;
  bool initialised_ = false;
  std::string description_;
};

void put_le(std::FILE* f, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) std::fputc(static_cast<int>((v >> (8 * i)) & 0xFF), f);
}

class WavSink final : public AudioSink {
 public:
  WavSink(AudioRing& ring, std::FILE* file, std::string path, Pacing pacing)
      : ring_(ring), file_(file), path_(std::move(path)), pacing_(pacing) {
    write_header(0);
    thread_ = std::thread([this] { run(); });
  }
  ~WavSink() override {
    stop_.store(true);
    thread_.join();
    std::fflush(file_);
    std::fseek(file_, 0, SEEK_SET);
    write_header(samples_written_);
    std::fclose(file_);
  }
  std::string describe() const override { return "WAV file " + path_; }

 private:
  void write_header(std::uint64_t samples) {
    const auto data_bytes = static_cast<std::uint32_t>(samples * 2);
    std::fwrite("RIFF", 1, 4, file_);
    put_le(file_, 36 + data_bytes, 4);
    std::fwrite("WAVEfmt ", 1, 8, file_);
    put_le(file_, 16, 4);
    put_le(file_, 1, 2);  // PCM
    put_le(file_, 1, 2);  // mono
    put_le(file_, static_cast<std::uint32_t>(ring_.sample_rate()), 4);
    put_le(file_, static_cast<std::uint32_t>(ring_.sample_rate()) * 2, 4);
    put_le(file_, 2, 2);
    put_le(file_, 16, 2);
    std::fwrite("data", 1, 4, file_);
    put_le(file_, data_bytes, 4);
  }

  void run() {
    std::vector<std::int16_t> period(kPeriodSamples);
    const auto period_time =
        std::chrono::duration<double>(static_cast<double>(kPeriodSamples) / ring_.sample_rate());
    auto next = std::chrono::steady_clock::now();
    while (!stop_.load()) {
      if (pacing_ == Pacing::RealTime) {
        next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period_time);
        std::this_thread::sleep_until(next);
        ring_.pull(period.data(), period.size());
        std::fwrite(period.data(), 2, period.size(), file_);
        samples_written_ += period.size();
      } else {
        const std::size_t audio = ring_.pull(period.data(), period.size());
        std::fwrite(period.data(), 2, audio, file_);
        samples_written_ += audio;
        if (audio == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
    // Drain mode: what is still queued belongs in the file.
    if (pacing_ == Pacing::Drain) {
      while (std::size_t audio = ring_.pull(period.data(), period.size())) {
        std::fwrite(period.data(), 2, audio, file_);
        samples_written_ += audio;
      }
    }
  }

  AudioRing& ring_;
  std::FILE* file_;
  std::string path_;
  Pacing pacing_;
  std::atomic<bool> stop_{false};
  std::uint64_t samples_written_ = 0;
  std::thread thread_;
};

}  // namespace

SinkOpenResult open_sdl_sink(AudioRing& ring, const char* device_name) {
  auto sink = std::make_unique<SdlSink>(ring);
  if (std::string error = sink->open(device_name); !error.empty()) return {nullptr, error};
  return {std::move(sink), {}};
}

SinkOpenResult open_wav_sink(AudioRing& ring, const std::string& path, Pacing pacing) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return {nullptr, "cannot write " + path + ": " + std::strerror(errno)};
  return {std::make_unique<WavSink>(ring, f, path, pacing), {}};
}

}  // namespace tts
