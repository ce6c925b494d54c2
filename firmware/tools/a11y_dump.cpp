// a11y-dump: prints the accessibility tree of an HTML file as JSON lines, one node per line
// (role, name, description, value, states, level, position, tag and attributes, and what the
// repair pass of a badly built page changed: "repaired":[…], "action":{…}). Used by the
// conformance work and by anyone checking the kiosk's reading of a page from outside.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "a11y/accessibility_tree.hpp"
#include "browse/page_fetcher.hpp"

int main(int argc, char** argv) {
  if (argc != 2 || std::string(argv[1]) == "--help") {
    std::fputs(
        "usage: a11y-dump FILE.html\nExit codes: 0 dumped, 1 bad usage, 2 unreadable, 3 refused "
        "page.\n",
        argc == 2 ? stdout : stderr);
    return argc == 2 ? 0 : 1;
  }
  const std::string source = argv[1];
  std::string html;
  if (source.rfind("http://", 0) == 0 || source.rfind("https://", 0) == 0) {
    // The page's own origin only, with the kiosk's limits and charset handling.
    kiosk::FetchPolicy policy;
    policy.allowed_origins = {kiosk::origin_of(source)};
    kiosk::PageFetcher fetcher(policy);
    const kiosk::FetchResult r = fetcher.get(source);
    if (!r.ok) {
      std::fprintf(stderr, "a11y-dump: %s\n", r.error.c_str());
      return 2;
    }
    html = r.body;
  } else {
    std::ifstream in(source, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "a11y-dump: cannot read %s\n", argv[1]);
      return 2;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    html = buffer.str();
  }
  auto parsed = a11y::Dom::parse(html);
  if (!parsed.dom) {
    std::fprintf(stderr, "a11y-dump: %s: %s\n", argv[1], parsed.error.c_str());
    return 3;
  }
  const a11y::Accessibility acc(*parsed.dom);
  const auto tree = a11y::AccessibilityTree::build(acc);
  std::fputs(tree.to_json_lines(*parsed.dom).c_str(), stdout);
  return 0;
}
