// One error style for what crosses the kiosk's rooms: a failure carries what a technician can
// act on (for the journal, never personal data) and, separately, the sentence the citizen hears
// and reads. No exceptions cross a module boundary; a Result is checked, then opened.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kiosk {

struct Error {
  std::string technician;  // "GET http://… : timed out after 10 s": for the log, in English
  std::string citizen;  // "网络暂时不通，请稍后再试。": shown and spoken; may be empty
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT: implicit by design
  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool ok_ = true;
};

inline Error technician_error(std::string technician) {
  return Error{std::move(technician), {}};
}

}  // namespace kiosk
