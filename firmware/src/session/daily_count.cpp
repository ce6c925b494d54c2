#include "daily_count.hpp"

#include <ctime>

namespace kiosk {
namespace {

// One number per local calendar day (the hall's day, not UTC's): year and day of the year.
long local_day(std::chrono::system_clock::time_point now) {
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm tm{};
  localtime_r(&t, &tm);
  return (static_cast<long>(tm.tm_year) * 366) + tm.tm_yday;
}

}  // namespace

void DailyCount::add(std::chrono::system_clock::time_point now) {
  const long day = local_day(now);
  if (day != day_) {
    day_ = day;
    count_ = 0;
  }
  ++count_;
}

int DailyCount::today(std::chrono::system_clock::time_point now) const {
  return local_day(now) == day_ ? count_ : 0;
}

}  // namespace kiosk
