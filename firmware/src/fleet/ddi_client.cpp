#include "fleet/ddi_client.hpp"

#include <curl/curl.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace fleet {
namespace {

using kiosk::technician_error;
using nlohmann::json;

constexpr std::size_t kMaxJsonBytes = 1 << 20;  // a controller's JSON is a few KiB
constexpr std::size_t kMaxErrorBody = 64 << 10;

json parse_object(std::string_view text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return json();
  return j;
}

// The object at `key`, or null when absent or not an object (the caller says which is wrong).
const json* object_at(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_object()) return nullptr;
  return &*it;
}

std::optional<std::string> string_at(const json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

std::optional<std::string> href_at(const json& links, const char* name) {
  const json* link = object_at(links, name);
  if (!link) return std::nullopt;
  auto href = string_at(*link, "href");
  if (!href || !(href->starts_with("http://") || href->starts_with("https://"))) {
    return std::nullopt;
  }
  return href;
}

std::optional<Handling> handling(const json& deployment, const char* key) {
  const auto text = string_at(deployment, key);
  if (!text) return Handling::Attempt;  // optional in the model; hawkBit always sends it
  if (*text == "skip") return Handling::Skip;
  if (*text == "attempt") return Handling::Attempt;
  if (*text == "forced") return Handling::Forced;
  return std::nullopt;
}

bool is_hex(std::string_view s, std::size_t length) {
  if (s.size() != length) return false;
  for (const char c : s) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The id is a string in the model ("8"), but a number is accepted too.
std::optional<std::string> action_id(const json& j) {
  if (!j.is_object()) return std::nullopt;
  const auto it = j.find("id");
  if (it == j.end()) return std::nullopt;
  std::string id;
  if (it->is_string()) id = it->get<std::string>();
  if (it->is_number_unsigned()) id = std::to_string(it->get<std::uint64_t>());
  if (id.empty() || id.size() > 20) return std::nullopt;
  for (const char c : id) {
    if (c < '0' || c > '9') return std::nullopt;  // it becomes part of a URL path
  }
  return id;
}

struct CurlHandle {
  CURL* h = curl_easy_init();
  curl_slist* headers = nullptr;
  ~CurlHandle() {
    curl_slist_free_all(headers);
    if (h) curl_easy_cleanup(h);
  }
  void header(const std::string& line) { headers = curl_slist_append(headers, line.c_str()); }
};

size_t collect(char* data, size_t size, size_t n, void* user) {
  auto* body = static_cast<std::string*>(user);
  if (body->size() + size * n > kMaxJsonBytes) return 0;  // aborts: nobody needs more
  body->append(data, size * n);
  return size * n;
}

struct DownloadSink {
  CURL* h = nullptr;
  int fd = -1;
  std::uint64_t offset = 0;  // bytes in the file when the request was made
  std::uint64_t expected = 0;
  std::uint64_t written = 0;
  bool decided = false;
  bool keep = false;  // the body goes into the file (200 or 206 from the right offset)
  bool too_large = false;
  bool write_failed = false;
  bool wrong_range = false;
  std::optional<std::uint64_t> range_start;  // from Content-Range
  std::size_t discarded = 0;
};

size_t download_header(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<DownloadSink*>(user);
  const std::string_view line(data, size * n);
  constexpr std::string_view kName = "content-range:";
  if (line.size() > kName.size() && lower(std::string(line.substr(0, kName.size()))) == kName) {
    // "Content-Range: bytes 1000-1999/2000"
    const auto bytes = line.find("bytes");
    if (bytes != std::string_view::npos) {
      std::size_t i = bytes + 5;
      while (i < line.size() && line[i] == ' ') ++i;
      std::uint64_t start = 0;
      bool any = false;
      while (i < line.size() && line[i] >= '0' && line[i] <= '9') {
        start = start * 10 + static_cast<std::uint64_t>(line[i] - '0');
        any = true;
        ++i;
      }
      if (any) sink->range_start = start;
    }
  }
  return size * n;
}

size_t download_body(char* data, size_t size, size_t n, void* user) {
  auto* sink = static_cast<DownloadSink*>(user);
  const std::size_t bytes = size * n;
  if (!sink->decided) {
    sink->decided = true;
    long status = 0;
    curl_easy_getinfo(sink->h, CURLINFO_RESPONSE_CODE, &status);
    if (status == 206) {
      sink->keep = sink->range_start && *sink->range_start == sink->offset;
      sink->wrong_range = !sink->keep;
    } else if (status == 200) {
      // The whole file again: start it over rather than append a second copy.
      if (sink->offset > 0 && ::ftruncate(sink->fd, 0) != 0) {
        sink->write_failed = true;
        return 0;
      }
      sink->offset = 0;
      sink->keep = true;
    }
  }
  if (!sink->keep) {
    sink->discarded += bytes;
    return sink->discarded > kMaxErrorBody || sink->wrong_range ? 0 : bytes;
  }
  if (sink->offset + sink->written + bytes > sink->expected) {
    sink->too_large = true;
    return 0;
  }
  std::size_t done = 0;
  while (done < bytes) {
    const ssize_t w = ::write(sink->fd, data + done, bytes - done);
    if (w <= 0) {
      sink->write_failed = true;
      return 0;
    }
    done += static_cast<std::size_t>(w);
  }
  sink->written += bytes;
  return bytes;
}

void common_options(CURL* h, const DdiSettings& s) {
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);  // curl drops our Authorization off-host
  curl_easy_setopt(h, CURLOPT_MAXREDIRS, 3L);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, s.connect_timeout_s);
  if (!s.ca_file.empty()) curl_easy_setopt(h, CURLOPT_CAINFO, s.ca_file.c_str());
}

}  // namespace

