// Assistive browsing figures on a 125 KB Chinese service page (HTML): parse, accessibility
// tree, reading-view document and layout, separately and together.
#include <benchmark/benchmark.h>

#include "a11y/accessibility_tree.hpp"
#include "bad_page.hpp"
#include "browse/builtin_pages.hpp"
#include "browse/page_loader.hpp"
#include "ui/layout.hpp"

namespace {

const std::string& page_html() {
  static const std::string html = kiosk::long_service_guide_html(125 * 1024);
  return html;
}

const ui::FontCollection& page_fonts() {
  static auto loaded = ui::FontCollection::load(ui::default_font_request());
  if (!loaded.fonts) std::abort();
  return *loaded.fonts;
}

void html_125kb_parse(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(a11y::Dom::parse(page_html()));
  state.counters["bytes"] = static_cast<double>(page_html().size());
}
BENCHMARK(html_125kb_parse)->Unit(benchmark::kMillisecond);

void html_125kb_tree_and_document(benchmark::State& state) {
  auto parsed = a11y::Dom::parse(page_html());
  for (auto _ : state) {
    const a11y::Accessibility acc(*parsed.dom);
    const auto tree = a11y::AccessibilityTree::build(acc);
    benchmark::DoNotOptimize(tree.to_document("t"));
  }
}
BENCHMARK(html_125kb_tree_and_document)->Unit(benchmark::kMillisecond);

// The same with a site's style sheet of 320 rules (classes, ids, descendant and child
// selectors, :not, ::before, 20 attribute-only rules every element is tried against): what
// the author CSS cascade adds to building the tree (a11y/author_css.hpp).
void html_125kb_tree_with_author_css(benchmark::State& state) {
  static const std::string css = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) {
      const std::string n = std::to_string(i);
      s += ".c" + n + " p span { display: none }\n";
      s += "div.x" + n + " > a::before { content: \"链接\" }\n";
      s += "#id" + n + ", p:not(.y" + n + ") em.z" + n + " { visibility: hidden }\n";
    }
    for (int i = 0; i < 20; ++i) s += "[data-a" + std::to_string(i) + "] { display: none }\n";
    return s;
  }();
  auto parsed = a11y::Dom::parse(page_html());
  for (auto _ : state) {
    const a11y::Accessibility acc(*parsed.dom, {css});
    const auto tree = a11y::AccessibilityTree::build(acc);
    benchmark::DoNotOptimize(tree.to_document("t"));
  }
}
BENCHMARK(html_125kb_tree_with_author_css)->Unit(benchmark::kMillisecond);

// Everything between receiving the page and having lines to draw, shaping caches cold.
void html_125kb_parse_tree_layout(benchmark::State& state) {
  ui::TextLayouter layouter(page_fonts());
  for (auto _ : state) {
    layouter.clear_cache();
    const kiosk::LoadedPage page = kiosk::load_html(page_html(), "bench");
    ui::LayoutParams p;
    benchmark::DoNotOptimize(layouter.layout(page.document, p));
  }
}
BENCHMARK(html_125kb_parse_tree_layout)->Unit(benchmark::kMillisecond);

// A badly built page of ~125 KB (tests/a11y/bad_page.hpp: layout tables nested in each
// other's cells, images without alt, text beside inputs, onclick divs, radio groups across
// cells): the accessibility model and its tree, from a parsed DOM.
void a11y_tree_bad_page_125kb(benchmark::State& state) {
  static const std::string html = a11y_test::bad_page(125 * 1024);
  auto parsed = a11y::Dom::parse(html);
  if (!parsed.dom) {
    state.SkipWithError(parsed.error.c_str());
    return;
  }
  for (auto _ : state) {
    const a11y::Accessibility acc(*parsed.dom);
    benchmark::DoNotOptimize(a11y::AccessibilityTree::build(acc));
  }
  state.counters["bytes"] = static_cast<double>(html.size());
}
BENCHMARK(a11y_tree_bad_page_125kb)->Unit(benchmark::kMillisecond);

}  // namespace
