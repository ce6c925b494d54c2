// libFuzzer target for the smart-card stack: the first byte picks a parser or a state machine,
// the rest is what a broken or hostile reader or card could send. Nothing may crash, hang or
// read out of bounds, and every refusal must say why.
//
// Liveness: the T=1 and CCID state machines get the input as a script that repeats for ever (a
// card or reader that keeps doing the same thing), with no cap on calls here; each command must
// still end within the protocol's own bounds (T1Protocol::exchange_limit, the CCID per-command
// time on a clock this target advances), else the target aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/ccid/ccid_reader.hpp"
#include "drivers/ccid/descriptor.hpp"
#include "drivers/ccid/messages.hpp"
#include "drivers/emulated/emulated_card.hpp"
#include "drivers/iso7816/apdu.hpp"
#include "drivers/iso7816/atr.hpp"
#include "drivers/iso7816/t1_block.hpp"
#include "drivers/iso7816/t1_protocol.hpp"
#include "drivers/transport.hpp"

namespace {

// Hands out the input in pieces whose sizes the input itself chooses; `cycle` starts over at the
// end (the script repeats for ever).
struct Chunks {
  std::span<const std::uint8_t> rest;
  bool cycle = false;
  std::span<const std::uint8_t> all = rest;
  std::vector<std::uint8_t> next() {
    if (rest.empty() && cycle) rest = all;
    if (rest.empty()) return {};
    const std::size_t n = std::min<std::size_t>(rest[0], rest.size() - 1);
    std::vector<std::uint8_t> out(rest.begin() + 1,
                                  rest.begin() + 1 + static_cast<std::ptrdiff_t>(n));
    rest = rest.subspan(1 + n);
    return out;
  }
};

// Reads advance the test clock by 1 ms each, so time bounds are reached without waiting.
class FuzzTransport final : public drivers::Transport {
 public:
  FuzzTransport(Chunks c, std::chrono::steady_clock::time_point& now) : chunks_(c), now_(now) {}
  int reads = 0;
  drivers::IoResult write(std::span<const std::uint8_t> b) override {
    return {drivers::IoStatus::Ok, b.size(), {}};
  }
  drivers::IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds) override {
    ++reads;
    now_ += std::chrono::milliseconds(1);
    if (chunks_.all.empty()) return {drivers::IoStatus::Disconnected, 0, "empty input"};
    if (chunks_.rest.empty() && !chunks_.cycle)
      return {drivers::IoStatus::Disconnected, 0, "end of input"};
    auto c = chunks_.next();
    into.insert(into.end(), c.begin(), c.end());
    return {drivers::IoStatus::Ok, c.size(), {}};
  }
  std::string describe() const override { return "fuzz"; }

 private:
  Chunks chunks_;
  std::chrono::steady_clock::time_point& now_;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t which = data[0];
  const std::span<const std::uint8_t> in(data + 1, size - 1);
  switch (which % 7) {
    case 0: {
      const auto a = drivers::iso7816::parse_atr(in);
      if (!a.atr && a.error.empty()) std::abort();
      if (a.atr) {
        (void)a.atr->fi();
        (void)a.atr->di();
      }
      break;
    }
    case 1: {
      const auto r = drivers::ccid::parse_reply(in, 271);
      if (r.status == drivers::ccid::ParseStatus::Invalid && r.error.empty()) std::abort();
      (void)drivers::ccid::parse_slot_change(in, 4);
      const auto d = drivers::ccid::find_class_descriptor(in);
      if (!d.descriptor && d.error.empty()) std::abort();
      break;
    }
    case 2: {
      const auto b = drivers::iso7816::t1::decode(in, (which & 0x80) != 0);
      if (!b.block && b.error.empty()) std::abort();
      break;
    }
    case 3: {  // the host's T=1 state machine against a card that repeats `in` for ever
      Chunks chunks{in, true};
      auto now = std::chrono::steady_clock::time_point{};
      int calls = 0;
      int limit = 0;
      drivers::iso7816::T1Config cfg{16, 254, (which & 0x80) != 0, 3};
      cfg.clock = [&] { return now; };
      drivers::iso7816::T1Protocol t1(
          [&](std::span<const std::uint8_t>, std::uint8_t) {
            if (++calls > limit) std::abort();  // liveness: the command would not end
            now += std::chrono::milliseconds(1);
            if (in.empty()) return drivers::iso7816::RawReply{{}, "no card", true};
            return drivers::iso7816::RawReply{chunks.next(), {}, false};
          },
          cfg);
      calls = 0;
      limit = cfg.max_retries + 1;
      (void)t1.negotiate_ifsd();
      const std::uint8_t apdu[40] = {0x00, 0xB0, 0x00, 0x00, 0x00};
      for (std::size_t len : {std::size_t{5}, sizeof apdu}) {
        calls = 0;
        limit = t1.exchange_limit(len);
        const auto r = t1.transmit(std::span(apdu, len));
        if (!r.error.empty() && r.fault == drivers::CardFault::None && !r.card_removed)
          std::abort();  // every failure is typed
        if (r.stalled && r.fault == drivers::CardFault::None) std::abort();
      }
      break;
    }
    case 4: {  // the CCID reader engine against bulk-IN transfers repeating `in` for ever
      auto now = std::chrono::steady_clock::time_point{};
      FuzzTransport t(Chunks{in, (which & 0x80) != 0}, now);
      drivers::ccid::ClassDescriptor d;
      d.features = drivers::ccid::kLevelTpdu;
      drivers::ccid::ReaderOptions o;
      o.timeout = std::chrono::milliseconds(50);
      o.max_time_extensions = 5;
      o.max_command_time = std::chrono::milliseconds(200);
      o.clock = [&] { return now; };
      drivers::ccid::CcidReader reader(t, d, o);
      for (int i = 0; i < 4; ++i) {
        const std::uint8_t apdu[5] = {0x00, 0xCA, 0x9F, 0x7F, 0x00};
        t.reads = 0;
        auto r = reader.xfr_block(0, apdu);
        if (!r.reply && r.error.empty()) std::abort();
        if (!r.reply && r.fault == drivers::CardFault::None) std::abort();
        if (t.reads > 200 + 1) std::abort();  // liveness: 1 ms a read, 200 ms a command
        if (r.disconnected) break;
      }
      break;
    }
    case 5: {  // the emulated card must survive any APDU (it also runs in the QEMU peer)
      auto card = drivers::emulated::EmulatedCard::sample_social_card();
      const auto r = card.process(in);
      if (r.size() < 2) std::abort();
      const auto t0 = card.process_t0(in);
      if (t0.size() < 2) std::abort();
      break;
    }
    default: {
      const auto shape = drivers::iso7816::parse_command(in);
      if (shape && shape->data.size() > in.size()) std::abort();
      break;
    }
  }
  return 0;
}
