// T=1 blocks (ISO/IEC 7816-3 §11.3): NAD PCB LEN INF EDC, with LRC or CRC. The codec is shared
// by the protocol, the emulated card and the fuzz target.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace drivers::iso7816::t1 {

enum class BlockType { I, R, S };

// PCB values.
inline constexpr std::uint8_t kIMore = 0x20;  // I-block M bit
inline constexpr std::uint8_t kISeq = 0x40;   // I-block N(S)
inline constexpr std::uint8_t kR = 0x80;      // R-block, N(R) in 0x10
inline constexpr std::uint8_t kRSeq = 0x10;
inline constexpr std::uint8_t kS = 0xC0;  // S-block, 0x20 = response
inline constexpr std::uint8_t kSResponse = 0x20;
inline constexpr std::uint8_t kResynch = 0x00, kIfs = 0x01, kAbort = 0x02, kWtx = 0x03;

struct Block {
  std::uint8_t nad = 0;
  std::uint8_t pcb = 0;
  std::vector<std::uint8_t> inf;

  BlockType type() const {
    if ((pcb & 0x80) == 0) return BlockType::I;
    return (pcb & 0x40) ? BlockType::S : BlockType::R;
  }
  int ns() const { return (pcb & kISeq) ? 1 : 0; }
  bool more() const { return (pcb & kIMore) != 0; }
  int nr() const { return (pcb & kRSeq) ? 1 : 0; }
  std::uint8_t r_error() const { return pcb & 0x0F; }
  std::uint8_t s_kind() const { return pcb & 0x1F; }
  bool s_response() const { return (pcb & kSResponse) != 0; }
};

Block i_block(int ns, bool more, std::span<const std::uint8_t> inf);
Block r_block(int nr, std::uint8_t error = 0);  // error 1 = EDC/parity, 2 = other
Block s_block(std::uint8_t kind, bool response, std::span<const std::uint8_t> inf = {});

std::vector<std::uint8_t> encode(const Block& block, bool crc);

struct Decoded {
  std::optional<Block> block;
  std::string error;  // why a block was refused (bad EDC, LEN 255, length mismatch ...)
};
Decoded decode(std::span<const std::uint8_t> bytes, bool crc);

std::uint8_t lrc(std::span<const std::uint8_t> bytes);
std::uint16_t crc16(std::span<const std::uint8_t> bytes);

}  // namespace drivers::iso7816::t1
