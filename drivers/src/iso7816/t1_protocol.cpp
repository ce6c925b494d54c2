#include "drivers/iso7816/t1_protocol.hpp"

#include <algorithm>

namespace drivers::iso7816 {

using t1::Block;
using t1::BlockType;

namespace {

std::size_t chunk_count(std::size_t apdu_size, std::uint8_t ifsc) {
  const std::size_t size = std::max<std::size_t>(1, ifsc);
  return std::max<std::size_t>(1, (apdu_size + size - 1) / size);
}

bool fatal(const RawReply& r) {
  return r.card_removed || r.stalled || r.fault != CardFault::None;
}

void wipe(std::vector<std::uint8_t>& bytes) {
  std::fill(bytes.begin(), bytes.end(), 0);
  bytes.clear();
}

}  // namespace

T1Protocol::T1Protocol(BlockExchange exchange, T1Config config)
    : exchange_(std::move(exchange)), config_(config) {}

int T1Protocol::exchange_limit(std::size_t apdu_size) const {
  const std::size_t chunks = chunk_count(apdu_size, config_.ifsc);
  const auto extra = static_cast<std::size_t>(std::max(0, config_.max_exchanges));
  return static_cast<int>(std::min<std::size_t>(extra + chunks, 1u << 30));
}

void T1Protocol::begin_command(std::size_t apdu_size) {
  exchange_budget_ = exchange_limit(apdu_size);
  exchanges_left_ = exchange_budget_;
  deadline_ = drivers::now(config_.clock) + config_.command_deadline;
}

RawReply T1Protocol::stalled(std::string why) {
  ++stats_.stalls;
  RawReply r;
  r.error = std::move(why);
  r.fault = CardFault::ProtocolError;
  r.stalled = true;
  return r;
}

RawReply T1Protocol::send_block(const Block& block, std::uint8_t wtx, std::optional<Block>& got) {
  got.reset();
  if (exchanges_left_ <= 0) {
    return stalled("T=1: command abandoned after " + std::to_string(exchange_budget_) +
                   " block exchanges without a complete response");
  }
  if (drivers::now(config_.clock) >= deadline_) {
    return stalled("T=1: no complete response within " +
                   std::to_string(config_.command_deadline.count()) + " ms; command abandoned");
  }
  --exchanges_left_;
  ++stats_.blocks_sent;
  auto reply = exchange_(t1::encode(block, config_.crc), wtx);
  if (!reply.error.empty() || fatal(reply)) return reply;
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
  begin_command(1);
  const std::uint8_t inf[1] = {config_.ifsd};
  for (int attempt = 0; attempt <= config_.max_retries; ++attempt) {
    std::optional<Block> got;
    auto r = send_block(t1::s_block(t1::kIfs, false, inf), 0, got);
    if (r.card_removed) return "card removed during IFS negotiation";
    if (fatal(r)) return "IFS negotiation: " + r.error;
    if (got && got->type() == BlockType::S && got->s_response() && got->s_kind() == t1::kIfs &&
        got->inf.size() == 1 && got->inf[0] == config_.ifsd) {
      return {};
    }
  }
  return "card did not confirm IFSD " + std::to_string(config_.ifsd);
}

bool T1Protocol::resynch(RawReply& failure) {
  ++stats_.resynchs;
  for (int attempt = 0; attempt < 3; ++attempt) {
    std::optional<Block> got;
    auto r = send_block(t1::s_block(t1::kResynch, false), 0, got);
    if (fatal(r)) {
      failure = std::move(r);
      return false;
    }
    if (got && got->type() == BlockType::S && got->s_response() && got->s_kind() == t1::kResynch) {
      ns_ = 0;
      nr_ = 0;
      return true;
    }
  }
  return false;
}

RawReply T1Protocol::transmit(std::span<const std::uint8_t> apdu) {
  begin_command(apdu.size());
  bool needs_resynch = false;
  auto r = transmit_once(apdu, needs_resynch);
  if (!needs_resynch) return r;
  // The link lost step: resynchronise (sequence numbers back to 0) and send the APDU once more.
  RawReply failure;
  if (!resynch(failure)) {
    if (fatal(failure)) {
      if (failure.card_removed && failure.error.empty()) failure.error = "card removed";
      return failure;
    }
    r.error = "T=1: card stopped answering and did not accept RESYNCH (" + r.error + ")";
    r.fault = CardFault::ProtocolError;
    return r;
  }
  needs_resynch = false;
  auto again = transmit_once(apdu, needs_resynch);
  if (needs_resynch) {
    again.error = "T=1: card kept failing after RESYNCH (" + again.error + ")";
    again.fault = CardFault::ProtocolError;
  }
  return again;
}

RawReply T1Protocol::transmit_once(std::span<const std::uint8_t> apdu, bool& needs_resynch) {
  RawReply out;
  const std::size_t ifsc = std::max<std::size_t>(1, config_.ifsc);
  const std::size_t chunks = chunk_count(apdu.size(), config_.ifsc);
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
  int s_requests = 0;     // S(WTX)/S(IFS) requests since the last progress
  int empty_chained = 0;  // chained I-blocks without data, this command
  std::string last_error;
  // The command ends here for good: no resynchronisation, nothing half-received kept.
  auto give_up = [&](RawReply why) {
    wipe(out.bytes);
    out.error = std::move(why.error);
    out.fault = why.fault;
    out.stalled = why.stalled;
    out.card_removed = why.card_removed;
    return std::move(out);
  };
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
      wipe(out.bytes);
      out.card_removed = true;
      out.error = "card removed during a T=1 exchange";
      return out;
    }
    if (fatal(r)) return give_up(std::move(r));  // a liveness bound, or the reader failed
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
        const bool wtx_request = b.s_kind() == t1::kWtx && b.inf.size() == 1;
        const bool ifs_request =
            b.s_kind() == t1::kIfs && b.inf.size() == 1 && b.inf[0] != 0 && b.inf[0] != 0xFF;
        if (wtx_request || ifs_request) {
          if (++s_requests > config_.max_s_requests) {
            return give_up(stalled("T=1: card sent " + std::to_string(s_requests) +
                                   " S(WTX)/S(IFS) requests in a row without progress; command "
                                   "abandoned"));
          }
          if (wtx_request) {
            ++stats_.wtx_requests;
            wtx = b.inf[0];
            to_send = t1::s_block(t1::kWtx, true, b.inf);
          } else {
            ++stats_.ifs_requests;
            config_.ifsc = b.inf[0];
            to_send = t1::s_block(t1::kIfs, true, b.inf);
          }
          continue;
        }
        if (b.s_kind() == t1::kAbort) {
          std::optional<Block> ignored;
          send_block(t1::s_block(t1::kAbort, true), 0, ignored);
          wipe(out.bytes);
          out.error = "T=1: card aborted the chain";
          out.fault = CardFault::ProtocolError;
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
          s_requests = 0;
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
        if (b.more() && b.inf.empty()) {
          // An empty link of a chain carries nothing: a few are tolerated, not an endless chain.
          if (++empty_chained > config_.max_empty_chained) {
            return give_up(stalled("T=1: card sent " + std::to_string(empty_chained) +
                                   " chained I-blocks without data; command abandoned"));
          }
        } else {
          s_requests = 0;
        }
        if (sending) {
          ns_ ^= 1;  // the card's I-block acknowledges our last one
          sending = false;
        }
        nr_ ^= 1;
        errors = 0;
        if (out.bytes.size() + b.inf.size() > 65538) {
          wipe(out.bytes);
          out.error = "T=1 response longer than any APDU";
          out.fault = CardFault::ProtocolError;
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
