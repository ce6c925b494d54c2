// libFuzzer target for the smart-card stack: the first byte picks a parser or a state machine,
// the rest is what a broken or hostile reader or card could send. Nothing may crash, hang or
// read out of bounds, and every refusal must say why.
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

// Hands out the input in pieces whose sizes the input itself chooses.
struct Chunks {
  std::span<const std::uint8_t> rest;
  std::vector<std::uint8_t> next() {
    if (rest.empty()) return {};
    const std::size_t n = std::min<std::size_t>(rest[0], rest.size() - 1);
    std::vector<std::uint8_t> out(rest.begin() + 1,
                                  rest.begin() + 1 + static_cast<std::ptrdiff_t>(n));
    rest = rest.subspan(1 + n);
    return out;
  }
};

class FuzzTransport final : public drivers::Transport {
 public:
  explicit FuzzTransport(Chunks c) : chunks_(c) {}
  drivers::IoResult write(std::span<const std::uint8_t> b) override {
    return {drivers::IoStatus::Ok, b.size(), {}};
  }
  drivers::IoResult read(std::vector<std::uint8_t>& into, std::chrono::milliseconds) override {
    if (chunks_.rest.empty()) return {drivers::IoStatus::Disconnected, 0, "end of input"};
    auto c = chunks_.next();
    into.insert(into.end(), c.begin(), c.end());
    return {drivers::IoStatus::Ok, c.size(), {}};
  }
  std::string describe() const override { return "fuzz"; }

 private:
  Chunks chunks_;
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
    case 3: {  // the host's T=1 state machine against arbitrary card blocks
      Chunks chunks{in};
      int calls = 0;
      drivers::iso7816::T1Protocol t1(
          [&](std::span<const std::uint8_t>, std::uint8_t) {
            ++calls;
            if (chunks.rest.empty() || calls > 10000)
              return drivers::iso7816::RawReply{{}, "end", true};
            return drivers::iso7816::RawReply{chunks.next(), {}, false};
          },
          drivers::iso7816::T1Config{16, 254, (which & 0x80) != 0, 3});
      const std::uint8_t apdu[40] = {0x00, 0xB0, 0x00, 0x00, 0x00};
      (void)t1.transmit(apdu);
      break;
    }
    case 4: {  // the CCID reader engine against arbitrary bulk-IN transfers
      FuzzTransport t(Chunks{in});
      drivers::ccid::ClassDescriptor d;
      d.features = drivers::ccid::kLevelTpdu;
      drivers::ccid::CcidReader reader(t, d, {std::chrono::milliseconds(50), 5});
      for (int i = 0; i < 4; ++i) {
        const std::uint8_t apdu[5] = {0x00, 0xCA, 0x9F, 0x7F, 0x00};
        auto r = reader.xfr_block(0, apdu);
        if (!r.reply && r.error.empty()) std::abort();
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
