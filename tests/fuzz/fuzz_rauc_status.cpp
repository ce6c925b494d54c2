// libFuzzer target for what kioskctl reads out of RAUC's JSON (`rauc status --detailed`,
// `rauc info`: firmware/tools/kioskctl/rauc_json, used by `kioskctl update` and `status`).
// The first byte picks:
//  - even: the rest as RAUC's output (log lines, then JSON of any shape). Nothing throws or
//    crashes; the status lines are one update-status line and one line per slot entry; every
//    line prints; a "nothing to do"/"failed before" reason only comes with a digest; the
//    version rule (bundle_version.cpp) reads the waiting version and compares it with the
//    bundle's, both ways, consistently (a < b exactly when b > a);
//  - odd: a well-formed status made from the rest's strings, printed after a log line as RAUC
//    does, is read back with every field as written (strings that are UTF-8).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "bundle_version.hpp"
#include "fuzz_support.hpp"
#include "rauc_json.hpp"

namespace {

using nlohmann::json;

std::size_t slot_entries(const json& j) {
  if (!j.is_object() || !j.contains("slots") || !j["slots"].is_array()) return 0;
  std::size_t n = 0;
  for (const auto& slot : j["slots"]) n += slot.is_object() ? slot.size() : 0;
  return n;
}

void check_lines(const json& status) {
  const auto lines = kioskctl::rauc_status_lines(status);
  if (lines.empty() || lines[0].value("event", "") != "update-status") std::abort();
  if (lines.size() != 1 + slot_entries(status)) std::abort();
  for (const auto& line : lines) {
    if (line.dump(-1, ' ', false, json::error_handler_t::replace).empty()) std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  if ((data[0] & 1) == 0) {
    const std::string_view output(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto j = kioskctl::parse_rauc_json(output);
    if (!j) return 0;
    check_lines(*j);
    const std::string digest = kioskctl::bundle_checksum(*j);
    if (!kioskctl::already_installed_reason(*j, "").empty()) std::abort();
    (void)kioskctl::already_installed_reason(*j, digest);
    (void)kioskctl::already_installed_reason(*j, "0123abcd");
    const std::string waiting = kioskctl::waiting_version(*j);
    const std::string version = kioskctl::bundle_version(*j);
    const auto ab = kioskctl::compare_versions(version, waiting);
    const auto ba = kioskctl::compare_versions(waiting, version);
    if (ab.has_value() != ba.has_value() || (ab && *ab != -*ba)) std::abort();
    (void)kioskctl::version_refusal(version, "1.0.2", waiting);
    return 0;
  }
  FuzzedDataProvider in(data + 1, size - 1);
  std::string f[7];
  for (auto& s : f) {
    s = in.ConsumeRandomLengthString(64);
    if (!fuzz::valid_utf8(s)) return 0;  // RAUC prints UTF-8
  }
  const json slot{
      {"bootname", f[3]},
      {"state", f[4]},
      {"boot_status", f[5]},
      {"slot_status", {{"bundle", {{"version", f[6]}}}, {"checksum", {{"sha256", "ab"}}}}}};
  const json status{{"compatible", f[0]},
                    {"booted", f[1]},
                    {"boot_primary", f[2]},
                    {"slots", json::array({json{{"rootfs.0", slot}}})}};
  const auto back = kioskctl::parse_rauc_json(
      "rauc-Message: 12:00:00.000: Using central status file\n" + status.dump(2));
  if (!back) std::abort();
  check_lines(*back);
  const auto lines = kioskctl::rauc_status_lines(*back);
  if (lines[0]["compatible"] != f[0] || lines[0]["booted"] != f[1] ||
      lines[0]["boot_primary"] != f[2])
    std::abort();
  if (lines[1]["slot"] != "rootfs.0" || lines[1]["bootname"] != f[3] || lines[1]["state"] != f[4] ||
      lines[1]["boot_status"] != f[5] || lines[1]["version"] != f[6])
    std::abort();
  // The same image in the slot booted next is "nothing to do".
  const bool primary = f[2] == "rootfs.0";
  const bool bad = f[5] == "bad";
  if (kioskctl::already_installed_reason(*back, "ab").empty() == (primary || bad)) std::abort();
  return 0;
}
