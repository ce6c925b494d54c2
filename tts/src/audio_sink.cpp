#include "tts/audio_sink.hpp"

#include "alsa_quiet.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
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
    quiet_alsa_diagnostics();  // the caller reports a failure in one line
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

void put_le(std::uint8_t* at, std::uint32_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) at[i] = static_cast<std::uint8_t>((v >> (8 * i)) & 0xFF);
}

// One period of wall time per period of audio, from `next` on.
void sleep_one_period(std::chrono::steady_clock::time_point& next, int sample_rate) {
  const auto period_time =
      std::chrono::duration<double>(static_cast<double>(kPeriodSamples) / sample_rate);
  next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period_time);
  std::this_thread::sleep_until(next);
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
    const auto header = wav_header(samples, ring_.sample_rate());
    std::fwrite(header.data(), 1, header.size(), file_);
  }

  void run() {
    std::vector<std::int16_t> period(kPeriodSamples);
    auto next = std::chrono::steady_clock::now();
    while (!stop_.load()) {
      if (pacing_ == Pacing::RealTime) {
        sleep_one_period(next, ring_.sample_rate());
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

bool pwrite_all(int fd, const void* data, std::size_t size, off_t at) {
  const auto* p = static_cast<const std::uint8_t*>(data);
  while (size > 0) {
    const ssize_t n = pwrite(fd, p, size, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
    at += n;
  }
  return true;
}

bool pread_all(int fd, void* data, std::size_t size, off_t at) {
  auto* p = static_cast<std::uint8_t*>(data);
  while (size > 0) {
    const ssize_t n = pread(fd, p, size, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    p += n;
    size -= static_cast<std::size_t>(n);
    at += n;
  }
  return true;
}

// The fallback: real-time pacing into a file that holds at most `capacity` samples, the most
// recent ones, with a header that is right after every period; wiped and deleted at the end.
class BoundedWavSink final : public AudioSink {
 public:
  BoundedWavSink(AudioRing& ring, int fd, std::string path, std::uint64_t capacity)
      : ring_(ring), fd_(fd), path_(std::move(path)), capacity_(capacity) {
    update_header();
    thread_ = std::thread([this] { run(); });
  }
  ~BoundedWavSink() override {
    stop_.store(true);
    thread_.join();
    // What was said goes: zeros over the file (so no copy is left in the blocks it used), then
    // the name.
    const std::vector<std::uint8_t> zeros(64 * 1024, 0);
    const off_t size = lseek(fd_, 0, SEEK_END);
    for (off_t at = 0; at < size; at += static_cast<off_t>(zeros.size())) {
      pwrite_all(fd_, zeros.data(), std::min<std::size_t>(zeros.size(), size - at), at);
    }
    fdatasync(fd_);
    close(fd_);
    unlink(path_.c_str());
  }
  std::string describe() const override {
    return "WAV file " + path_ + " (last " +
           std::to_string(capacity_ * 1000 / static_cast<std::uint64_t>(ring_.sample_rate())) +
           " ms, deleted at exit)";
  }

 private:
  static constexpr off_t kDataAt = 44;

  void update_header() {
    const auto header = wav_header(samples_, ring_.sample_rate());
    pwrite_all(fd_, header.data(), header.size(), 0);
  }

  // Drops the oldest quarter: the newest 3/4 of `capacity_` move to the front.
  void drop_oldest() {
    const std::uint64_t keep = capacity_ - capacity_ / 4;
    if (samples_ <= keep) return;
    std::vector<std::uint8_t> newest(keep * 2);
    const off_t from = kDataAt + static_cast<off_t>((samples_ - keep) * 2);
    if (!pread_all(fd_, newest.data(), newest.size(), from)) return;
    if (!pwrite_all(fd_, newest.data(), newest.size(), kDataAt)) return;
    samples_ = keep;
    update_header();
    if (ftruncate(fd_, kDataAt + static_cast<off_t>(samples_ * 2)) != 0) return;
  }

  void append(const std::int16_t* samples, std::size_t count) {
    if (samples_ + count > capacity_) drop_oldest();
    if (samples_ + count > capacity_) return;  // the file cannot be trimmed: nothing more
    if (!pwrite_all(fd_, samples, count * 2, kDataAt + static_cast<off_t>(samples_ * 2))) return;
    samples_ += count;
    update_header();
  }

  void run() {
    std::vector<std::int16_t> period(kPeriodSamples);
    auto next = std::chrono::steady_clock::now();
    while (!stop_.load()) {
      sleep_one_period(next, ring_.sample_rate());
      ring_.pull(period.data(), period.size());
      append(period.data(), period.size());
    }
  }

  AudioRing& ring_;
  int fd_;
  std::string path_;
  std::uint64_t capacity_;
  std::uint64_t samples_ = 0;  // in the file, after the header
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace

std::array<std::uint8_t, 44> wav_header(std::uint64_t samples, int sample_rate) {
  // The largest even data size whose RIFF size (data + 36) still fits in 32 bits.
  constexpr std::uint64_t kMaxData = (0xFFFFFFFFull - 36) & ~std::uint64_t{1};
  const auto data_bytes = static_cast<std::uint32_t>(std::min(samples * 2, kMaxData));
  const auto rate = static_cast<std::uint32_t>(sample_rate);
  std::array<std::uint8_t, 44> h{};
  std::memcpy(h.data(), "RIFF", 4);
  put_le(h.data() + 4, 36 + data_bytes, 4);
  std::memcpy(h.data() + 8, "WAVEfmt ", 8);
  put_le(h.data() + 16, 16, 4);
  put_le(h.data() + 20, 1, 2);  // PCM
  put_le(h.data() + 22, 1, 2);  // mono
  put_le(h.data() + 24, rate, 4);
  put_le(h.data() + 28, rate * 2, 4);
  put_le(h.data() + 32, 2, 2);
  put_le(h.data() + 34, 16, 2);
  std::memcpy(h.data() + 36, "data", 4);
  put_le(h.data() + 40, data_bytes, 4);
  return h;
}

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

SinkOpenResult open_fallback_wav_sink(AudioRing& ring, const std::string& path,
                                      std::chrono::milliseconds keep) {
  const int fd =
      open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
  if (fd < 0) return {nullptr, "cannot write " + path + ": " + std::strerror(errno)};
  // Owner only, also when the file was there before with other rights.
  fchmod(fd, S_IRUSR | S_IWUSR);
  const auto samples = static_cast<std::uint64_t>(std::max<std::int64_t>(keep.count(), 0)) *
                       static_cast<std::uint64_t>(ring.sample_rate()) / 1000;
  // At least four periods, so dropping a quarter always makes room for the next one.
  const std::uint64_t capacity = std::max<std::uint64_t>(samples, 4 * kPeriodSamples);
  return {std::make_unique<BoundedWavSink>(ring, fd, path, capacity), {}};
}

}  // namespace tts
