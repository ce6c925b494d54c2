#include "tts/wav_decode.hpp"

#include <algorithm>

namespace tts {
namespace {

std::uint32_t le32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24;
}

std::uint16_t le16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                    static_cast<unsigned char>(b[at + 1]) << 8);
}

struct Format {
  std::uint16_t tag = 0;
  std::uint16_t channels = 0;
  std::uint32_t rate = 0;
  std::uint16_t block_align = 0;
  std::uint16_t bits = 0;
};

bool fail(std::string& error, std::string why) {
  error = std::move(why);
  return false;
}

// One frame (all channels) mixed down to a signed 16-bit mono sample.
std::int32_t mono_sample(std::string_view data, std::size_t frame, const Format& f) {
  const std::size_t at = frame * f.block_align;
  std::int32_t sum = 0;
  for (std::size_t c = 0; c < f.channels; ++c) {
    if (f.bits == 8) {
      sum += (static_cast<std::int32_t>(static_cast<unsigned char>(data[at + c])) - 128) * 256;
    } else {
      sum += static_cast<std::int16_t>(le16(data, at + 2 * c));
    }
  }
  return sum / static_cast<std::int32_t>(f.channels);
}

}  // namespace

bool decode_wav(std::string_view bytes, int sample_rate, std::vector<std::int16_t>& out,
                std::string& error, const WavLimits& limits) {
  out.clear();
  if (sample_rate < limits.min_rate || sample_rate > limits.max_rate) {
    return fail(error, "output rate " + std::to_string(sample_rate) + " Hz is not supported");
  }
  if (bytes.size() > limits.max_bytes) {
    return fail(error, "audio file larger than " + std::to_string(limits.max_bytes / 1024) +
                           " KB (" + std::to_string(bytes.size() / 1024) + " KB)");
  }
  if (bytes.size() < 12 || bytes.substr(0, 4) != "RIFF" || bytes.substr(8, 4) != "WAVE") {
    return fail(error, "not a WAV file (no RIFF/WAVE header)");
  }
  // Chunks: 4-byte id, 4-byte little-endian size, the data, a pad byte when the size is odd.
  // The RIFF size field is not trusted; the chunks are walked within the bytes we have.
  Format fmt;
  bool have_fmt = false;
  std::string_view data;
  bool have_data = false;
  std::size_t at = 12;
  while (!have_data && at + 8 <= bytes.size()) {
    const std::string_view id = bytes.substr(at, 4);
    const std::uint64_t size = le32(bytes, at + 4);
    const std::size_t body = at + 8;
    const std::uint64_t available = bytes.size() - body;
    if (id == "fmt ") {
      if (have_fmt) return fail(error, "two fmt chunks");
      if (size < 16 || size > available) return fail(error, "truncated or malformed fmt chunk");
      fmt.tag = le16(bytes, body);
      fmt.channels = le16(bytes, body + 2);
      fmt.rate = le32(bytes, body + 4);
      fmt.block_align = le16(bytes, body + 12);
      fmt.bits = le16(bytes, body + 14);
      have_fmt = true;
    } else if (id == "data") {
      if (!have_fmt) return fail(error, "data chunk before the fmt chunk");
      if (size > available) {
        return fail(error, "truncated data: the header says " + std::to_string(size) +
                               " bytes, the file holds " + std::to_string(available));
      }
      data = bytes.substr(body, static_cast<std::size_t>(size));
      have_data = true;
      break;
    }
    if (size > available) return fail(error, "truncated chunk");
    at = body + static_cast<std::size_t>(size) + (size & 1);
  }
  if (!have_fmt) return fail(error, "no fmt chunk");
  if (!have_data) return fail(error, "no data chunk");

  // The format, checked field by field before anything depends on it.
  if (fmt.tag != 1) {
    return fail(error, "unsupported WAV encoding " + std::to_string(fmt.tag) + " (PCM only)");
  }
  if (fmt.channels < 1 || fmt.channels > 2) {
    return fail(error, std::to_string(fmt.channels) + " channels (1 or 2 supported)");
  }
  if (fmt.bits != 8 && fmt.bits != 16) {
    return fail(error, std::to_string(fmt.bits) + "-bit samples (8 or 16 supported)");
  }
  if (fmt.rate < static_cast<std::uint32_t>(limits.min_rate) ||
      fmt.rate > static_cast<std::uint32_t>(limits.max_rate)) {
    return fail(error, "sample rate " + std::to_string(fmt.rate) + " Hz (" +
                           std::to_string(limits.min_rate) + "-" + std::to_string(limits.max_rate) +
                           " Hz supported)");
  }
  const std::uint32_t frame_bytes = fmt.channels * (fmt.bits / 8u);
  if (fmt.block_align != frame_bytes) {
    return fail(error, "block align " + std::to_string(fmt.block_align) + " does not match " +
                           std::to_string(fmt.channels) + " channels of " +
                           std::to_string(fmt.bits) + " bits");
  }
  const std::uint64_t frames = data.size() / frame_bytes;  // a partial last frame is dropped
  if (frames == 0) return fail(error, "no audio in the data chunk");
  const std::uint64_t max_seconds = static_cast<std::uint64_t>(limits.max_seconds);
  if (frames > max_seconds * fmt.rate) {
    return fail(error, "audio longer than " + std::to_string(limits.max_seconds) + " s (" +
                           std::to_string(frames / fmt.rate) + " s)");
  }
  // Output length at the requested rate, bounded by the same duration cap, before allocating.
  const std::uint64_t out_rate = static_cast<std::uint64_t>(sample_rate);
  const std::uint64_t count = (frames * out_rate + fmt.rate - 1) / fmt.rate;
  if (count == 0 || count > max_seconds * out_rate) {
    return fail(error, "audio longer than " + std::to_string(limits.max_seconds) + " s");
  }
  out.resize(static_cast<std::size_t>(count));
  if (out_rate == fmt.rate) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i] = static_cast<std::int16_t>(mono_sample(data, i, fmt));
    }
    return true;
  }
  // Linear interpolation between the two nearest input frames, in fixed point (no floating
  // point drift over a minute of audio): position i * in_rate / out_rate.
  for (std::size_t i = 0; i < out.size(); ++i) {
    const std::uint64_t num = static_cast<std::uint64_t>(i) * fmt.rate;
    const std::uint64_t k = num / out_rate;
    const std::uint64_t frac = num % out_rate;
    const std::int64_t a =
        mono_sample(data, static_cast<std::size_t>(std::min(k, frames - 1)), fmt);
    const std::int64_t b =
        mono_sample(data, static_cast<std::size_t>(std::min(k + 1, frames - 1)), fmt);
    const std::int64_t v =
        a + (b - a) * static_cast<std::int64_t>(frac) / static_cast<std::int64_t>(out_rate);
    out[i] = static_cast<std::int16_t>(std::clamp<std::int64_t>(v, -32768, 32767));
  }
  return true;
}

}  // namespace tts
