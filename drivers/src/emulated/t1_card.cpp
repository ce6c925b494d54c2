#include "drivers/emulated/t1_card.hpp"

#include <algorithm>

#include "drivers/secure_buffer.hpp"

namespace drivers::emulated {

namespace t1 = iso7816::t1;

void T1Card::reset() {
  nr_ = ns_ = 0;
  ifsd_ = 32;
  command_.clear();
  response_.clear();
  last_sent_.clear();
  pending_wtx_ = 0;
  in_response_chain_ = false;
}

std::vector<std::uint8_t> T1Card::send(const t1::Block& b) {
  last_sent_ = t1::encode(b, crc_);
  auto out = last_sent_;
  if (faults_.corrupt_replies > 0) {
    --faults_.corrupt_replies;
    out.back() ^= 0x55;
  }
  return out;
}

std::vector<std::uint8_t> T1Card::next_response_block() {
  if (pending_wtx_ > 0) {
    --pending_wtx_;
    ++wtx_sent_;
    const std::uint8_t mult[1] = {2};
    return send(t1::s_block(t1::kWtx, false, mult));
  }
  const std::size_t n = std::min<std::size_t>(ifsd_, response_.size());
  const bool more = n < response_.size();
  auto b = t1::i_block(ns_, more, std::span(response_).first(n));
  response_.erase(response_.begin(), response_.begin() + static_cast<std::ptrdiff_t>(n));
  ns_ ^= 1;
  in_response_chain_ = more;
  return send(b);
}

std::vector<std::uint8_t> T1Card::receive(std::span<const std::uint8_t> bytes) {
  auto decoded = t1::decode(bytes, crc_);
  if (faults_.drop_next_command > 0) {
    --faults_.drop_next_command;
    decoded.block.reset();
  }
  if (!decoded.block) return send(t1::r_block(nr_, 1));  // "send again, please"
  const auto& b = *decoded.block;
  switch (b.type()) {
    case t1::BlockType::S: {
      if (b.s_response()) {
        if (b.s_kind() == t1::kWtx) return next_response_block();  // host granted the time
        return send(t1::r_block(nr_, 2));
      }
      if (b.s_kind() == t1::kIfs && b.inf.size() == 1) {
        ifsd_ = b.inf[0];
        return send(t1::s_block(t1::kIfs, true, b.inf));
      }
      if (b.s_kind() == t1::kResynch) {
        nr_ = ns_ = 0;
        command_.clear();
        response_.clear();
        in_response_chain_ = false;
        return send(t1::s_block(t1::kResynch, true));
      }
      if (b.s_kind() == t1::kAbort) return send(t1::s_block(t1::kAbort, true));
      return send(t1::r_block(nr_, 2));
    }
    case t1::BlockType::R: {
      // In a response chain, R(N(R) = our next N(S)) acknowledges: send the next part.
      if (in_response_chain_ && b.nr() == ns_) return next_response_block();
      return last_sent_;  // otherwise the host missed our last block
    }
    case t1::BlockType::I: {
      if (b.ns() != nr_) return last_sent_;  // a repeat: it missed our answer
      nr_ ^= 1;
      if (command_.size() + b.inf.size() > 65544) return send(t1::s_block(t1::kAbort, false));
      command_.insert(command_.end(), b.inf.begin(), b.inf.end());
      if (b.more()) return send(t1::r_block(nr_));
      response_ = card_.process(command_);
      secure_wipe(command_.data(), command_.size());
      command_.clear();
      pending_wtx_ = faults_.wtx_before_response;
      return next_response_block();
    }
  }
  return send(t1::r_block(nr_, 2));
}

}  // namespace drivers::emulated
