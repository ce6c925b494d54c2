// Answer-To-Reset (ISO/IEC 7816-3 §8): convention, interface bytes per protocol, historical
// bytes and the check byte. The parser never reads past what the length bytes announce and
// says, in words, what is wrong with an ATR it refuses.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace drivers::iso7816 {

struct Atr {
  std::vector<std::uint8_t> bytes;  // in direct convention, as parsed
  bool inverse_convention = false;
  std::optional<std::uint8_t> ta1;  // Fi/Di
  std::optional<std::uint8_t> tc1;  // extra guard time N
  std::optional<std::uint8_t> tc2;  // T=0 waiting integer
  std::optional<std::uint8_t> ta2;  // specific mode: no PPS allowed
  // T=1 parameters from the first TA/TB/TC after a TD announcing T=1.
  std::optional<std::uint8_t> ifsc;
  std::optional<std::uint8_t> bwi_cwi;  // TB3: BWI in the high nibble, CWI low
  bool t1_crc = false;                  // TC3 bit 1: CRC instead of LRC
  std::vector<int> protocols;           // offered, in order (T=0 implied if none)
  std::vector<std::uint8_t> historical;
  bool has_tck = false;

  int first_protocol() const { return protocols.empty() ? 0 : protocols.front(); }
  bool offers(int t) const;
  int fi() const;  // clock rate conversion integer, 372 when TA1 is absent
  int di() const;  // baud rate adjustment integer, 1 when TA1 is absent
  std::uint8_t fidi() const { return ta1.value_or(0x11); }
  std::uint8_t t1_ifsc() const { return ifsc.value_or(32); }
  std::uint8_t t1_bwi_cwi() const { return bwi_cwi.value_or(0x4D); }
  std::uint8_t t0_waiting_integer() const { return tc2.value_or(10); }
  bool specific_mode() const { return ta2.has_value(); }
};

struct AtrParse {
  std::optional<Atr> atr;
  std::string error;
};

// Accepts TS 3B (direct), 3F (inverse, already decoded by the UART) and 03 (an inverse-convention
// card read as if direct: every byte is inverted and bit-reversed back first).
AtrParse parse_atr(std::span<const std::uint8_t> raw);

std::string hex(std::span<const std::uint8_t> bytes, char separator = ' ');

}  // namespace drivers::iso7816
