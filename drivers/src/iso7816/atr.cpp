#include "drivers/iso7816/atr.hpp"

#include <algorithm>
#include <array>

namespace drivers::iso7816 {
namespace {

constexpr std::array<int, 16> kFi = {372, 372, 558, 744,  1116, 1488, 1860, 0,
                                     0,   512, 768, 1024, 1536, 2048, 0,    0};
constexpr std::array<int, 16> kDi = {0, 1, 2, 4, 8, 16, 32, 64, 12, 20, 0, 0, 0, 0, 0, 0};
constexpr std::size_t kMaxAtrLength = 33;  // TS + 32 (ISO 7816-3 §8.2.1)

std::uint8_t inverse_to_direct(std::uint8_t b) {
  b = static_cast<std::uint8_t>(~b);
  std::uint8_t r = 0;
  for (int i = 0; i < 8; ++i) {
    if (b & (1u << i)) r = static_cast<std::uint8_t>(r | (0x80u >> i));
  }
  return r;
}

}  // namespace

bool Atr::offers(int t) const {
  if (protocols.empty()) return t == 0;
  return std::find(protocols.begin(), protocols.end(), t) != protocols.end();
}

int Atr::fi() const {
  return kFi[fidi() >> 4] ? kFi[fidi() >> 4] : 372;
}
int Atr::di() const {
  return kDi[fidi() & 0x0F] ? kDi[fidi() & 0x0F] : 1;
}

std::string hex(std::span<const std::uint8_t> bytes, char separator) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  out.reserve(bytes.size() * 3);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i && separator) out.push_back(separator);
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 0x0F]);
  }
  return out;
}

AtrParse parse_atr(std::span<const std::uint8_t> raw) {
  AtrParse out;
  if (raw.empty()) {
    out.error = "ATR is empty: the card did not answer the reset (is it inserted the right way?)";
    return out;
  }
  if (raw.size() > kMaxAtrLength) {
    out.error =
        "ATR is " + std::to_string(raw.size()) + " bytes, longer than the 33 ISO 7816-3 allows";
    return out;
  }
  Atr atr;
  atr.bytes.assign(raw.begin(), raw.end());
  if (atr.bytes[0] == 0x03) {
    for (auto& b : atr.bytes) b = inverse_to_direct(b);
  }
  if (atr.bytes[0] == 0x3F) {
    atr.inverse_convention = true;
  } else if (atr.bytes[0] != 0x3B) {
    out.error = "ATR starts with TS " + hex(std::span(atr.bytes).first(1)) +
                ", neither 3B (direct) nor 3F (inverse convention)";
    return out;
  }
  const auto& b = atr.bytes;
  std::size_t pos = 1;
  auto need = [&](std::size_t n, const char* what) {
    if (pos + n <= b.size()) return true;
    out.error = std::string("ATR ends before ") + what + " (" + std::to_string(b.size()) +
                " bytes: " + hex(b) + ")";
    return false;
  };
  if (!need(1, "T0")) return out;
  std::uint8_t td = b[pos++];
  const std::size_t historical_count = td & 0x0F;
  int level = 1;         // interface byte group i (TA_i, TB_i ...)
  int protocol = -1;     // protocol announced by the TD that opened this group
  bool t1_seen = false;  // first group after the first TD(T=1): IFSC, BWI/CWI, EDC
  while (true) {
    // T=1 parameters sit in the first group (i >= 3) after a TD that names T=1.
    const bool t1_group = protocol == 1 && level >= 3 && !t1_seen;
    if (td & 0x10) {  // TA_i
      if (!need(1, "an announced TA byte")) return out;
      const std::uint8_t v = b[pos++];
      if (level == 1) atr.ta1 = v;
      if (level == 2) atr.ta2 = v;
      if (t1_group) atr.ifsc = v;
    }
    if (td & 0x20) {  // TB_i
      if (!need(1, "an announced TB byte")) return out;
      const std::uint8_t v = b[pos++];
      if (t1_group) atr.bwi_cwi = v;
    }
    if (td & 0x40) {  // TC_i
      if (!need(1, "an announced TC byte")) return out;
      const std::uint8_t v = b[pos++];
      if (level == 1) atr.tc1 = v;
      if (level == 2 && protocol <= 0) atr.tc2 = v;
      if (t1_group) atr.t1_crc = (v & 0x01) != 0;
    }
    if (t1_group) t1_seen = true;
    if (!(td & 0x80)) break;
    if (!need(1, "an announced TD byte")) return out;
    td = b[pos++];
    protocol = td & 0x0F;
    if (protocol != 15 &&
        std::find(atr.protocols.begin(), atr.protocols.end(), protocol) == atr.protocols.end()) {
      atr.protocols.push_back(protocol);
    }
    ++level;
  }
  if (!need(historical_count, "its historical bytes")) return out;
  atr.historical.assign(b.begin() + static_cast<std::ptrdiff_t>(pos),
                        b.begin() + static_cast<std::ptrdiff_t>(pos + historical_count));
  pos += historical_count;
  // TCK is present unless only T=0 is indicated (ISO 7816-3 §8.2.5).
  atr.has_tck =
      std::any_of(atr.protocols.begin(), atr.protocols.end(), [](int t) { return t != 0; });
  if (atr.has_tck) {
    if (!need(1, "its check byte TCK")) return out;
    std::uint8_t x = 0;
    for (std::size_t i = 1; i <= pos; ++i) x ^= b[i];
    ++pos;
    if (x != 0) {
      out.error = "ATR check byte TCK is wrong (XOR of T0..TCK is " + hex(std::span(&x, 1)) +
                  "): the contacts may be dirty";
      return out;
    }
  }
  if (pos != b.size()) {
    out.error = "ATR has " + std::to_string(b.size() - pos) + " bytes after its end";
    return out;
  }
  if (atr.ta1 && (kFi[*atr.ta1 >> 4] == 0 || kDi[*atr.ta1 & 0x0F] == 0)) {
    out.error = "ATR TA1 " + hex(std::span(&*atr.ta1, 1)) + " names a reserved Fi/Di value";
    return out;
  }
  if (atr.ifsc && (*atr.ifsc == 0 || *atr.ifsc == 0xFF)) {
    out.error = "ATR announces an invalid T=1 IFSC of " + std::to_string(*atr.ifsc);
    return out;
  }
  out.atr = std::move(atr);
  return out;
}

}  // namespace drivers::iso7816
