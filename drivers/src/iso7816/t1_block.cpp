#include "drivers/iso7816/t1_block.hpp"

#include <algorithm>

namespace drivers::iso7816::t1 {

Block i_block(int ns, bool more, std::span<const std::uint8_t> inf) {
  std::uint8_t pcb = 0;
  if (ns) pcb |= kISeq;
  if (more) pcb |= kIMore;
  return Block{0, pcb, {inf.begin(), inf.end()}};
}

Block r_block(int nr, std::uint8_t error) {
  return Block{0, static_cast<std::uint8_t>(kR | (nr ? kRSeq : 0) | (error & 0x0F)), {}};
}

Block s_block(std::uint8_t kind, bool response, std::span<const std::uint8_t> inf) {
  return Block{0,
               static_cast<std::uint8_t>(kS | (response ? kSResponse : 0) | kind),
               {inf.begin(), inf.end()}};
}

std::uint8_t lrc(std::span<const std::uint8_t> bytes) {
  std::uint8_t x = 0;
  for (auto b : bytes) x ^= b;
  return x;
}

// CRC-16 with the reflected CCITT polynomial and 0xFFFF preset, sent high byte first, as
// card readers' T=1 implementations compute it.
std::uint16_t crc16(std::span<const std::uint8_t> bytes) {
  std::uint16_t v = 0xFFFF;
  for (auto b : bytes) {
    v ^= b;
    for (int i = 0; i < 8; ++i)
      v = (v & 1) ? static_cast<std::uint16_t>((v >> 1) ^ 0x8408) : v >> 1;
  }
  return v;
}

std::vector<std::uint8_t> encode(const Block& block, bool crc) {
  std::vector<std::uint8_t> out(3 + block.inf.size());
  out[0] = block.nad;
  out[1] = block.pcb;
  out[2] = static_cast<std::uint8_t>(block.inf.size());
  std::copy(block.inf.begin(), block.inf.end(), out.begin() + 3);
  if (crc) {
    const auto c = crc16(out);
    out.push_back(static_cast<std::uint8_t>(c >> 8));
    out.push_back(static_cast<std::uint8_t>(c));
  } else {
    out.push_back(lrc(out));
  }
  return out;
}

Decoded decode(std::span<const std::uint8_t> bytes, bool crc) {
  Decoded d;
  const std::size_t edc = crc ? 2 : 1;
  if (bytes.size() < 3 + edc) {
    d.error = "T=1 block of " + std::to_string(bytes.size()) + " bytes is shorter than a prologue";
    return d;
  }
  const std::size_t len = bytes[2];
  if (len == 0xFF) {
    d.error = "T=1 block with LEN 255 (reserved)";
    return d;
  }
  if (bytes.size() != 3 + len + edc) {
    d.error = "T=1 block LEN " + std::to_string(len) + " does not match its " +
              std::to_string(bytes.size()) + " bytes";
    return d;
  }
  const auto body = bytes.first(3 + len);
  if (crc) {
    const auto c = crc16(body);
    if (bytes[3 + len] != static_cast<std::uint8_t>(c >> 8) ||
        bytes[4 + len] != static_cast<std::uint8_t>(c)) {
      d.error = "T=1 block CRC mismatch";
      return d;
    }
  } else if (lrc(body) != bytes[3 + len]) {
    d.error = "T=1 block LRC mismatch";
    return d;
  }
  Block b{bytes[0],
          bytes[1],
          {bytes.begin() + 3, bytes.begin() + 3 + static_cast<std::ptrdiff_t>(len)}};
  if (b.type() == BlockType::R && (b.pcb & 0x20)) {
    d.error = "T=1 R-block with bit 6 set";
    return d;
  }
  d.block = std::move(b);
  return d;
}

}  // namespace drivers::iso7816::t1
