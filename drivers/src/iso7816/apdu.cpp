#include "drivers/iso7816/apdu.hpp"

#include "drivers/iso7816/atr.hpp"

namespace drivers::iso7816 {
namespace {

void put_le(std::vector<std::uint8_t>& out, std::size_t le, bool extended, bool has_lc) {
  if (!extended) {
    out.push_back(static_cast<std::uint8_t>(le == 256 ? 0 : le));
    return;
  }
  if (!has_lc) out.push_back(0x00);
  const std::size_t v = le == 65536 ? 0 : le;
  out.push_back(static_cast<std::uint8_t>(v >> 8));
  out.push_back(static_cast<std::uint8_t>(v));
}

}  // namespace

std::vector<std::uint8_t> Apdu::encode() const {
  std::vector<std::uint8_t> out{cla, ins, p1, p2};
  const bool ext = needs_extended();
  if (!data.empty()) {
    if (ext) {
      out.push_back(0x00);
      out.push_back(static_cast<std::uint8_t>(data.size() >> 8));
      out.push_back(static_cast<std::uint8_t>(data.size()));
    } else {
      out.push_back(static_cast<std::uint8_t>(data.size()));
    }
    out.insert(out.end(), data.begin(), data.end());
  }
  if (le) put_le(out, *le, ext, !data.empty());
  return out;
}

std::optional<std::vector<std::uint8_t>> parse_apdu_hex(std::string_view text) {
  std::vector<std::uint8_t> out;
  int hi = -1;
  for (char c : text) {
    int v = -1;
    if (c >= '0' && c <= '9')
      v = c - '0';
    else if (c >= 'a' && c <= 'f')
      v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
      v = c - 'A' + 10;
    else if (c == ' ' || c == ':')
      continue;
    else
      return std::nullopt;
    if (hi < 0) {
      hi = v;
    } else {
      out.push_back(static_cast<std::uint8_t>(hi * 16 + v));
      hi = -1;
    }
  }
  if (hi >= 0 || out.size() < 4) return std::nullopt;
  return out;
}

std::optional<CommandShape> parse_command(std::span<const std::uint8_t> a) {
  if (a.size() < 4) return std::nullopt;
  CommandShape s{a[0], a[1], a[2], a[3], {}, std::nullopt, 1, false};
  const std::size_t body = a.size() - 4;
  if (body == 0) return s;
  if (body == 1) {  // case 2 short
    s.iso_case = 2;
    s.le = a[4] ? a[4] : 256;
    return s;
  }
  if (a[4] != 0 || body < 3) {  // short Lc
    const std::size_t lc = a[4];
    if (lc == 0) return std::nullopt;
    if (body == 1 + lc) {
      s.iso_case = 3;
      s.data = a.subspan(5, lc);
      return s;
    }
    if (body == 2 + lc) {
      s.iso_case = 4;
      s.data = a.subspan(5, lc);
      s.le = a[5 + lc] ? a[5 + lc] : 256;
      return s;
    }
    return std::nullopt;
  }
  // Extended: 00 then two bytes.
  s.extended = true;
  const std::size_t n = (static_cast<std::size_t>(a[5]) << 8) | a[6];
  if (body == 3) {  // case 2 extended
    s.iso_case = 2;
    s.le = n ? n : 65536;
    return s;
  }
  if (n == 0) return std::nullopt;
  if (body == 3 + n) {
    s.iso_case = 3;
    s.data = a.subspan(7, n);
    return s;
  }
  if (body == 5 + n) {
    s.iso_case = 4;
    s.data = a.subspan(7, n);
    const std::size_t le = (static_cast<std::size_t>(a[7 + n]) << 8) | a[8 + n];
    s.le = le ? le : 65536;
    return s;
  }
  return std::nullopt;
}

Apdu select_by_aid(std::span<const std::uint8_t> aid) {
  return Apdu{0x00, 0xA4, 0x04, 0x00, {aid.begin(), aid.end()}, 256, false};
}

Apdu select_file(std::uint16_t fid) {
  return Apdu{0x00,
              0xA4,
              0x00,
              0x00,
              {static_cast<std::uint8_t>(fid >> 8), static_cast<std::uint8_t>(fid)},
              std::nullopt,
              false};
}

Apdu read_binary(std::uint16_t offset, std::size_t le) {
  return Apdu{0x00,
              0xB0,
              static_cast<std::uint8_t>((offset >> 8) & 0x7F),
              static_cast<std::uint8_t>(offset),
              {},
              le,
              false};
}

Apdu read_record(std::uint8_t record, std::uint8_t sfi, std::size_t le) {
  return Apdu{0x00, 0xB2, record, static_cast<std::uint8_t>((sfi << 3) | 0x04), {}, le, false};
}

Apdu get_data(std::uint16_t tag, std::size_t le) {
  return Apdu{0x00, 0xCA, static_cast<std::uint8_t>(tag >> 8), static_cast<std::uint8_t>(tag), {},
              le,   false};
}

Apdu verify_pin(std::uint8_t reference, const SecureString& pin) {
  const auto text = pin.reveal();
  return Apdu{0x00, 0x20, 0x00, reference, {text.begin(), text.end()}, std::nullopt, false};
}

SwText describe_sw(std::uint16_t sw) {
  using R = SwReason;
  const std::uint8_t sw1 = static_cast<std::uint8_t>(sw >> 8);
  const std::uint8_t sw2 = static_cast<std::uint8_t>(sw);
  if (sw == 0x9000) return {"success", R::Done};
  if (sw1 == 0x61) return {std::to_string(sw2) + " more response bytes available", R::Done};
  if (sw1 == 0x63 && (sw2 & 0xF0) == 0xC0) {
    const int left = sw2 & 0x0F;
    return {"verification failed, " + std::to_string(left) + " tries left",
            left == 0 ? R::PinWrongCardLocked : R::PinWrong, left};
  }
  if (sw1 == 0x6C) return {"wrong Le, card has " + std::to_string(sw2) + " bytes", R::Wait};
  switch (sw) {
    case 0x6281:
      return {"part of the returned data may be corrupted", R::DataCorrupted};
    case 0x6282:
      return {"end of file reached before Le bytes", R::Done};
    case 0x6283:
      return {"selected file deactivated", R::CardDeactivated};
    case 0x6581:
      return {"memory failure", R::CardFailure};
    case 0x6700:
      return {"wrong length (Lc or Le)", R::CommandError};
    case 0x6882:
      return {"secure messaging not supported", R::SecureMessagingUnsupported};
    case 0x6982:
      return {"security status not satisfied (PIN not verified)", R::PinRequired};
    case 0x6983:
      return {"authentication method blocked (PIN blocked)", R::PinBlocked};
    case 0x6984:
      return {"reference data not usable", R::PinUnusable};
    case 0x6985:
      return {"conditions of use not satisfied", R::NotAllowedNow};
    case 0x6986:
      return {"command not allowed (no current EF)", R::CommandError};
    case 0x6A81:
      return {"function not supported", R::ServiceUnsupported};
    case 0x6A82:
      return {"file or application not found", R::ApplicationNotFound};
    case 0x6A83:
      return {"record not found", R::RecordNotFound};
    case 0x6A86:
      return {"incorrect P1-P2", R::CommandError};
    case 0x6A88:
      return {"referenced data not found", R::DataNotFound};
    case 0x6B00:
      return {"wrong parameters (offset outside the EF)", R::CommandError};
    case 0x6D00:
      return {"instruction not supported", R::ServiceUnsupported};
    case 0x6E00:
      return {"class not supported", R::ServiceUnsupported};
    case 0x6F00:
      return {"no precise diagnosis (card error)", R::CardFailure};
    default:
      break;
  }
  if (sw1 == 0x64) return {"execution error, state unchanged", R::CommandError};
  if (sw1 == 0x69) return {"command not allowed", R::NotAllowedNow};
  const std::uint8_t b[2] = {sw1, sw2};
  return {"status " + hex(b, 0), R::Unknown};
}

bool carries_pin(std::span<const std::uint8_t> apdu) {
  if (apdu.size() < 2) return false;
  const std::uint8_t ins = apdu[1];
  return ins == 0x20 || ins == 0x21 || ins == 0x24 || ins == 0x2C;
}

std::string trace_command(std::span<const std::uint8_t> apdu) {
  if (!carries_pin(apdu)) return hex(apdu);
  const std::size_t header = std::min<std::size_t>(apdu.size(), 4);
  return hex(apdu.first(header)) + " [PIN redacted, " + std::to_string(apdu.size() - header) +
         " bytes]";
}

}  // namespace drivers::iso7816
