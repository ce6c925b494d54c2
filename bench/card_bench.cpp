// Card reader figures, printed as `BENCH <name> <value> <unit>` lines:
// - a full ID-card read (find, select, text + photo) through the emulated SAM reader on a
//   simulated 115200-baud line;
// - APDUs per second through the whole host stack (APDU layer, T=1 block protocol, CCID
//   messages with bSeq checks) against the in-process emulated CCID reader and card, for short
//   commands and for a 256-byte READ BINARY (two T=1 blocks at the negotiated IFSD of 254).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "drivers/ccid/ccid_card.hpp"
#include "drivers/emulated/ccid_emulator.hpp"
#include "drivers/emulated/synthetic_cards.hpp"
#include "drivers/id_card_reader.hpp"
#include "drivers/iso7816/transmit.hpp"
#include "drivers/sam_emulator.hpp"

namespace {

int id_card_read() {
  drivers::SamEmulator sam;
  sam.set_baud(115200);
  drivers::IdCardReader reader(sam);
  std::vector<double> ms;
  for (int i = 0; i < 10; ++i) {
    sam.remove_card();
    sam.place_card(drivers::emulated::synthetic_resident().bytes,
                   drivers::emulated::synthetic_photo());
    const auto t0 = std::chrono::steady_clock::now();
    const auto r = reader.read_card({2026, 11, 25});
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    if (!r.card) {
      std::fprintf(stderr, "card bench: read failed: %s\n", r.error.c_str());
      return 1;
    }
  }
  std::sort(ms.begin(), ms.end());
  std::printf("BENCH id_card_read_emulated_115200_baud_median %.1f ms\n", ms[ms.size() / 2]);
  return 0;
}

// Runs `apdu` repeatedly for about half a second; APDUs per second.
double apdus_per_second(drivers::iso7816::CardChannel& card, const drivers::iso7816::Apdu& apdu) {
  int n = 0;
  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  while (elapsed() < 0.5) {
    for (int i = 0; i < 50; ++i) {
      auto r = drivers::iso7816::transmit(card, apdu);
      if (!r.response || r.response->sw != 0x9000) {
        std::fprintf(stderr, "card bench: APDU failed: %s\n", r.error.c_str());
        return 0;
      }
      ++n;
    }
  }
  return n / elapsed();
}

int t1_throughput() {
  drivers::emulated::CcidEmulator emulator(drivers::emulated::CcidEmulator::tpdu_reader());
  emulator.insert(drivers::emulated::EmulatedCard::sample_social_card());
  drivers::ccid::CcidReader reader(emulator, emulator.descriptor());
  auto connected = drivers::ccid::CcidCard::connect(reader, 0);
  if (!connected.card || connected.card->protocol() != 1) {
    std::fprintf(stderr, "card bench: T=1 connect failed: %s\n", connected.error.c_str());
    return 1;
  }
  auto& card = *connected.card;
  drivers::iso7816::transmit(card, drivers::iso7816::select_by_aid(emulator.card()->aid()));
  drivers::iso7816::transmit(card, drivers::iso7816::select_file(0x0004));
  const double short_rate = apdus_per_second(card, drivers::iso7816::get_data(0x9F7F, 4));
  const double long_rate = apdus_per_second(card, drivers::iso7816::read_binary(0, 256));
  if (short_rate == 0 || long_rate == 0) return 1;
  std::printf("BENCH t1_apdus_per_second_get_data %.0f apdu/s\n", short_rate);
  std::printf("BENCH t1_apdus_per_second_read_binary_256 %.0f apdu/s\n", long_rate);
  return 0;
}

}  // namespace

int main() {
  return id_card_read() | t1_throughput();
}
