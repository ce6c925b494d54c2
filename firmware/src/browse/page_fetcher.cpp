#include "page_fetcher.hpp"

#include <curl/curl.h>
#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace kiosk {
namespace {

struct CurlUrlDeleter {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlFree {
  void operator()(char* p) const { curl_free(p); }
};
using CurlString = std::unique_ptr<char, CurlFree>;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string charset_from(const std::string& text) {
  const std::string l = lower(text);
  const auto at = l.find("charset=");
  if (at == std::string::npos) return {};
  std::size_t b = at + 8;
  while (b < l.size() && (l[b] == '"' || l[b] == '\'' || l[b] == ' ')) ++b;
  std::size_t e = b;
  while (e < l.size() &&
         (std::isalnum(static_cast<unsigned char>(l[e])) || l[e] == '-' || l[e] == '_'))
    ++e;
  return l.substr(b, e - b);
}

struct Sink {
  std::string body;
  std::size_t limit;
  bool too_big = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t n = size * count;
  if (sink->body.size() + n > sink->limit) {
    sink->too_big = true;
    return 0;  // aborts the transfer
  }
  sink->body.append(data, n);
  return n;
}

int abort_when_cancelled(void* flag, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* cancel = static_cast<const std::atomic<bool>*>(flag);
  return cancel != nullptr && cancel->load() ? 1 : 0;
}

}  // namespace

std::string loggable_url(const std::string& url) {
  return url.substr(0, url.find_first_of("?#"));
}

namespace {

std::string parsed_origin(const std::string& url) {
  std::unique_ptr<CURLU, CurlUrlDeleter> u(curl_url());
  if (curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return {};
  char* scheme = nullptr;
  char* host = nullptr;
  char* port = nullptr;
  if (curl_url_get(u.get(), CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK) return {};
  CurlString s(scheme);
  if (curl_url_get(u.get(), CURLUPART_HOST, &host, 0) != CURLUE_OK) return {};
  CurlString h(host);
  std::string origin = lower(s.get()) + "://" + lower(h.get());
  // An explicit default port ("https://zwdt.sh.gov.cn:443/") is the same origin as none.
  if (curl_url_get(u.get(), CURLUPART_PORT, &port, CURLU_NO_DEFAULT_PORT) == CURLUE_OK) {
    CurlString p(port);
    origin += ":" + std::string(p.get());
  }
  return origin;
}

}  // namespace

std::string origin_of(const std::string& url) {
  // A link whose authority holds a user name, a backslash or a percent sign ("http://evil\@
  // 127.0%2e1/") is read differently by different parsers; no government page needs one, so it
  // has no origin and is never allowed.
  if (const auto scheme_end = url.find("://"); scheme_end != std::string::npos) {
    const auto start = scheme_end + 3;
    const auto end = url.find_first_of("/?#", start);
    const std::string authority = url.substr(start, end == std::string::npos ? end : end - start);
    if (authority.find_first_of("@\\%") != std::string::npos) return {};
  }
  // curl normalises a host as written ("http://9/" is 0.0.0.9) but not one it had to
  // percent-decode ("http:/%39/" stays 9): parsing the origin once more gives every spelling
  // of a host the same origin, so an allowlist entry matches however the page writes it.
  const std::string first = parsed_origin(url);
  if (first.find_first_of("@\\%") != std::string::npos) return {};
  return first.empty() ? first : parsed_origin(first + "/");
}

std::string resolve_url(const std::string& base, const std::string& link) {
  std::unique_ptr<CURLU, CurlUrlDeleter> u(curl_url());
  if (curl_url_set(u.get(), CURLUPART_URL, base.c_str(), 0) != CURLUE_OK) return {};
  if (curl_url_set(u.get(), CURLUPART_URL, link.c_str(), 0) != CURLUE_OK) return {};
  char* out = nullptr;
  if (curl_url_get(u.get(), CURLUPART_URL, &out, 0) != CURLUE_OK) return {};
  CurlString first(out);
  // Once more, as origin_of does: a host curl had to percent-decode ("127%2e1") comes back as
  // written ("127.1") and is only normalised ("127.0.0.1") by a second parse. The URL requested
  // is then spelt exactly as the origin that was checked (found by fuzz_url_origin).
  std::unique_ptr<CURLU, CurlUrlDeleter> again(curl_url());
  if (curl_url_set(again.get(), CURLUPART_URL, first.get(), 0) != CURLUE_OK) return {};
  out = nullptr;
  if (curl_url_get(again.get(), CURLUPART_URL, &out, 0) != CURLUE_OK) return {};
  CurlString s(out);
  const std::string url = s.get();
  // curl percent-decodes a host ("http://12.%7ft/" comes back with a raw DEL): a link that
  // resolves to a control character or a space is no link (found by fuzz_url_origin).
  for (const char c : url) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return {};
  }
  return url;
}

std::string to_utf8(const std::string& body, const std::string& content_type) {
  std::string charset = charset_from(content_type);
  if (charset.empty()) charset = charset_from(body.substr(0, 1024));  // <meta charset=...>
  if (charset != "gbk" && charset != "gb2312" && charset != "gb18030" && charset != "x-gbk") {
    return body;  // UTF-8 (or unknown: the parser replaces invalid bytes)
  }
  // GB18030 is a superset of GBK and GB2312.
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) return body;
  std::string out;
  out.reserve(body.size() * 3 / 2);
  std::string input = body;
  char* in = input.data();
  std::size_t in_left = input.size();
  char buffer[4096];
  while (in_left > 0) {
    char* o = buffer;
    std::size_t o_left = sizeof buffer;
    const std::size_t r = iconv(cd, &in, &in_left, &o, &o_left);
    out.append(buffer, sizeof buffer - o_left);
    if (r == static_cast<std::size_t>(-1) && errno != E2BIG) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a broken byte; carry on after it
      ++in;
      --in_left;
    }
  }
  iconv_close(cd);
  return out;
}

