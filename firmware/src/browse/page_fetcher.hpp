// Fetches service pages over HTTP(S) with libcurl for one citizen session: a cookie jar that
// lives as long as the session, only origins on the board's allowlist (every redirect hop is
// checked), timeouts, a size limit, and GBK/GB18030 pages converted to UTF-8. Failures come
// back with a sentence for the citizen and a reason for the technician, never an exception.
#pragma once

#include <atomic>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace kiosk {

struct FetchPolicy {
  std::vector<std::string> allowed_origins;  // "http://127.0.0.1:8088", "https://zwdt.sh.gov.cn"
  long connect_timeout_ms = 3000;
  long total_timeout_ms = 10000;
  std::size_t max_bytes = 4 * 1024 * 1024;
  int max_redirects = 5;
};

struct FetchResult {
  bool ok = false;
  long status = 0;
  std::string url;  // after redirects
  std::string content_type;
  std::string body;          // UTF-8
  std::string user_message;  // Chinese, spoken and shown when !ok
  std::string error;         // for the log
};

// "scheme://host[:port]" of a URL, lower case, default ports dropped; empty if unparsable.
std::string origin_of(const std::string& url);
// Resolves `link` against `base` (RFC 3986); empty if either is malformed or the result is not
// one request token (curl decodes a percent-encoded host: "%7f" became a raw DEL).
std::string resolve_url(const std::string& base, const std::string& link);
// Whether `url`'s origin is one of `allowed_origins` ("http://127.0.0.1:8088"): the one check
// every page, link, form action, redirect hop and captcha URL goes through.
bool origin_allowed(const std::string& url, const std::vector<std::string>& allowed_origins);
// Converts `body` to UTF-8 from the charset named in Content-Type or a <meta> tag.
std::string to_utf8(const std::string& body, const std::string& content_type);
// The URL without its query and fragment: what may go into a log (a GET form's query holds what
// the citizen typed).
std::string loggable_url(const std::string& url);
// application/x-www-form-urlencoded
std::string url_encode_form(const std::vector<std::pair<std::string, std::string>>& fields);

class PageFetcher {
 public:
  explicit PageFetcher(FetchPolicy policy);
  ~PageFetcher();
  PageFetcher(const PageFetcher&) = delete;
  PageFetcher& operator=(const PageFetcher&) = delete;

  bool allowed(const std::string& url) const;
  // While `*flag` is true a transfer in progress stops at once (Esc while a page loads).
  void set_cancel_flag(const std::atomic<bool>* flag) { cancel_ = flag; }
  FetchResult get(const std::string& url);
  // The same with a smaller size limit (a page's style sheet): over it, the fetch fails.
  FetchResult get(const std::string& url, std::size_t max_bytes);
  FetchResult post_form(const std::string& url, const std::string& urlencoded_body);
  // Forget every cookie: the next citizen starts clean.
  void end_session();

 private:
  FetchResult request(const std::string& url, const std::string* post_body, std::size_t max_bytes);
  struct Impl;
  std::unique_ptr<Impl> impl_;
  FetchPolicy policy_;
  const std::atomic<bool>* cancel_ = nullptr;
};

}  // namespace kiosk
