#include "citizen_data.hpp"

namespace kiosk {

void CitizenData::on_wipe(std::string what, std::function<void()> forget) {
  forgetters_.emplace_back(std::move(what), std::move(forget));
}

void CitizenData::wipe() {
  forget_id_card();
  for (auto& [what, forget] : forgetters_) forget();
  ++wipes_;
}

}  // namespace kiosk