std::string url_encode_form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    CurlString n(curl_easy_escape(nullptr, name.c_str(), static_cast<int>(name.size())));
    CurlString v(curl_easy_escape(nullptr, value.c_str(), static_cast<int>(value.size())));
    out += std::string(n.get()) + "=" + v.get();
  }
  return out;
}

struct PageFetcher::Impl {
  CURL* curl = nullptr;
  ~Impl() {
    if (curl != nullptr) curl_easy_cleanup(curl);
  }
};

PageFetcher::PageFetcher(FetchPolicy policy)
    : impl_(std::make_unique<Impl>()), policy_(std::move(policy)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  impl_->curl = curl_easy_init();
  curl_easy_setopt(impl_->curl, CURLOPT_COOKIEFILE, "");  // in-memory cookie jar
}

PageFetcher::~PageFetcher() = default;

bool origin_allowed(const std::string& url, const std::vector<std::string>& allowed_origins) {
  const std::string origin = origin_of(url);
  if (origin.empty()) return false;
  return std::any_of(allowed_origins.begin(), allowed_origins.end(),
                     [&](const std::string& o) { return origin_of(o + "/") == origin; });
}

bool PageFetcher::allowed(const std::string& url) const {
  return origin_allowed(url, policy_.allowed_origins);
}

void PageFetcher::end_session() {
  // A new handle, not just an empty cookie jar: the old one keeps the last request (a posted
  // form with the citizen's phone number) in its buffers and its connection cache until it is
  // cleaned up. curl_easy_reset would keep the connections and buffers.
  curl_easy_cleanup(impl_->curl);
  impl_->curl = curl_easy_init();
  curl_easy_setopt(impl_->curl, CURLOPT_COOKIEFILE, "");  // in-memory cookie jar
}

FetchResult PageFetcher::get(const std::string& url) {
  return request(url, nullptr, policy_.max_bytes);
}

FetchResult PageFetcher::get(const std::string& url, std::size_t max_bytes) {
  return request(url, nullptr, std::min(max_bytes, policy_.max_bytes));
}

FetchResult PageFetcher::post_form(const std::string& url, const std::string& body) {
  return request(url, &body, policy_.max_bytes);
}

FetchResult PageFetcher::request(const std::string& first_url, const std::string* post_body,
                                 std::size_t max_bytes) {
  FetchResult r;
  std::string url = first_url;
  CURL* c = impl_->curl;
  for (int hop = 0;; ++hop) {
    if (!allowed(url)) {
      r.error = "origin not on the allowlist: " + loggable_url(url);
      r.user_message = "为了您的安全，自助终端只能打开政务服务网站的页面，这个地址不能打开。";
      return r;
    }
    if (hop > policy_.max_redirects) {
      r.error = "too many redirects (more than " + std::to_string(policy_.max_redirects) + ")";
      r.user_message = "这个页面一直在跳转，无法打开。请稍后再试，或请工作人员协助。";
      return r;
    }
    Sink sink{{}, max_bytes, false};
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);  // each hop is checked above
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, policy_.connect_timeout_ms);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, policy_.total_timeout_ms);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "gov-kiosk/0.1 (accessible self-service terminal)");
    // gzip, not everything libcurl can decode: servers that compress pages as they send them
    // at brotli's default quality 11 (cpp-httplib does) spend ~170 ms on a 125 KB page before
    // its first byte; gzip costs them a few ms and every server speaks it.
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "gzip, deflate");
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, abort_when_cancelled);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(cancel_));
    if (post_body != nullptr && hop == 0) {
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, post_body->c_str());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(post_body->size()));
    } else {
      curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    }
    const CURLcode rc = curl_easy_perform(c);
    if (rc != CURLE_OK) {
      r.error = std::string("fetch ") + loggable_url(url) + ": " + curl_easy_strerror(rc);
      if (rc == CURLE_ABORTED_BY_CALLBACK) {
        r.error = "cancelled: " + loggable_url(url);
        r.user_message = "已停止打开";
      } else if (sink.too_big) {
        r.error =
            "page larger than " + std::to_string(max_bytes / 1024) + " KB: " + loggable_url(url);
        r.user_message = "这个页面太大，自助终端无法显示。请工作人员协助您。";
      } else if (rc == CURLE_OPERATION_TIMEDOUT) {
        r.user_message = "网站响应太慢，请稍后再试，或请工作人员协助您。";
      } else {
        r.user_message = "无法连接到政务服务网站。请稍后再试，或请工作人员协助您。";
      }
      return r;
    }
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r.status);
    char* ct = nullptr;
    curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ct);
    r.content_type = ct != nullptr ? ct : "";
    if (r.status >= 300 && r.status < 400) {
      char* location = nullptr;
      curl_easy_getinfo(c, CURLINFO_REDIRECT_URL, &location);
      if (location == nullptr) break;
      url = location;
      post_body = nullptr;  // a redirect after POST is fetched with GET
      continue;
    }
    r.url = url;
    r.body = to_utf8(sink.body, r.content_type);
    if (r.status >= 400) {
      r.error = "HTTP " + std::to_string(r.status) + " for " + loggable_url(url);
      r.user_message = r.status == 404 ? "没有找到这个页面。请按返回键回到上一页。"
                                       : "网站暂时出了问题，请稍后再试，或请工作人员协助您。";
      return r;
    }
    r.ok = true;
    return r;
  }
  r.error = "redirect without a location: " + loggable_url(url);
  r.user_message = "无法打开这个页面。请工作人员协助您。";
  return r;
}

}  // namespace kiosk
