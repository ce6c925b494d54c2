// Runs the web-platform-tests HTML-AAM cases (../shared/conformance/wpt-html-aam) through
// the DOM and accessibility code and reports CONFORMANCE html-aam <passed> <total>. Cases
// that need CSS layout or script are listed with the reason in html_aam_expected_failures.txt
// and left out of the total. Every other case must pass, and every listed case must still
// exist and still fail (so the list cannot rot). Skips, saying so, where the data is absent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "a11y/accessibility.hpp"
#include "a11y/dom.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

const char* const kExpectedFailuresFile = "tests/a11y/html_aam_expected_failures.txt";

std::map<std::string, std::string> expected_failures() {
  std::map<std::string, std::string> out;
  std::ifstream in(kiosk_test::source_dir() + "/" + kExpectedFailuresFile);
  EXPECT_TRUE(in.is_open()) << "cannot read " << kExpectedFailuresFile;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    const std::string key = line.substr(0, tab);
    const bool added =
        out.emplace(key, tab == std::string::npos ? "" : line.substr(tab + 1)).second;
    EXPECT_TRUE(added) << key << " is listed twice in " << kExpectedFailuresFile;
  }
  return out;
}

bool has_class(const a11y::Dom& dom, a11y::NodeId id, std::string_view cls) {
  const std::string* c = dom.attribute(id, "class");
  if (c == nullptr) return false;
  std::istringstream in(*c);
  for (std::string token; in >> token;) {
    if (token == cls) return true;
  }
  return false;
}

TEST(HtmlAam, WebPlatformTestsConformance) {
  const fs::path root = fs::path(kiosk_test::source_dir()) / "../shared/conformance/wpt-html-aam";
  if (!fs::exists(root)) {
    GTEST_SKIP() << "conformance data not found at " << root
                 << " (it lives in the steering repo's shared/ folder)";
  }
  const auto excluded = expected_failures();
  int passed = 0;
  int total = 0;
  int skipped = 0;
  std::vector<std::string> failures;
  // Listed cases that were found, and whether any check of the case still fails.
  std::map<std::string, bool> listed_still_failing;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.path().extension() == ".html") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    auto parsed = a11y::Dom::parse(read(file));
    ASSERT_TRUE(parsed.dom) << file << ": " << parsed.error;
    const a11y::Dom& dom = *parsed.dom;
    const a11y::Accessibility acc(dom);
    const std::string rel = fs::relative(file, root).string();
    for (a11y::NodeId id = 0; id < dom.size(); ++id) {
      if (dom.node(id).type != a11y::NodeType::Element) continue;
      const bool ex = has_class(dom, id, "ex") || has_class(dom, id, "ex-label") ||
                      has_class(dom, id, "ex-role");
      const bool generic = has_class(dom, id, "ex-generic");
      if (!ex && !generic) continue;
      const std::string* testname = dom.attribute(id, "data-testname");
      const std::string base = rel + "#" + (testname ? *testname : std::to_string(id));
      auto check = [&](const std::string& kind, bool ok, const std::string& detail) {
        const std::string key = base + ":" + kind;
        if (excluded.count(key) != 0) {
          ++skipped;
          listed_still_failing[key] = listed_still_failing[key] || !ok;
          return;
        }
        ++total;
        if (ok) {
          ++passed;
        } else {
          failures.push_back(key + "  " + detail);
        }
      };
      const std::string role = acc.role(id);
      if (const std::string* r = dom.attribute(id, "data-expectedrole")) {
        const bool ok = role == *r || (r->empty() && (role == "none" || role == "generic"));
        check("role", ok, "expected role '" + *r + "', got '" + role + "'");
      }
      if (generic) {
        const bool ok = role == "generic" || role == "none" || role.empty();
        check("role", ok, "expected generic, got '" + role + "'");
      }
      for (const char* attr : {"data-expectedlabel", "data-expectedname"}) {
        if (const std::string* l = dom.attribute(id, attr)) {
          const std::string name = acc.name(id);
          const std::string want = a11y::collapse_whitespace(*l);
          check("name", name == want, "expected name '" + want + "', got '" + name + "'");
        }
      }
    }
  }
  std::printf("CONFORMANCE html-aam %d %d\n", passed, total);
  std::printf(
      "(%d cases listed as expected failures in tests/a11y/html_aam_expected_failures.txt)\n",
      skipped);
  for (const auto& f : failures) std::printf("  FAIL %s\n", f.c_str());
  // The list of expected failures must not rot: each entry is a case that exists and fails.
  std::vector<std::string> stale;
  for (const auto& [key, reason] : excluded) {
    const auto found = listed_still_failing.find(key);
    if (found == listed_still_failing.end()) {
      stale.push_back(key + "  is listed in " + kExpectedFailuresFile +
                      " but no such case exists any more: remove it from the list");
    } else if (!found->second) {
      stale.push_back(key + "  is listed in " + kExpectedFailuresFile +
                      " but now passes: remove it from the list");
    }
  }
  for (const auto& entry : stale) std::printf("  FAIL %s\n", entry.c_str());
  ASSERT_GT(total, 400);
  // 100 % of the cases not listed with a reason: passed == all cases - listed ones.
  const int all_cases = total + skipped;
  EXPECT_EQ(passed, all_cases - skipped)
      << all_cases - skipped - passed
      << " HTML-AAM case(s) not listed as expected failures fail (see FAIL "
         "lines above); fix them, or list them with the reason in "
      << kExpectedFailuresFile;
  EXPECT_TRUE(stale.empty()) << stale.size() << " stale entr" << (stale.size() == 1 ? "y" : "ies")
                             << " in " << kExpectedFailuresFile << " (see FAIL lines above)";
}

}  // namespace