const char* to_string(Execution e) {
  switch (e) {
    case Execution::Closed:
      return "closed";
    case Execution::Proceeding:
      return "proceeding";
    case Execution::Canceled:
      return "canceled";
    case Execution::Scheduled:
      return "scheduled";
    case Execution::Rejected:
      return "rejected";
    case Execution::Resumed:
      return "resumed";
    case Execution::Downloaded:
      return "downloaded";
    case Execution::Download:
      return "download";
  }
  return "proceeding";
}

const char* to_string(Finished f) {
  switch (f) {
    case Finished::Success:
      return "success";
    case Finished::Failure:
      return "failure";
    case Finished::None:
      return "none";
  }
  return "none";
}

std::optional<std::chrono::seconds> parse_sleep(std::string_view text) {
  long parts[3] = {0, 0, 0};
  int part = 0;
  int digits = 0;
  for (const char c : text) {
    if (c == ':') {
      if (digits == 0 || ++part > 2) return std::nullopt;
      digits = 0;
    } else if (c >= '0' && c <= '9') {
      if (++digits > 6) return std::nullopt;
      parts[part] = parts[part] * 10 + (c - '0');
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits == 0 || parts[1] > 59 || parts[2] > 59) return std::nullopt;
  return std::chrono::seconds(parts[0] * 3600 + parts[1] * 60 + parts[2]);
}

kiosk::Result<ControllerBase> parse_controller_base(std::string_view text) {
  const json j = parse_object(text);
  if (j.is_null()) return technician_error("DDI controller base: not a JSON object");
  ControllerBase base;
  const json* config = object_at(j, "config");
  const json* polling = config ? object_at(*config, "polling") : nullptr;
  const auto sleep = polling ? string_at(*polling, "sleep") : std::nullopt;
  const auto seconds = sleep ? parse_sleep(*sleep) : std::nullopt;
  if (!seconds) return technician_error("DDI controller base: no valid config.polling.sleep");
  base.sleep = *seconds;
  if (const json* links = object_at(j, "_links")) {
    base.deployment_href = href_at(*links, "deploymentBase");
    base.cancel_href = href_at(*links, "cancelAction");
  }
  return base;
}

kiosk::Result<DdiDeployment> parse_deployment(std::string_view text) {
  const json j = parse_object(text);
  if (j.is_null()) return technician_error("DDI deploymentBase: not a JSON object");
  DdiDeployment d;
  const auto id = action_id(j);
  if (!id) return technician_error("DDI deploymentBase: no valid id");
  d.action_id = *id;
  const json* dep = object_at(j, "deployment");
  if (!dep) return technician_error("DDI deploymentBase " + d.action_id + ": no deployment");
  const auto download = handling(*dep, "download");
  const auto update = handling(*dep, "update");
  if (!download || !update) {
    return technician_error("DDI deploymentBase " + d.action_id +
                            ": download/update is not skip, attempt or forced");
  }
  d.download = *download;
  d.update = *update;
  if (dep->contains("maintenanceWindow")) {
    const auto window = string_at(*dep, "maintenanceWindow");
    if (window == "available") {
      d.window = ServerWindow::Available;
    } else if (window == "unavailable") {
      d.window = ServerWindow::Unavailable;
    } else {
      return technician_error("DDI deploymentBase " + d.action_id +
                              ": maintenanceWindow is not available or unavailable");
    }
  }
  const auto chunks = dep->find("chunks");
  if (chunks == dep->end() || !chunks->is_array()) {
    return technician_error("DDI deploymentBase " + d.action_id + ": no chunks");
  }
  for (const json& c : *chunks) {
    if (!c.is_object()) return technician_error("DDI deploymentBase: a chunk is not an object");
    DdiChunk chunk{string_at(c, "part").value_or(""),
                   string_at(c, "version").value_or(""),
                   string_at(c, "name").value_or(""),
                   {}};
    const auto artifacts = c.find("artifacts");
    if (artifacts != c.end() && !artifacts->is_array()) {
      return technician_error("DDI deploymentBase: artifacts is not an array");
    }
    if (artifacts != c.end()) {
      for (const json& a : *artifacts) {
        DdiArtifact artifact;
        const auto name = string_at(a, "filename");
        const json* hashes = object_at(a, "hashes");
        const auto sha = hashes ? string_at(*hashes, "sha256") : std::nullopt;
        const auto size = a.is_object() ? a.find("size") : a.end();
        const json* links = object_at(a, "_links");
        auto href = links ? href_at(*links, "download-http") : std::nullopt;
        if (!href && links) href = href_at(*links, "download");
        if (!name || name->empty() || name->find('/') != std::string::npos) {
          return technician_error("DDI deploymentBase: an artifact has no valid filename");
        }
        if (!sha || !is_hex(*sha, 64)) {
          return technician_error("DDI deploymentBase: artifact " + *name + " has no sha256");
        }
        if (size == a.end() || !size->is_number_unsigned()) {
          return technician_error("DDI deploymentBase: artifact " + *name + " has no size");
        }
        if (!href) {
          return technician_error("DDI deploymentBase: artifact " + *name +
                                  " has no download link");
        }
        artifact.filename = *name;
        artifact.sha256 = lower(*sha);
        artifact.size = size->get<std::uint64_t>();
        artifact.href = *href;
        chunk.artifacts.push_back(std::move(artifact));
      }
    }
    d.chunks.push_back(std::move(chunk));
  }
  return d;
}

kiosk::Result<DdiCancel> parse_cancel(std::string_view text) {
  const json j = parse_object(text);
  if (j.is_null()) return technician_error("DDI cancelAction: not a JSON object");
  const auto id = action_id(j);
  const json* cancel = object_at(j, "cancelAction");
  json stop;
  if (cancel) {
    const auto it = cancel->find("stopId");
    if (it != cancel->end()) stop["id"] = *it;
  }
  const auto stop_id = action_id(stop);
  if (!id || !stop_id) return technician_error("DDI cancelAction: no valid id or stopId");
  return DdiCancel{*id, *stop_id};
}

std::string feedback_json(const Feedback& f) {
  json details = json::array();
  for (const auto& d : f.details) details.push_back(d);
  const json j = {{"status",
                   {{"execution", to_string(f.execution)},
                    {"result", {{"finished", to_string(f.finished)}}},
                    {"details", details}}}};
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

DdiClient::DdiClient(DdiSettings settings) : settings_(std::move(settings)) {
  while (settings_.server_url.ends_with('/')) settings_.server_url.pop_back();
}

DdiClient::~DdiClient() = default;

std::string DdiClient::base_url() const {
  return settings_.server_url + "/" + settings_.tenant + "/controller/v1/" +
         settings_.controller_id;
}

bool DdiClient::same_origin(const std::string& url) const {
  // scheme://host[:port] of the server, then a path, a query or nothing.
  const auto scheme_end = settings_.server_url.find("://");
  if (scheme_end == std::string::npos) return false;
  const auto path = settings_.server_url.find('/', scheme_end + 3);
  const std::string origin = settings_.server_url.substr(0, path);
  if (!url.starts_with(origin)) return false;
  return url.size() == origin.size() || url[origin.size()] == '/' || url[origin.size()] == '?';
}

kiosk::Result<DdiClient::Response> DdiClient::request(const std::string& url,
                                                      const std::string* post_body) {
  CurlHandle c;
  if (!c.h) return technician_error("DDI: curl_easy_init failed");
  common_options(c.h, settings_);
  Response r;
  c.header("Accept: application/hal+json, application/json");
  if (same_origin(url)) c.header("Authorization: TargetToken " + settings_.token);
  if (post_body) {
    c.header("Content-Type: application/json");
    curl_easy_setopt(c.h, CURLOPT_POSTFIELDS, post_body->c_str());
    curl_easy_setopt(c.h, CURLOPT_POSTFIELDSIZE, static_cast<long>(post_body->size()));
  }
  curl_easy_setopt(c.h, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.h, CURLOPT_HTTPHEADER, c.headers);
  curl_easy_setopt(c.h, CURLOPT_TIMEOUT, settings_.request_timeout_s);
  curl_easy_setopt(c.h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(c.h, CURLOPT_WRITEDATA, &r.body);
  const CURLcode rc = curl_easy_perform(c.h);
  curl_easy_getinfo(c.h, CURLINFO_RESPONSE_CODE, &r.status);
  const std::string what = (post_body ? "POST " : "GET ") + url;
  if (rc != CURLE_OK) return technician_error(what + ": " + curl_easy_strerror(rc));
  if (r.status < 200 || r.status > 299) {
    return technician_error(what + ": HTTP " + std::to_string(r.status));
  }
  return r;
}

kiosk::Result<ControllerBase> DdiClient::poll() {
  auto r = request(base_url(), nullptr);
  if (!r) return r.error();
  return parse_controller_base(r->body);
}

kiosk::Result<DdiDeployment> DdiClient::deployment(const std::string& href) {
  auto r = request(href, nullptr);
  if (!r) return r.error();
  return parse_deployment(r->body);
}

kiosk::Result<DdiCancel> DdiClient::cancel(const std::string& href) {
  auto r = request(href, nullptr);
  if (!r) return r.error();
  return parse_cancel(r->body);
}

kiosk::Result<void> DdiClient::feedback(const std::string& action_id, const Feedback& f) {
  const std::string body = feedback_json(f);
  auto r = request(base_url() + "/deploymentBase/" + action_id + "/feedback", &body);
  if (!r) return r.error();
  return {};
}

kiosk::Result<void> DdiClient::cancel_feedback(const std::string& action_id, const Feedback& f) {
  const std::string body = feedback_json(f);
  auto r = request(base_url() + "/cancelAction/" + action_id + "/feedback", &body);
  if (!r) return r.error();
  return {};
}

DownloadResult DdiClient::download(const std::string& href, const std::string& path,
                                   std::uint64_t expected_size) {
  DownloadResult result;
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) {
    result.detail = "cannot open " + path + " for writing";
    return result;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    result.detail = "cannot stat " + path;
    return result;
  }
  DownloadSink sink;
  sink.fd = fd;
  sink.offset = static_cast<std::uint64_t>(st.st_size);
  sink.expected = expected_size;
  if (sink.offset > expected_size) {  // not ours: start over
    if (::ftruncate(fd, 0) != 0) {
      result.detail = "cannot truncate " + path;
      return result;
    }
    sink.offset = 0;
  }
  if (sink.offset == expected_size) {
    result.outcome = DownloadResult::Outcome::Complete;
    return result;
  }

  CurlHandle c;
  if (!c.h) {
    result.detail = "curl_easy_init failed";
    return result;
  }
  sink.h = c.h;
  common_options(c.h, settings_);
  if (same_origin(href)) c.header("Authorization: TargetToken " + settings_.token);
  const std::string range = std::to_string(sink.offset) + "-";  // curl adds "bytes="
  if (sink.offset > 0) curl_easy_setopt(c.h, CURLOPT_RANGE, range.c_str());
  curl_easy_setopt(c.h, CURLOPT_URL, href.c_str());
  curl_easy_setopt(c.h, CURLOPT_HTTPHEADER, c.headers);
  curl_easy_setopt(c.h, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(c.h, CURLOPT_LOW_SPEED_TIME, settings_.stall_limit_s);
  curl_easy_setopt(c.h, CURLOPT_HEADERFUNCTION, download_header);
  curl_easy_setopt(c.h, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(c.h, CURLOPT_WRITEFUNCTION, download_body);
  curl_easy_setopt(c.h, CURLOPT_WRITEDATA, &sink);
  const CURLcode rc = curl_easy_perform(c.h);
  curl_easy_getinfo(c.h, CURLINFO_RESPONSE_CODE, &result.http_status);
  result.bytes_received = sink.written;
  result.resumed = result.http_status == 206 && sink.keep;
  const std::uint64_t have = sink.offset + sink.written;
  using O = DownloadResult::Outcome;
  if (sink.write_failed) {
    result.outcome = O::LocalError;
    result.detail = "writing " + path + " failed (disk full?)";
  } else if (sink.too_large) {
    result.outcome = O::TooLarge;
    result.detail =
        "the server sent more than the announced " + std::to_string(expected_size) + " bytes";
    if (::ftruncate(fd, 0) != 0) result.detail += "; cannot truncate " + path;
  } else if (result.http_status == 404 || result.http_status == 410) {
    result.outcome = O::NotFound;
    result.detail =
        "the artifact is not on the server (HTTP " + std::to_string(result.http_status) + ")";
  } else if (sink.wrong_range) {
    // A range other than the one asked for: start over next time, never splice.
    if (::ftruncate(fd, 0) != 0) result.detail = "cannot truncate " + path;
    result.outcome = O::Cut;
    result.detail = "the server answered another range than bytes=" + std::to_string(sink.offset) +
                    "-; starting over";
  } else if (result.http_status != 0 && result.http_status != 200 && result.http_status != 206) {
    result.outcome = O::Refused;
    result.detail = "the server answered HTTP " + std::to_string(result.http_status);
  } else if (have == expected_size) {
    result.outcome = O::Complete;
  } else {
    result.outcome = O::Cut;
    result.detail = "download stopped at " + std::to_string(have) + " of " +
                    std::to_string(expected_size) + " bytes (" +
                    (rc == CURLE_OK ? "connection closed" : curl_easy_strerror(rc)) + ")";
  }
  return result;
}

}  // namespace fleet
