// What kioskctl reads out of RAUC's `--output-format=json` replies (`rauc status --detailed`,
// `rauc info`), apart from running RAUC: kept here so the tool and the fuzz target
// (tests/fuzz/fuzz_rauc_status) use the same code. RAUC's output is not trusted to have the
// expected shape: a field of another type is taken as absent, and nothing here throws.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kioskctl {

// The JSON object in a RAUC command's output (RAUC prints log lines before it); nullopt when
// there is none or it does not parse.
std::optional<nlohmann::json> parse_rauc_json(std::string_view output);

// `kioskctl update status` lines from `rauc status --detailed`: one update-status line, then one
// line per slot.
std::vector<nlohmann::json> rauc_status_lines(const nlohmann::json& status);

// The checksum of the bundle's (last) image in `rauc info`; empty when there is none.
std::string bundle_checksum(const nlohmann::json& info);

// The bundle's version in `rauc info` (its manifest's [update] version); empty when absent.
std::string bundle_version(const nlohmann::json& info);

// Non-empty when a slot in `rauc status --detailed` already holds the image with `digest`
// and matters: it is the one booted next (nothing to do) or it was marked bad.
std::string already_installed_reason(const nlohmann::json& status, const std::string& digest);

}  // namespace kioskctl
