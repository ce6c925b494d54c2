// Card reader figures: a full ID-card read (find, select, text + photo) through the emulated
// SAM reader on a simulated 115200-baud line. Prints `BENCH <name> <value> <unit>` lines.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "drivers/id_card_reader.hpp"
#include "drivers/sam_emulator.hpp"

int main() {
  // A synthetic record: valid enough to parse (name, codes, dates, a GB 11643 number).
  std::vector<std::uint8_t> text(256, 0);
  auto put = [&](std::size_t at, std::size_t len, const std::u16string& s) {
    for (std::size_t i = 0; i < len / 2; ++i) {
      const char16_t c = i < s.size() ? s[i] : u' ';
      text[at + 2 * i] = static_cast<std::uint8_t>(c & 0xFF);
      text[at + 2 * i + 1] = static_cast<std::uint8_t>(c >> 8);
    }
  };
  const std::string first17 = "31010119900101123";
  std::u16string id(first17.begin(), first17.end());
  id += static_cast<char16_t>(drivers::id_check_character(first17));
  put(0, 30, u"测试乙");
  put(30, 2, u"1");
  put(32, 4, u"01");
  put(36, 16, u"19900101");
  put(52, 70, u"上海市测试区示例路2号");
  put(122, 36, id);
  put(158, 30, u"测试分局");
  put(188, 16, u"20160101");
  put(204, 16, u"20360101");

  drivers::SamEmulator sam;
  sam.set_baud(115200);
  drivers::IdCardReader reader(sam);
  std::vector<double> ms;
  for (int i = 0; i < 10; ++i) {
    sam.remove_card();
    sam.place_card(text, std::vector<std::uint8_t>(1024, 0x42));
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
