// The repair measure: for each badly built page of tests/a11y/repair_pages (and the anchor
// page firmware/content/bad/service.html, whose well-built twin is repair_pages/service), the
// controls, links and images of the repaired bad page are matched by order within their role to
// the well-built page's (longest common subsequence), and a match is the same non-empty name
// (white space, colons and asterisks trimmed); the total per role is the larger of the two
// counts. Prints CONFORMANCE repair <matched> <total>; the goal is 90 %.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "a11y/accessibility_tree.hpp"
#include "a11y/page_repair.hpp"
#include "test_support.hpp"

namespace {

namespace fs = std::filesystem;

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

bool counted_role(const std::string& role) {
  static const char* kRoles[] = {"textbox",    "searchbox", "combobox", "listbox",
                                 "checkbox",   "radio",     "switch",   "slider",
                                 "spinbutton", "button",    "link",     "image"};
  return std::any_of(std::begin(kRoles), std::end(kRoles),
                     [&](const char* r) { return role == r; });
}

// Role → names in page order; dropped images are not read, so they are not there.
std::map<std::string, std::vector<std::string>> names_by_role(const std::string& html) {
  std::map<std::string, std::vector<std::string>> out;
  auto parsed = a11y::Dom::parse(html);
  EXPECT_TRUE(parsed.dom) << parsed.error;
  if (!parsed.dom) return out;
  const a11y::Accessibility acc(*parsed.dom);
  const auto tree = a11y::AccessibilityTree::build(acc);
  for (const auto& n : tree.nodes()) {
    if (!counted_role(n.role) || (n.repaired & a11y::kDroppedImage) != 0) continue;
    out[n.role].push_back(a11y::PageRepair::label_text(n.name));
  }
  return out;
}

struct Score {
  int matched = 0;
  int total = 0;
};

Score compare(const std::string& pair, const fs::path& bad, const fs::path& good) {
  Score s;
  auto b = names_by_role(read(bad));
  auto g = names_by_role(read(good));
  std::map<std::string, bool> roles;
  for (const auto& [r, _] : b) roles[r] = true;
  for (const auto& [r, _] : g) roles[r] = true;
  for (const auto& [role, _] : roles) {
    const auto& bn = b[role];
    const auto& gn = g[role];
    s.total += static_cast<int>(std::max(bn.size(), gn.size()));
    // Matched in order: the longest common subsequence of equal, non-empty names, so one
    // image left out (a run of unnamed ones said once) does not shift all that follow.
    std::vector<std::vector<int>> lcs(bn.size() + 1, std::vector<int>(gn.size() + 1, 0));
    for (std::size_t i = bn.size(); i-- > 0;) {
      for (std::size_t j = gn.size(); j-- > 0;) {
        lcs[i][j] = !gn[j].empty() && bn[i] == gn[j] ? lcs[i + 1][j + 1] + 1
                                                     : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    s.matched += lcs[0][0];
    // What was not matched, for the reader of `make conformance`.
    std::size_t i = 0, j = 0;
    while (i < bn.size() && j < gn.size()) {
      if (!gn[j].empty() && bn[i] == gn[j]) {
        ++i;
        ++j;
      } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
        std::printf("  miss %s: %s \"%s\" (repaired page only)\n", pair.c_str(), role.c_str(),
                    bn[i++].c_str());
      } else {
        std::printf("  miss %s: %s \"%s\" (well-built page only)\n", pair.c_str(), role.c_str(),
                    gn[j++].c_str());
      }
    }
    for (; i < bn.size(); ++i) {
      std::printf("  miss %s: %s \"%s\" (repaired page only)\n", pair.c_str(), role.c_str(),
                  bn[i].c_str());
    }
    for (; j < gn.size(); ++j) {
      std::printf("  miss %s: %s \"%s\" (well-built page only)\n", pair.c_str(), role.c_str(),
                  gn[j].c_str());
    }
  }
  return s;
}

TEST(RepairConformance, RepairedNamesMatchTheWellBuiltPages) {
  const fs::path root = fs::path(kiosk_test::source_dir());
  const fs::path pages = root / "tests/a11y/repair_pages";
  std::vector<fs::path> dirs;
  for (const auto& e : fs::directory_iterator(pages)) {
    if (e.is_directory()) dirs.push_back(e.path());
  }
  std::sort(dirs.begin(), dirs.end());
  ASSERT_GE(dirs.size(), 4u);
  Score all;
  for (const auto& dir : dirs) {
    fs::path bad = dir / "bad.html";
    // The anchor page lives where the demo gateway serves it.
    if (!fs::exists(bad)) bad = root / "firmware/content/bad" / (dir.filename().string() + ".html");
    ASSERT_TRUE(fs::exists(bad)) << bad;
    ASSERT_TRUE(fs::exists(dir / "good.html")) << dir;
    const Score s = compare(dir.filename().string(), bad, dir / "good.html");
    std::printf("(repair %s: %d of %d)\n", dir.filename().c_str(), s.matched, s.total);
    all.matched += s.matched;
    all.total += s.total;
  }
  std::printf("CONFORMANCE repair %d %d\n", all.matched, all.total);
  ASSERT_GT(all.total, 0);
  EXPECT_GE(all.matched * 10, all.total * 9) << all.matched << " of " << all.total;
}

// The anchor page before and after: the "before" figures are what the accessibility model
// says without the repair pass (roles and names per HTML-AAM/AccName; an unnamed image outside
// a link read as 图片，无说明), the "after" ones what the repaired tree and document say.
TEST(RepairConformance, TheAnchorPageBeforeAndAfter) {
  const std::string html =
      read(fs::path(kiosk_test::source_dir()) / "firmware/content/bad/service.html");
  auto parsed = a11y::Dom::parse(html);
  ASSERT_TRUE(parsed.dom) << parsed.error;
  const a11y::Dom& dom = *parsed.dom;
  const a11y::Accessibility acc(dom);
  int controls = 0, named_before = 0, links_before = 0, buttons_before = 0, images_before = 0,
      tables_before = 0;
  for (a11y::NodeId id = 0; id < dom.size(); ++id) {
    if (dom.node(id).type != a11y::NodeType::Element || acc.hidden(id)) continue;
    const std::string role = acc.role(id);
    const std::string& tag = dom.node(id).tag;
    if (tag == "input" || tag == "select" || tag == "textarea") {
      ++controls;
      named_before += !acc.name(id).empty();
    }
    // A link is one the kiosk can follow: javascript: hrefs lead nowhere.
    const std::string* href = dom.attribute(id, "href");
    links_before += role == "link" && href != nullptr && href->rfind("javascript:", 0) != 0;
    buttons_before += role == "button";
    tables_before += role == "table";
    if (role == "image" && acc.name(id).empty() && dom.ancestor(id, {"a"}) == a11y::kNoNode) {
      ++images_before;
    }
  }
  const auto tree = a11y::AccessibilityTree::build(acc);
  const ui::Document doc = tree.to_document("t");
  int named_after = 0, links_after = 0, buttons_after = 0, tables_after = 0;
  for (const auto& n : tree.nodes()) {
    const std::string& tag = dom.node(n.dom).tag;
    if ((tag == "input" || tag == "select" || tag == "textarea") && !n.name.empty()) ++named_after;
    links_after += n.role == "link";
    buttons_after += n.role == "button";
    tables_after += n.role == "table" && (n.repaired & a11y::kLayoutTable) == 0;
  }
  std::string text;
  for (const auto& b : doc.blocks) text += b.plain_text() + "\n";
  int images_after = 0;
  for (auto at = text.find("图片，无说明"); at != std::string::npos;
       at = text.find("图片，无说明", at + 1)) {
    ++images_after;
  }
  std::printf(
      "(repair anchor before: %d of %d controls named, %d links, %d buttons, %d times "
      "图片，无说明, %d tables read as tables)\n",
      named_before, controls, links_before, buttons_before, images_before, tables_before);
  std::printf(
      "(repair anchor after: %d of %d controls named, %d links, %d buttons, %d times "
      "图片，无说明, %d tables read as tables)\n",
      named_after, controls, links_after, buttons_after, images_after, tables_after);
  EXPECT_EQ(named_before, 0);
  EXPECT_EQ(named_after, controls);
  EXPECT_EQ(buttons_after, 2);  // 提交, 重填
  EXPECT_EQ(tables_after, 1);   // 收费标准, a data table
  EXPECT_EQ(text.find("图片，无说明）\n（图片，无说明"), std::string::npos) << text;
  EXPECT_EQ(tree.repair().layout_tables, 5);
}

}  // namespace
