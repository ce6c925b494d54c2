// Synthetic ID text records (256 bytes, UCS-2LE) for the emulated SAM reader, `make run`, the
// QEMU test peer and the tests. The people do not exist: numbers use the test area code 110105
// or GB 11643's own example, names are 测试 + a counter character.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace drivers::emulated {

struct TextRecord {
  std::vector<std::uint8_t> bytes = std::vector<std::uint8_t>(256, 0);
  // Writes `utf8` into [at, at + len) as UCS-2LE, padded with spaces.
  void put(std::size_t at, std::size_t len, const std::string& utf8);
  void type(char t) { put(248, 2, std::string(1, t)); }
};

// first17 + its GB 11643 check character.
std::string synthetic_id_number(const std::string& first17);

TextRecord synthetic_resident(const std::string& valid_to = "20360101");
TextRecord synthetic_hk_macao_taiwan();
TextRecord synthetic_foreigner_2017();
TextRecord synthetic_foreigner_2023();
std::vector<std::uint8_t> synthetic_photo();  // 1024 opaque bytes where a WLT photo would be

}  // namespace drivers::emulated
