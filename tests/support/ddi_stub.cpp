#include "ddi_stub.hpp"

#include <httplib.h>
#include <openssl/evp.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

namespace kiosk_test {
namespace {

using nlohmann::json;
constexpr std::size_t kPiece = 16 << 10;

}  // namespace

std::string sha256_hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 15];
  }
  return hex;
}

kiosk::Result<std::unique_ptr<DdiStub>> DdiStub::start() {
  std::unique_ptr<DdiStub> stub(new DdiStub());
  stub->server_ = std::make_unique<httplib::Server>();
  stub->register_routes();
  stub->port_ = stub->server_->bind_to_any_port("127.0.0.1");
  if (stub->port_ <= 0) return kiosk::technician_error("DDI stub: cannot bind a loopback port");
  stub->thread_ = std::thread([s = stub->server_.get()] { s->listen_after_bind(); });
  for (int i = 0; i < 500 && !stub->server_->is_running(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return stub;
}

DdiStub::~DdiStub() {
  server_->stop();
  if (thread_.joinable()) thread_.join();
}

std::string DdiStub::url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

void DdiStub::set_sleep(const std::string& s) {
  std::lock_guard lock(mutex_);
  sleep_ = s;
}

void DdiStub::set_artifact(const std::string& filename, const std::string& bytes,
                           const std::string& version) {
  std::lock_guard lock(mutex_);
  filename_ = filename;
  artifact_ = bytes;
  version_ = version;
}

void DdiStub::announce_sha256(const std::string& hex) {
  std::lock_guard lock(mutex_);
  announced_sha256_ = hex;
}

void DdiStub::announce_size(std::uint64_t size) {
  std::lock_guard lock(mutex_);
  announced_size_ = size;
}

void DdiStub::set_maintenance_window(const std::string& window) {
  std::lock_guard lock(mutex_);
  window_ = window;
}

void DdiStub::set_handling(const std::string& download, const std::string& update) {
  std::lock_guard lock(mutex_);
  download_ = download;
  update_ = update;
}

void DdiStub::start_rollout(const std::vector<std::vector<std::string>>& groups) {
  std::lock_guard lock(mutex_);
  groups_ = groups;
  groups_open_ = 0;
  stopped_ = false;
  open_next_group_locked();
}

void DdiStub::open_next_group_locked() {
  if (stopped_ || groups_open_ >= static_cast<int>(groups_.size())) return;
  for (const auto& controller : groups_[static_cast<std::size_t>(groups_open_)]) {
    targets_[controller].action_id = std::to_string(next_action_++);
    targets_[controller].state = State::Running;
  }
  ++groups_open_;
}

void DdiStub::cancel(const std::string& controller) {
  std::lock_guard lock(mutex_);
  auto it = targets_.find(controller);
  if (it != targets_.end() && it->second.state == State::Running) {
    it->second.state = State::Canceling;
  }
}

void DdiStub::cut_next_download_after(std::size_t bytes) {
  std::lock_guard lock(mutex_);
  cut_after_ = bytes;
}

void DdiStub::set_artifact_missing(bool missing) {
  std::lock_guard lock(mutex_);
  missing_ = missing;
}

void DdiStub::set_piece_delay_ms(int ms) {
  std::lock_guard lock(mutex_);
  piece_delay_ms_ = ms;
}

int DdiStub::polls(const std::string& controller) const {
  std::lock_guard lock(mutex_);
  const auto it = targets_.find(controller);
  if (it != targets_.end()) return it->second.polls;
  const auto u = unknown_polls_.find(controller);
  return u == unknown_polls_.end() ? 0 : u->second;
}

int DdiStub::artifact_requests() const {
  std::lock_guard lock(mutex_);
  return artifact_requests_;
}

std::vector<std::string> DdiStub::ranges_seen() const {
  std::lock_guard lock(mutex_);
  return ranges_;
}

std::uint64_t DdiStub::bytes_served() const {
  std::lock_guard lock(mutex_);
  return bytes_served_;
}

int DdiStub::unauthorized() const {
  std::lock_guard lock(mutex_);
  return unauthorized_;
}

std::vector<DdiFeedback> DdiStub::feedback(const std::string& controller) const {
  std::lock_guard lock(mutex_);
  std::vector<DdiFeedback> out;
  for (const auto& f : feedback_) {
    if (f.controller == controller) out.push_back(f);
  }
  return out;
}

bool DdiStub::assigned(const std::string& controller) const {
  std::lock_guard lock(mutex_);
  return targets_.contains(controller);
}

std::string DdiStub::action_of(const std::string& controller) const {
  std::lock_guard lock(mutex_);
  const auto it = targets_.find(controller);
  return it == targets_.end() ? std::string() : it->second.action_id;
}

bool DdiStub::stopped() const {
  std::lock_guard lock(mutex_);
  return stopped_;
}

int DdiStub::groups_open() const {
  std::lock_guard lock(mutex_);
  return groups_open_;
}

void DdiStub::register_routes() {
  auto authorized = [this](const httplib::Request& req, httplib::Response& res) {
    if (req.get_header_value("Authorization") == std::string("TargetToken ") + kToken) {
      return true;
    }
    ++unauthorized_;
    res.status = 401;
    return false;
  };

  // Controller base, deploymentBase, cancelAction and the artifact.
  server_->Get(R"(/([^/]+)/controller/v1/([^/]+)(/.*)?)", [this, authorized](
                                                              const httplib::Request& req,
                                                              httplib::Response& res) {
    std::unique_lock lock(mutex_);
    if (!authorized(req, res)) return;
    const std::string tenant = req.matches[1];
    const std::string controller = req.matches[2];
    const std::string rest = req.matches[3];
    const std::string base = url() + "/" + tenant + "/controller/v1/" + controller;
    if (tenant != kTenant) {
      res.status = 404;
      return;
    }
    auto it = targets_.find(controller);
    if (rest.empty()) {
      json links = json::object();
      if (it != targets_.end()) {
        ++it->second.polls;
        const auto& t = it->second;
        if (t.state == State::Running) {
          links["deploymentBase"] = {
              {"href", base + "/deploymentBase/" + t.action_id + "?c=-2127183556"}};
        } else if (t.state == State::Canceling) {
          links["cancelAction"] = {{"href", base + "/cancelAction/" + t.action_id}};
        }
      } else {
        ++unknown_polls_[controller];
      }
      const json body = {{"config", {{"polling", {{"sleep", sleep_}}}}}, {"_links", links}};
      res.set_content(body.dump(), "application/hal+json");
      return;
    }
    if (it == targets_.end()) {
      res.status = 404;
      return;
    }
    const Target& t = it->second;
    if (rest == "/deploymentBase/" + t.action_id) {
      const std::string href = base + "/softwaremodules/7/artifacts/" + filename_;
      json artifact = {
          {"filename", filename_},
          {"hashes",
           {{"sha1", "986a1ade8b8a2f758ce951340cc5e21335cc2a00"},
            {"md5", "d04440e6533863247655ac5fd4345bcc"},
            {"sha256", announced_sha256_.empty() ? sha256_hex(artifact_) : announced_sha256_}}},
          {"size", announced_size_ ? announced_size_ : artifact_.size()},
          {"_links",
           {{"download", {{"href", href}}},
            {"download-http", {{"href", href}}},
            {"md5sum-http", {{"href", href + ".MD5SUM"}}}}}};
      json deployment = {{"download", download_},
                         {"update", update_},
                         {"chunks",
                          {{{"part", "os"},
                            {"version", version_},
                            {"name", "kiosk firmware"},
                            {"artifacts", {artifact}}}}}};
      if (!window_.empty()) deployment["maintenanceWindow"] = window_;
      const json body = {{"id", t.action_id},
                         {"deployment", deployment},
                         {"actionHistory", {{"status", "RUNNING"}, {"messages", json::array()}}}};
      res.set_content(body.dump(), "application/hal+json");
      return;
    }
    if (rest == "/cancelAction/" + t.action_id && t.state == State::Canceling) {
      const json body = {{"id", t.action_id}, {"cancelAction", {{"stopId", t.action_id}}}};
      res.set_content(body.dump(), "application/hal+json");
      return;
    }
    if (rest == "/softwaremodules/7/artifacts/" + filename_) {
      ++artifact_requests_;
      ranges_.push_back(req.get_header_value("Range"));
      if (missing_) {
        res.status = 404;
        return;
      }
      const std::size_t cut = std::exchange(cut_after_, 0);
      const int delay = piece_delay_ms_;
      const std::string bytes = artifact_;  // a copy: the provider runs after the handler
      auto sent = std::make_shared<std::size_t>(0);
      res.set_content_provider(
          bytes.size(), "application/octet-stream",
          [this, bytes, cut, delay, sent](std::size_t offset, std::size_t length,
                                          httplib::DataSink& sink) {
            if (cut > 0 && *sent >= cut) return false;  // drops the connection
            std::size_t n = std::min({length, kPiece});
            if (cut > 0) n = std::min(n, cut - *sent);
            if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));
            if (!sink.write(bytes.data() + offset, n)) return false;
            *sent += n;
            std::lock_guard inner(mutex_);
            bytes_served_ += n;
            return true;
          });
      return;
    }
    res.status = 404;
  });

  // Feedback on deploymentBase and cancelAction.
  server_->Post(
      R"(/([^/]+)/controller/v1/([^/]+)/(deploymentBase|cancelAction)/([0-9]+)/feedback)",
      [this, authorized](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard lock(mutex_);
        if (!authorized(req, res)) return;
        const std::string controller = req.matches[2];
        const bool cancel = req.matches[3] == "cancelAction";
        const std::string id = req.matches[4];
        const json body = json::parse(req.body, nullptr, false);
        const json* status = nullptr;
        if (body.is_object() && body.contains("status") && body["status"].is_object()) {
          status = &body["status"];
        }
        if (!status || !status->contains("execution") || !(*status)["execution"].is_string() ||
            !status->contains("result") || !(*status)["result"].is_object()) {
          res.status = 400;
          return;
        }
        DdiFeedback f{controller, id, cancel, (*status)["execution"].get<std::string>(), "", {}};
        const json& result = (*status)["result"];
        if (result.contains("finished") && result["finished"].is_string()) {
          f.finished = result["finished"].get<std::string>();
        }
        if (status->contains("details") && (*status)["details"].is_array()) {
          for (const auto& d : (*status)["details"]) {
            if (d.is_string()) f.details.push_back(d.get<std::string>());
          }
        }
        feedback_.push_back(f);
        auto it = targets_.find(controller);
        if (it == targets_.end() || it->second.action_id != id) {
          res.status = 404;
          return;
        }
        Target& t = it->second;
        if (cancel) {
          if (t.state == State::Canceling &&
              (f.execution == "canceled" || f.execution == "closed")) {
            t.state = State::Canceled;
          }
        } else if (t.state == State::Running && f.execution == "closed") {
          t.state = f.finished == "success" ? State::Succeeded : State::Failed;
          if (t.state == State::Failed) {
            stopped_ = true;  // hawkBit's error threshold of the canary group: 0 failures
          } else {
            // The group is done when each of its targets succeeded: open the next one.
            const auto& group = groups_[static_cast<std::size_t>(groups_open_ - 1)];
            const bool done = std::all_of(group.begin(), group.end(), [&](const auto& c) {
              return targets_[c].state == State::Succeeded;
            });
            if (done) open_next_group_locked();
          }
        }
        res.status = 200;
      });
}

}  // namespace kiosk_test
