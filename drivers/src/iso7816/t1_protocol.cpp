#include "drivers/iso7816/t1_protocol.hpp"

#include <algorithm>

namespace drivers::iso7816 {

using t1::Block;
using t1::BlockType;

T1Protocol::T1Protocol(BlockExchange exchange, T1Config config)
    : exchange_(std::move(exchange)), config_(config) {}

RawReply T1Protocol::send_block(const Block& block, std::uint8_t wtx, std::optional<Block>& got) {
  ++stats_.blocks_sent;
  got.reset();
  auto reply = exchange_(t1::encode(block, config_.crc), wtx);
  if (!reply.error.empty() || reply.card_removed) return reply;
  auto decoded = t1::decode(reply.bytes, config_.crc);
  if (decoded.block) {
    got = std::move(decoded.block);
  } else {
    reply.error = decoded.error;  // a damaged block: the caller asks again (not fatal)
  }
  std::fill(reply.bytes.begin(), reply.bytes.end(), 0);
  return reply;
}

std::string T1Protocol::negotiate_ifsd() {
  const std::uint8_t inf[1] = {config_.ifsd};
  for (int attempt = 0; attempt <= config_.max_retries; ++attempt) {
    std::optional<Block> got;
    auto r = send_block(t1::s_block(t1::kIfs, false, inf), 0, got);
    if (r.card_removed) return "card removed during IFS negotiation";
    if (got && got->type() == BlockType::S && got->s_response() && got->s_kind() == t1::kIfs &&
        got->inf.size() == 1 && got->inf[0] == config_.ifsd) {
      return {};
    }
  }
  return "card did not confirm IFSD " + std::to_string(config_.ifsd);
}

bool T1Protocol::resynch() {
  ++stats_.resynchs;
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::optional<Block> got;
    auto r = send_block(t1::s_block(t1::kResynch, false), 0, got);
    if (r.card_removed) return false;
    if (got && got->type() == BlockType::S && got->s_response() && got->s_kind() == t1::kResynch) {
      ns_ = 0;
      nr_ = 0;
      return true;
    }
  }
  return false;
}

RawReply T1Protocol::transmit(std::span<const std::uint8_t> apdu) {
  bool needs_resynch = false;
  auto r = transmit_once(apdu, needs_resynch);
  if (!needs_resynch) return r;
  // The link lost step: resynchronise (sequence numbers back to 0) and send the APDU once more.
  if (!resynch()) {
    r.error = "T=1: card stopped answering and did not accept RESYNCH (" + r.error + ")";
    return r;
  }
  needs_resynch = false;
  auto again = transmit_once(apdu, needs_resynch);
  if (needs_resynch) again.error = "T=1: card kept failing after RESYNCH (" + again.error + ")";
  return again;
}

RawReply T1Protocol::transmit_once(std::span<const std::uint8_t> apdu, bool& needs_resynch) {
  RawReply out;
  const std::size_t ifsc = std::max<std::size_t>(1, config_.ifsc);
  const std::size_t chunks = std::max<std::size_t>(1, (apdu.size() + ifsc - 1) / ifsc);
  std::size_t chunk = 0;
  auto chunk_block = [&](std::size_t i) {
    const std::size_t from = i * ifsc;
    const std::size_t n = std::min(ifsc, apdu.size() - from);
    return t1::i_block(ns_, i + 1 < chunks, apdu.subspan(from, n));
  };
  Block last_i = chunk_block(0);
  Block to_send = last_i;
  bool sending = true;  // still waiting for our last I-block to be acknowledged
  std::uint8_t wtx = 0;
  int errors = 0;
  std::string last_error;
  auto fail_or_retry = [&](std::string why, Block retry) {
    last_error = std::move(why);
    ++errors;
    ++stats_.retransmissions;
    to_send = std::move(retry);
    return errors <= config_.max_retries;
  };
  while (true) {
    std::optional<Block> got;
    auto r = send_block(to_send, wtx, got);
    wtx = 0;
    if (r.card_removed) {
      out.card_removed = true;
      out.error = "card removed during a T=1 exchange";
      return out;
    }
    if (!got) {
      // Nothing usable came back: ask for the block we are waiting for (R-block), or, if the card
      // may have missed ours, it will answer that R-block by asking for it again.
      const bool parity =
          r.error.find("LRC") != std::string::npos || r.error.find("CRC") != std::string::npos;
      if (!fail_or_retry(r.error.empty() ? "no block" : r.error,
                         t1::r_block(nr_, parity ? 1 : 2))) {
        needs_resynch = true;
        out.error = last_error;
        return out;
      }
      continue;
    }
    const Block& b = *got;
    switch (b.type()) {
      case BlockType::S: {
        if (b.s_response()) {
          if (!fail_or_retry("unexpected S-response", to_send)) {
            needs_resynch = true;
            out.error = last_error;
            return out;
          }
          continue;
        }
        if (b.s_kind() == t1::kWtx && b.inf.size() == 1) {
          ++stats_.wtx_requests;
          wtx = b.inf[0];
          to_send = t1::s_block(t1::kWtx, true, b.inf);
          continue;
        }
        if (b.s_kind() == t1::kIfs && b.inf.size() == 1 && b.inf[0] != 0 && b.inf[0] != 0xFF) {
          config_.ifsc = b.inf[0];
          to_send = t1::s_block(t1::kIfs, true, b.inf);
          continue;
        }
        if (b.s_kind() == t1::kAbort) {
          std::optional<Block> ignored;
          send_block(t1::s_block(t1::kAbort, true), 0, ignored);
          out.error = "T=1: card aborted the chain";
          return out;
        }
        if (!fail_or_retry("unexpected S-request " + std::to_string(b.pcb), to_send)) {
          needs_resynch = true;
          out.error = last_error;
          return out;
        }
        continue;
      }
      case BlockType::R: {
        if (sending && b.nr() != ns_ && chunk + 1 < chunks) {
          // Our chunk was received: on to the next one.
          ns_ ^= 1;
          ++chunk;
          errors = 0;
          last_i = chunk_block(chunk);
          to_send = last_i;
          continue;
        }
        if (sending && b.nr() == ns_) {
          // The card asks for our I-block again.
          if (!fail_or_retry("card asked for a retransmission", last_i)) {
            needs_resynch = true;
            out.error = last_error;
            return out;
          }
          continue;
        }
        // While receiving, an R-block means the card missed our acknowledgement: send it again.
        if (!fail_or_retry("unexpected R-block", to_send)) {
          needs_resynch = true;
          out.error = last_error;
          return out;
        }
        continue;
      }
      case BlockType::I: {
        if (sending && chunk + 1 < chunks) {
          if (!fail_or_retry("I-block in the middle of our chain", t1::r_block(ns_ ^ 1, 2))) {
            needs_resynch = true;
            out.error = last_error;
            return out;
          }
          continue;
        }
        if (b.ns() != nr_) {
          // A repeat of a block we already have: acknowledge again.
          if (!fail_or_retry("repeated I-block", t1::r_block(nr_))) {
            needs_resynch = true;
            out.error = last_error;
            return out;
          }
          continue;
        }
        if (sending) {
          ns_ ^= 1;  // the card's I-block acknowledges our last one
          sending = false;
        }
        nr_ ^= 1;
        errors = 0;
        if (out.bytes.size() + b.inf.size() > 65538) {
          out.error = "T=1 response longer than any APDU";
          return out;
        }
        out.bytes.insert(out.bytes.end(), b.inf.begin(), b.inf.end());
        if (!b.more()) return out;
        to_send = t1::r_block(nr_);
        continue;
      }
    }
  }
}

}  // namespace drivers::iso7816
