// kioskd's side of the USB-stick update (kiosk/stick_update.hpp): watches its runtime
// directory for the installer's offer and outcome, and writes the consent once staff confirm.
// Files are looked at once a second, never more: a stat and, when one changed, a read of a line.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "kiosk/result.hpp"
#include "kiosk/runtime_paths.hpp"
#include "kiosk/stick_update.hpp"

namespace kiosk {

class UpdateWatch {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr auto kPollEvery = std::chrono::seconds(1);

  enum class Change { None, Offered, Withdrawn, Finished };

  // No directory: nothing is ever offered (a developer's run, most tests).
  explicit UpdateWatch(RuntimePaths paths) : paths_(std::move(paths)) {}

  Change poll(Clock::time_point now);
  std::optional<Clock::time_point> next_poll() const;

  // The verified update waiting for staff; none while it installs.
  const std::optional<UpdateOffer>& offer() const { return offer_; }
  // Staff confirmed the offer: the installer may start. An error when there is none or the
  // consent cannot be written.
  Result<void> consent();
  bool installing() const { return installing_.has_value(); }
  // How the confirmed install ended (Change::Finished); kept until the next consent.
  const std::optional<UpdateOutcome>& outcome() const { return outcome_; }

 private:
  RuntimePaths paths_;
  std::optional<UpdateOffer> offer_;
  std::optional<UpdateOffer> installing_;
  std::optional<UpdateOutcome> outcome_;
  // The offer that last ended: while its file stays (an installer that died after writing its
  // outcome), it is not offered again, so a failed update is never retried in a loop.
  std::optional<UpdateOffer> ended_;
  std::optional<Clock::time_point> polled_;
};

}  // namespace kiosk
