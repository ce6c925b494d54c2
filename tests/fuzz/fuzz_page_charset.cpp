// libFuzzer target: any bytes as a fetched page body, with a Content-Type the input picks (GBK
// named in the header, UTF-8, none, or a header taken from the input). The charset conversion
// (kiosk::to_utf8, firmware/src/browse/page_fetcher) must never crash, and:
//  - a page the header declares GBK/GB2312/GB18030 comes out as strict UTF-8, every broken byte
//    a U+FFFD, at most 3 bytes out per byte in (a 2-byte hanzi becomes 3, a 4-byte GB18030
//    sequence 4, one bad byte 3);
//  - a page left unconverted (UTF-8 or an unknown charset) comes out byte for byte unchanged;
//  - whatever was converted is strict UTF-8 within the same bound.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "browse/page_fetcher.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::string content_type;
  std::string body = rest;
  bool declared_gbk = false;
  switch (data[0] % 5) {
    case 0:
      content_type = "text/html; charset=GBK";
      declared_gbk = true;
      break;
    case 1:
      content_type = "text/html;charset=\"gb18030\"";
      declared_gbk = true;
      break;
    case 2:
      content_type = "text/html; charset=utf-8";
      break;
    case 3:
      content_type = "text/html";  // the page's own <meta charset> decides
      break;
    default: {  // the header's value comes from the input too
      const auto nl = rest.find('\n');
      content_type = rest.substr(0, nl);
      body = nl == std::string::npos ? std::string() : rest.substr(nl + 1);
      break;
    }
  }
  const std::string out = kiosk::to_utf8(body, content_type);
  if (out.size() > 3 * body.size()) std::abort();  // bounded growth
  if (declared_gbk && !fuzz::valid_utf8(out)) std::abort();
  if (out != body && !fuzz::valid_utf8(out)) std::abort();  // converted, yet not UTF-8
  return 0;
}
