// 简/繁: the caption bar in traditional characters, for citizens who read those (Hong Kong,
// Macao, Taiwan visitors, some elderly readers). OpenCC's s2t conversion, phrase-aware
// (办理 → 辦理, 发展 → 發展), loaded once from Debian's /usr/share/opencc.
#pragma once

#include <memory>
#include <string>

#include "kiosk/result.hpp"

namespace kiosk {

class TraditionalChinese {
 public:
  // Fails when OpenCC's config or dictionaries are missing (libopencc1.1 / opencc-data).
  static Result<TraditionalChinese> open(const std::string& config = kS2tConfig);
  TraditionalChinese(TraditionalChinese&&) noexcept;
  TraditionalChinese& operator=(TraditionalChinese&&) noexcept;
  ~TraditionalChinese();

  // Simplified → traditional; the text as it is when OpenCC cannot convert it.
  std::string convert(const std::string& simplified) const;

  static constexpr const char* kS2tConfig = "/usr/share/opencc/s2t.json";

 private:
  struct Handle;
  explicit TraditionalChinese(std::unique_ptr<Handle> handle);
  std::unique_ptr<Handle> handle_;
};

}  // namespace kiosk
