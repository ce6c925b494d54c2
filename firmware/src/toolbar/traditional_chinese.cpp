#include "traditional_chinese.hpp"

#include <opencc.h>

namespace kiosk {

struct TraditionalChinese::Handle {
  explicit Handle(opencc_t converter) : od(converter) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { opencc_close(od); }
  opencc_t od;
};

Result<TraditionalChinese> TraditionalChinese::open(const std::string& config) {
  opencc_t od = opencc_open(config.c_str());
  if (od == reinterpret_cast<opencc_t>(-1)) {
    const char* why = opencc_error();
    return technician_error("OpenCC " + config + ": " + (why != nullptr ? why : "cannot open"));
  }
  return TraditionalChinese(std::make_unique<Handle>(od));
}

TraditionalChinese::TraditionalChinese(std::unique_ptr<Handle> handle)
    : handle_(std::move(handle)) {}
TraditionalChinese::TraditionalChinese(TraditionalChinese&&) noexcept = default;
TraditionalChinese& TraditionalChinese::operator=(TraditionalChinese&&) noexcept = default;
TraditionalChinese::~TraditionalChinese() = default;

std::string TraditionalChinese::convert(const std::string& simplified) const {
  if (!handle_ || simplified.empty()) return simplified;
  char* out = opencc_convert_utf8(handle_->od, simplified.data(), simplified.size());
  if (out == nullptr) return simplified;
  std::string converted(out);
  opencc_convert_utf8_free(out);
  return converted;
}

}  // namespace kiosk
