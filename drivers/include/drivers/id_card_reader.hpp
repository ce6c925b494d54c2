// Reads a Chinese resident ID card through a SAM ID reader: find card, select card, read text
// and photo, over any Transport. Every failure ends with a CardFault (worded for the citizen by
// the firmware) and a reason for the technician; personal data only ever sits in wiped buffers.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "drivers/resident_id.hpp"
#include "drivers/sam_protocol.hpp"
#include "drivers/transport.hpp"

namespace drivers {

struct IdCardRead {
  std::optional<IdCard> card;
  SecureBytes photo;                  // 1024-byte WLT, opaque: decoding needs a licensed decoder
  CardFault fault = CardFault::None;  // why not (IdCardExpired: read, but past its validity)
  std::string error;                  // for the technician
  bool no_card = false;               // nothing on the reader (keep waiting, say nothing new)
  bool disconnected = false;          // the reader went away (IoStatus::Disconnected)
};

class IdCardReader {
 public:
  explicit IdCardReader(Transport& transport,
                        std::chrono::milliseconds reply_timeout = std::chrono::milliseconds(1500));
  IdCardRead read_card(CivilDate today);

 private:
  struct Exchange {
    std::optional<sam::Reply> reply;
    std::string error;
    bool disconnected = false;
  };
  Exchange exchange(sam::Command command);

  Transport& transport_;
  std::chrono::milliseconds timeout_;
  std::vector<std::uint8_t> pending_;
};

}  // namespace drivers
