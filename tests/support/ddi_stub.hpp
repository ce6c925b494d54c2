// A hawkBit DDI server stub on loopback for the roll-out tests (cpp-httplib on a free port). It
// answers in the published DDI JSON shapes (see firmware/src/fleet/ddi_client.hpp) for several
// targets (controllerIds) and runs a roll-out in groups like hawkBit's: group 1 (the canary) is
// assigned at once; each next group only once every target of the one before reported
// closed/success; a closed/failure stops the roll-out, so later groups never see a
// deploymentBase link. A closed or canceled action is no longer offered, as on hawkBit.
// It serves the artifact with HTTP ranges, and can be told to cut the connection mid-body, to
// answer 404, to be slow or to announce a wrong sha256 or size. Everything asked of it is recorded.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kiosk/result.hpp"

namespace httplib {
class Server;
}

namespace kiosk_test {

struct DdiFeedback {
  std::string controller;
  std::string action_id;
  bool cancel = false;  // sent to cancelAction/{id}/feedback
  std::string execution;
  std::string finished;
  std::vector<std::string> details;
};

class DdiStub {
 public:
  static constexpr const char* kTenant = "DEFAULT";
  static constexpr const char* kToken = "target-token-for-tests";

  static kiosk::Result<std::unique_ptr<DdiStub>> start();
  ~DdiStub();
  DdiStub(const DdiStub&) = delete;
  DdiStub& operator=(const DdiStub&) = delete;

  std::string url() const;  // http://127.0.0.1:PORT

  // The roll-out.
  void set_sleep(const std::string& hh_mm_ss);
  void set_artifact(const std::string& filename, const std::string& bytes,
                    const std::string& version);
  void announce_sha256(const std::string& hex);            // instead of the artifact's real one
  void announce_size(std::uint64_t size);                  // instead of the artifact's real one
  void set_maintenance_window(const std::string& window);  // "available", "unavailable", ""
  void set_handling(const std::string& download, const std::string& update);
  void start_rollout(const std::vector<std::vector<std::string>>& groups);
  void cancel(const std::string& controller);  // as hawkBit's "cancel assignment"

  // Faults.
  void cut_next_download_after(std::size_t bytes);  // once: the body stops, the socket closes
  void set_artifact_missing(bool missing);          // 404 for the artifact
  void set_piece_delay_ms(int ms);                  // a pause per 16 KiB piece served

  // What happened.
  int polls(const std::string& controller) const;
  int artifact_requests() const;
  std::vector<std::string> ranges_seen() const;  // the Range header of each artifact request
  std::uint64_t bytes_served() const;            // artifact body bytes written to sockets
  int unauthorized() const;                      // requests without the right TargetToken
  std::vector<DdiFeedback> feedback(const std::string& controller) const;
  bool assigned(const std::string& controller) const;  // has (had) an action
  std::string action_of(const std::string& controller) const;
  bool stopped() const;     // a failure stopped the roll-out
  int groups_open() const;  // groups assigned so far

 private:
  enum class State { Running, Canceling, Canceled, Succeeded, Failed };
  struct Target {
    std::string action_id;
    State state = State::Running;
    int polls = 0;
  };
  DdiStub() = default;
  void open_next_group_locked();
  void register_routes();

  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  int port_ = 0;

  mutable std::mutex mutex_;
  std::string sleep_ = "00:05:00";
  std::string filename_ = "kiosk-1.6.0.raucb";
  std::string artifact_;
  std::string version_ = "1.6.0";
  std::string announced_sha256_;
  std::uint64_t announced_size_ = 0;  // 0: the real size
  std::string window_;
  std::string download_ = "forced";
  std::string update_ = "forced";
  std::vector<std::vector<std::string>> groups_;
  int groups_open_ = 0;
  bool stopped_ = false;
  int next_action_ = 100;
  std::map<std::string, Target> targets_;
  std::map<std::string, int> unknown_polls_;
  std::size_t cut_after_ = 0;  // 0: no cut pending
  bool missing_ = false;
  int piece_delay_ms_ = 0;
  int artifact_requests_ = 0;
  std::vector<std::string> ranges_;
  std::uint64_t bytes_served_ = 0;
  int unauthorized_ = 0;
  std::vector<DdiFeedback> feedback_;
};

// Lower-case hex sha256 of `bytes` (for announcing artifacts).
std::string sha256_hex(const std::string& bytes);

}  // namespace kiosk_test
