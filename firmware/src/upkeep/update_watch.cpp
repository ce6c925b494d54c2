#include "update_watch.hpp"

#include <filesystem>

namespace kiosk {

UpdateWatch::Change UpdateWatch::poll(Clock::time_point now) {
  if (!paths_.enabled() || (polled_ && now - *polled_ < kPollEvery)) return Change::None;
  polled_ = now;
  std::error_code ec;
  if (installing_) {
    // The installer writes the outcome before it takes its offer back: an offer gone with no
    // outcome means it stopped on the way (killed, the stick pulled, a crash).
    if (const auto text = read_small_file(paths_.update_outcome())) {
      auto outcome = parse_update_outcome(*text, paths_.update_outcome());
      if (outcome && outcome->version == installing_->version) {
        outcome_ = std::move(*outcome);
        ended_ = std::move(installing_);
        installing_.reset();
        return Change::Finished;
      }
    }
    if (!std::filesystem::exists(paths_.update_offer(), ec)) {
      outcome_ = UpdateOutcome{false, installing_->version,
                               "the installer stopped without saying how the install ended"};
      ended_ = std::move(installing_);
      installing_.reset();
      return Change::Finished;
    }
    return Change::None;
  }
  const auto text = read_small_file(paths_.update_offer());
  auto offer =
      text ? parse_update_offer(*text, paths_.update_offer()) : Result<UpdateOffer>(text.error());
  const auto same = [](const UpdateOffer& a, const UpdateOffer& b) {
    return a.version == b.version && a.bundle == b.bundle;
  };
  if (!offer) ended_.reset();  // gone: the same stick plugged in again is a new offer
  if (offer && ended_ && same(*offer, *ended_)) offer = technician_error("already ended");
  if (!offer) {
    if (!offer_) return Change::None;
    offer_.reset();
    return Change::Withdrawn;
  }
  if (offer_ && same(*offer_, *offer)) return Change::None;
  offer_ = std::move(*offer);
  return Change::Offered;
}

std::optional<UpdateWatch::Clock::time_point> UpdateWatch::next_poll() const {
  if (!paths_.enabled()) return std::nullopt;
  return polled_ ? *polled_ + kPollEvery : Clock::now();
}

Result<void> UpdateWatch::consent() {
  if (!offer_) return technician_error("no update is offered");
  if (auto w =
          write_file_atomically(paths_.update_consent(), to_json(UpdateConsent{offer_->version}));
      !w) {
    return w;
  }
  installing_ = std::move(offer_);
  offer_.reset();
  outcome_.reset();
  return {};
}

}  // namespace kiosk
