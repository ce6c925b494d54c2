// libFuzzer target: any bytes as a form's names and values (Chinese, '&', '=', '+', '%', NUL,
// broken UTF-8 — whatever a page's markup or a citizen's typing holds). The kiosk's
// application/x-www-form-urlencoded body (kiosk::url_encode_form, used by
// PageForms::encoded in firmware/src/browse/forms) must never crash, and:
//  - it holds only unreserved characters, %XX escapes, '=' and '&' (nothing a server could
//    split on or read as a space);
//  - decoding it the way a server does (split on '&' then the first '=', '+' is a space, %XX
//    a byte; written here, not curl's) gives back exactly the pairs, in order.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "browse/page_fetcher.hpp"
#include "fuzz_support.hpp"

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

bool unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string form_decode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) std::abort();  // a cut-off escape
      const int hi = hex_value(s[i + 1]);
      const int lo = hex_value(s[i + 2]);
      if (hi < 0 || lo < 0) std::abort();
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  std::vector<std::pair<std::string, std::string>> fields;
  while (in.remaining_bytes() > 0 && fields.size() < 64) {
    std::string name = in.ConsumeRandomLengthString(256);
    std::string value = in.ConsumeRandomLengthString(1024);
    fields.emplace_back(std::move(name), std::move(value));
  }
  const std::string body = kiosk::url_encode_form(fields);
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (c == '%') {
      if (i + 2 >= body.size() || hex_value(body[i + 1]) < 0 || hex_value(body[i + 2]) < 0)
        std::abort();
      i += 2;
    } else if (!unreserved(c) && c != '=' && c != '&') {
      std::abort();
    }
  }
  if (fields.empty()) {
    if (!body.empty()) std::abort();
    return 0;
  }
  const auto pairs = fuzz::split(body, '&', fields.size() + 1);
  if (pairs.size() != fields.size()) std::abort();
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const auto eq = pairs[k].find('=');
    if (eq == std::string::npos) std::abort();
    if (form_decode(pairs[k].substr(0, eq)) != fields[k].first) std::abort();
    if (form_decode(pairs[k].substr(eq + 1)) != fields[k].second) std::abort();
  }
  return 0;
}
