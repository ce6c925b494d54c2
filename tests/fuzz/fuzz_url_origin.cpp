// libFuzzer target: any bytes as a page URL, a link (href, form action, captcha URL) on it and
// one more allowed origin, as lines. How the kiosk resolves a link and checks it against the
// board's allowed origins (kiosk::resolve_url, kiosk::origin_of, kiosk::origin_allowed in
// firmware/src/browse/page_fetcher) must never crash on hostile hrefs, and:
//  - a resolved URL is one request-line token: no control character, no space;
//  - origin_of promises "scheme://host[:port], lower case, default ports dropped": it does so,
//    and an origin is its own origin;
//  - a URL the check lets through really has an allowed origin, as read by a second, plain
//    parser written here (scheme, then the authority up to / ? # less any user:password@ and
//    IPv6 zone ID, the host percent-decoded):
//    no userinfo, backslash or encoding trick makes the check see one host and the request
//    another.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "browse/page_fetcher.hpp"
#include "fuzz_support.hpp"

namespace {

std::string percent_decoded(const std::string& s) {
  auto hex = [](char c) {
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
  };
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

// "scheme://host[:port]" of an absolute URL by the plain reading (the host percent-decoded, as
// the request's name lookup sees it), default port dropped.
std::string plain_origin(const std::string& url) {
  const auto colon = url.find("://");
  if (colon == std::string::npos) return {};
  const std::string scheme = fuzz::lower_ascii(url.substr(0, colon));
  std::string authority = url.substr(colon + 3, url.find_first_of("/?#", colon + 3) - colon - 3);
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
  authority = fuzz::lower_ascii(percent_decoded(authority));
  // An IPv6 zone ID ("[fe80::1%25eth0]") names the interface, not another host.
  if (const auto zone = authority.find('%');
      authority.starts_with("[") && zone != std::string::npos) {
    const auto close = authority.find(']', zone);
    if (close != std::string::npos) authority.erase(zone, close - zone);
  }
  for (const char* dflt :
       {scheme == "http" ? ":80" : nullptr, scheme == "https" ? ":443" : nullptr}) {
    if (dflt == nullptr) continue;
    const std::string_view d(dflt);
    if (authority.size() > d.size() && authority.ends_with(d) && authority.back() != ']')
      authority.erase(authority.size() - d.size());
  }
  return scheme + "://" + authority;
}

bool has_default_port(const std::string& origin) {
  return (origin.starts_with("http://") && origin.ends_with(":80")) ||
         (origin.starts_with("https://") && origin.ends_with(":443"));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto lines =
      fuzz::split(std::string_view(reinterpret_cast<const char*>(data), size), '\n', 3);
  const std::string& base = lines[0];
  const std::string link = lines.size() > 1 ? lines[1] : std::string();
  std::vector<std::string> allowed{"http://127.0.0.1:8088", "https://zwdt.sh.gov.cn"};
  if (lines.size() > 2) allowed.push_back(lines[2]);

  for (const std::string& u : {base, link}) {
    const std::string o = kiosk::origin_of(u);
    if (o.empty()) continue;
    if (has_default_port(o)) std::abort();
    if (o != fuzz::lower_ascii(o)) std::abort();
    if (kiosk::origin_of(o + "/") != o) std::abort();  // an origin is its own origin
  }

  const std::string url = kiosk::resolve_url(base, link);
  if (url.empty()) return 0;
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) std::abort();
  }
  if (!kiosk::origin_allowed(url, allowed)) return 0;
  const std::string origin = kiosk::origin_of(url);
  if (origin.empty() || plain_origin(url) != origin) std::abort();
  bool listed = false;
  for (const auto& a : allowed) listed = listed || kiosk::origin_of(a + "/") == origin;
  if (!listed) std::abort();
  return 0;
}
