// The update version rule: a bundle is installed only when its version is newer than the
// running system's and than an update already waiting in the slot booted next. Without it a
// signed but older bundle (a replayed stick, a captured download) would put back the holes
// the newer one closed. A technician can override it on the command line (--allow-downgrade).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kioskctl {

// Compares two versions "MAJOR.MINOR.PATCH[-suffix]" by their numeric parts (1.0.10 > 1.0.9;
// missing parts are 0; the suffix is not compared). nullopt when either has no leading number.
std::optional<int> compare_versions(const std::string& a, const std::string& b);

// The version of the update waiting in `rauc status --detailed`: the slot booted next when it
// is not the running one and holds a bundle; empty otherwise.
std::string waiting_version(const nlohmann::json& status);

// Non-empty (the reason, for the technician) when `bundle` may not be installed over `running`
// with `waiting` (may be empty) already in the slot booted next.
std::string version_refusal(const std::string& bundle, const std::string& running,
                            const std::string& waiting);

}  // namespace kioskctl
