// Author CSS: what a page's own style sheets say about what exists — `display: none`,
// `visibility`, and the `content` of ::before/::after — from <style> elements, style=""
// attributes and linked sheets the loader fetched.
//
// Why our own small cascade and not a Debian library (see docs/architecture.md, "Author CSS"):
// - liblitehtml-dev 0.6 computes styles only by building its own document: a second gumbo
//   parse into its own element tree (ours would have to be matched to it node by node), behind
//   a document_container of 28 callbacks (fonts, drawing, images), computing every property
//   (fonts, lengths, borders …). Measured on the 125 KB service page: 28 ms for its parse and
//   styles alone, more than twice our whole parse + tree + layout (12 ms). Its selectors,
//   !important and ::before/::after are right, but the cost and the second tree are not.
// - libmodest-dev (2021 snapshot) parses HTML with its own parser (myhtml, a third tree) and
//   its computed style holds display and lengths only: no visibility, no generated content.
//   Its CSS parser (mycss) alone would still leave matching and the cascade to us.
// So: a cascade limited to what the issue needs. Selectors: type, *, .class, #id, [attr],
// [attr=v], [attr~=v], descendant and child combinators, :not(simple), ::before/::after (also
// the legacy :before/:after). A selector list with anything else (:hover, +, ~ …) is dropped
// whole, as CSS drops an invalid rule. Specificity, source order, !important and style=""
// decide. Properties: display (none or not), visibility (inherited), content (strings and
// attr(), for ::before/::after; an alternative text after '/' replaces them). @media: blocks for
// screen/all (or features only) are read, others (print, speech, `not …`) skipped; media features
// are not evaluated. Other at-rules are skipped. Everything is bounded: sheet size, rules,
// selectors, compounds, content length.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "a11y/dom.hpp"

namespace a11y {

struct CssLimits {
  std::size_t max_sheet_bytes = 256 * 1024;  // a larger sheet is skipped whole
  std::size_t max_rules = 8192;              // selectors kept, over all sheets of a page
  std::size_t max_selectors_in_list = 64;
  std::size_t max_compounds = 16;        // in one complex selector
  std::size_t max_simple = 16;           // in one compound
  std::size_t max_content_bytes = 1024;  // generated text of one ::before/::after
  // Selector matching over the whole page (candidate rules tried plus ancestors visited): a
  // hostile sheet of 8192 attribute rules on a 10,000-element page would otherwise cost 10^8
  // steps. Past it, sheets stop applying to the rest of the page (style="" still does).
  std::size_t max_match_steps = 4'000'000;
};

enum class CssPseudo : std::uint8_t { None, Before, After };

struct CssSimple {
  enum class Kind : std::uint8_t { Type, Id, Class, Attr, AttrEquals, AttrIncludes };
  Kind kind = Kind::Type;
  bool negated = false;  // inside :not()
  std::string name;      // lower case for type and attribute names
  std::string value;
};

struct CssCompound {
  std::vector<CssSimple> simple;  // all must match; empty = *
  bool child_of_next = false;     // the combinator to its left is '>' (else descendant)
};

struct CssDeclaration {
  enum class Property : std::uint8_t { Display, Visibility, Content };
  Property property = Property::Display;
  bool important = false;
  // Display: "none" or another keyword; Visibility: "visible", "hidden", "inherit";
  // Content: the text with attr() kept as a marker (see author_css.cpp).
  std::string value;
};

struct CssRule {
  std::vector<CssCompound> compounds;  // rightmost first
  CssPseudo pseudo = CssPseudo::None;
  std::uint32_t specificity = 0;   // ids << 16 | classes << 8 | types
  std::uint32_t declarations = 0;  // index into StyleSheet::blocks
};

class StyleSheet {
 public:
  // Never fails: what cannot be read is skipped, as a browser does.
  static StyleSheet parse(std::string_view css, const CssLimits& limits = {});
  // The declarations of a style="" attribute.
  static std::vector<CssDeclaration> parse_declarations(std::string_view block,
                                                        const CssLimits& limits = {});
  const std::vector<CssRule>& rules() const { return rules_; }
  const std::vector<std::vector<CssDeclaration>>& blocks() const { return blocks_; }

 private:
  friend struct CssParser;
  std::vector<CssRule> rules_;
  std::vector<std::vector<CssDeclaration>> blocks_;
};

// Whether a media list (a media attribute, an @media prelude) is for the screen: a query for
// screen or all, or of features only (not evaluated); print, speech and `not …` are not.
bool css_media_for_screen(std::string_view media_list);

// The computed result for every node of a Dom.
class AuthorStyles {
 public:
  // Sheets in cascade order: the linked sheets (as the loader fetched them, already in
  // document order) come first, then the page's <style> elements, then style="".
  static AuthorStyles compute(const Dom& dom, const std::vector<std::string>& linked_sheets,
                              const CssLimits& limits = {});

  bool display_none(NodeId id) const { return (flags_[id] & kDisplayNone) != 0; }
  // Computed visibility is hidden or collapse (inherited; text nodes take their parent's).
  bool invisible(NodeId id) const { return (flags_[id] & kInvisible) != 0; }
  const std::string& before(NodeId id) const;
  const std::string& after(NodeId id) const;
  std::size_t rule_count() const { return rule_count_; }
  // True when max_match_steps ran out (the sheets did not reach the end of the page).
  bool matching_cut_short() const { return cut_short_; }

 private:
  static constexpr std::uint8_t kDisplayNone = 1;
  static constexpr std::uint8_t kInvisible = 2;
  std::vector<std::uint8_t> flags_;
  std::unordered_map<NodeId, std::pair<std::string, std::string>> generated_;
  std::size_t rule_count_ = 0;
  bool cut_short_ = false;
};

}  // namespace a11y
