// The kiosk's side of Eclipse hawkBit's Direct Device Integration (DDI) API v1: HTTP and JSON
// only, no decisions (those are fleet::Rollout's). Every response is parsed without exceptions
// and validated before use; anything else is an error naming what was wrong.
//
// The shapes used, from hawkBit's DDI model (eclipse-hawkbit/hawkbit,
// hawkbit-ddi/hawkbit-ddi-api/.../ddi/json/model: DdiControllerBase, DdiConfig/DdiPolling,
// DdiDeploymentBase, DdiDeployment, DdiChunk, DdiArtifact, DdiArtifactHash, DdiCancel,
// DdiCancelActionToStop, DdiActionFeedback, DdiStatus, DdiResult) and the DDI API page
// (https://eclipse.dev/hawkbit/apis/ddi_api/):
//   GET  {server}/{tenant}/controller/v1/{controllerId}
//        {"config":{"polling":{"sleep":"HH:MM:SS"}},
//         "_links":{"deploymentBase":{"href":".../deploymentBase/{actionId}?c=…"},
//                   "cancelAction":{"href":".../cancelAction/{actionId}"}}}
//   GET  deploymentBase href
//        {"id":"8","deployment":{"download":"skip|attempt|forced","update":"skip|attempt|forced",
//         "maintenanceWindow":"available|unavailable" (absent: no window),
//         "chunks":[{"part","version","name","artifacts":[{"filename","size",
//           "hashes":{"sha1","md5","sha256"},"_links":{"download-http":{"href"},
//           "download":{"href"}}}]}]}}
//   GET  cancelAction href  {"id":"11","cancelAction":{"stopId":"11"}}
//   POST .../deploymentBase/{actionId}/feedback and .../cancelAction/{actionId}/feedback
//        {"status":{"execution":"closed|proceeding|canceled|scheduled|rejected|resumed|
//         downloaded|download","result":{"finished":"success|failure|none"},"details":[…]}}
//   Artifact downloads honour RFC 7233 ranges (resume with "Range: bytes=N-").
//   Every request carries "Authorization: TargetToken <token>" — but only to the configured
//   server's own origin: an artifact link to another host (a CDN) is fetched without it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kiosk/result.hpp"

namespace fleet {

struct DdiSettings {
  std::string server_url;     // "https://hawkbit.example.gov.cn" (no trailing slash needed)
  std::string tenant;         // "DEFAULT"
  std::string controller_id;  // this kiosk's controllerId
  std::string token;          // the target security token
  long connect_timeout_s = 15;
  long request_timeout_s = 60;  // JSON requests; downloads use the stall limit below instead
  long stall_limit_s = 60;      // a download moving < 1 KiB/s this long is cut (then resumed)
  std::string ca_file;          // optional CA bundle for https
};

struct ControllerBase {
  std::chrono::seconds sleep{0};  // config.polling.sleep
  std::optional<std::string> deployment_href;
  std::optional<std::string> cancel_href;
};

enum class Handling { Skip, Attempt, Forced };
enum class ServerWindow { None, Available, Unavailable };

struct DdiArtifact {
  std::string filename;
  std::uint64_t size = 0;
  std::string sha256;  // lower-case hex, 64 characters (required: the kiosk verifies it)
  std::string href;    // download-http, else download
};

struct DdiChunk {
  std::string part;
  std::string version;
  std::string name;
  std::vector<DdiArtifact> artifacts;
};

struct DdiDeployment {
  std::string action_id;
  Handling download = Handling::Attempt;
  Handling update = Handling::Attempt;
  ServerWindow window = ServerWindow::None;
  std::vector<DdiChunk> chunks;
};

struct DdiCancel {
  std::string action_id;  // the cancel action's own id (its feedback goes there)
  std::string stop_id;    // the deployment action to stop
};

enum class Execution {
  Closed,
  Proceeding,
  Canceled,
  Scheduled,
  Rejected,
  Resumed,
  Downloaded,
  Download
};
enum class Finished { Success, Failure, None };

struct Feedback {
  Execution execution = Execution::Proceeding;
  Finished finished = Finished::None;
  std::vector<std::string> details;
};

const char* to_string(Execution e);
const char* to_string(Finished f);

// The parsers, on their own so tests can feed them anything. Never throw.
kiosk::Result<ControllerBase> parse_controller_base(std::string_view text);
kiosk::Result<DdiDeployment> parse_deployment(std::string_view text);
kiosk::Result<DdiCancel> parse_cancel(std::string_view text);
std::string feedback_json(const Feedback& feedback);
// "HH:MM:SS" (hours may exceed 23) to seconds; nullopt for anything else.
std::optional<std::chrono::seconds> parse_sleep(std::string_view text);

struct DownloadResult {
  enum class Outcome {
    Complete,   // the file now holds `expected_size` bytes
    Cut,        // the transfer stopped early (network, stall, server); resumable
    NotFound,   // 404 or 410: the artifact is gone, retrying will not help
    Refused,    // another HTTP error status
    TooLarge,   // the server sent more than expected: the file was removed
    LocalError  // the file could not be written
  };
  Outcome outcome = Outcome::LocalError;
  long http_status = 0;
  std::uint64_t bytes_received = 0;  // body bytes written to the file by this request
  bool resumed = false;              // the request asked for a range and got 206
  std::string detail;                // for the technician and the failure feedback
};

class DdiClient {
 public:
  explicit DdiClient(DdiSettings settings);
  ~DdiClient();
  DdiClient(const DdiClient&) = delete;
  DdiClient& operator=(const DdiClient&) = delete;

  const DdiSettings& settings() const { return settings_; }
  std::string base_url() const;  // {server}/{tenant}/controller/v1/{controllerId}

  kiosk::Result<ControllerBase> poll();
  kiosk::Result<DdiDeployment> deployment(const std::string& href);
  kiosk::Result<DdiCancel> cancel(const std::string& href);
  kiosk::Result<void> feedback(const std::string& action_id, const Feedback& feedback);
  kiosk::Result<void> cancel_feedback(const std::string& action_id, const Feedback& feedback);
  // Appends to `path` from its current size (a Range request when it is not empty) up to
  // `expected_size`; never writes past it. A server that ignores the range (200) restarts the
  // file from zero.
  DownloadResult download(const std::string& href, const std::string& path,
                          std::uint64_t expected_size);

 private:
  struct Response {
    long status = 0;
    std::string body;
  };
  kiosk::Result<Response> request(const std::string& url, const std::string* post_body);
  bool same_origin(const std::string& url) const;

  DdiSettings settings_;
};

}  // namespace fleet
