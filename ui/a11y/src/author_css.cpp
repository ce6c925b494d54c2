// Author CSS: parser, selector matching and cascade. Why hand-written: author_css.hpp.
#include "a11y/author_css.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <tuple>

namespace a11y {

namespace {

// In a stored `content` value, attr(name) is kept as kAttrMark name kAttrMark and read from
// the element when styles are computed (attribute names here never hold the mark).
constexpr char kAttrMark = '\x01';
// Declarations read in one block (more are ignored); also orders them within a rule.
constexpr std::uint32_t kMaxDeclarations = 256;

bool space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

bool ident_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '-' || c == '_' || u >= 0x80;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Reads a backslash escape at s[i] == '\\'; returns the index after it.
std::size_t read_escape(std::string_view s, std::size_t i, std::string& out) {
  ++i;
  if (i >= s.size()) return i;
  if (s[i] == '\n') return i + 1;  // an escaped line end inside a string continues it
  if (std::isxdigit(static_cast<unsigned char>(s[i]))) {
    std::uint32_t cp = 0;
    std::size_t n = 0;
    while (i < s.size() && n < 6 && std::isxdigit(static_cast<unsigned char>(s[i]))) {
      const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s[i])));
      cp = cp * 16 + static_cast<std::uint32_t>(c <= '9' ? c - '0' : c - 'a' + 10);
      ++i;
      ++n;
    }
    if (i < s.size() && space(s[i])) ++i;
    append_utf8(out, cp);
    return i;
  }
  out += s[i];
  return i + 1;
}

// Index after the string starting at s[i] (a quote); its text into `out`.
std::size_t read_string(std::string_view s, std::size_t i, std::string& out) {
  const char quote = s[i++];
  while (i < s.size() && s[i] != quote) {
    if (s[i] == '\\') {
      i = read_escape(s, i, out);
    } else if (s[i] == '\n') {
      return i;  // a bad string ends at the line end
    } else {
      out += s[i++];
    }
  }
  return i < s.size() ? i + 1 : i;
}

// Comments out, so no later step has to know about them (strings keep theirs).
std::string strip_comments(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '"' || s[i] == '\'') {
      const char q = s[i];
      out += s[i++];
      while (i < s.size() && s[i] != q && s[i] != '\n') {
        if (s[i] == '\\' && i + 1 < s.size()) out += s[i++];
        out += s[i++];
      }
      if (i < s.size()) out += s[i++];
    } else if (s[i] == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const std::size_t end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
      out += ' ';
    } else {
      out += s[i++];
    }
  }
  return out;
}

// Index of the first `stop` at nesting depth 0 (outside strings, (), [] and {}), or size.
std::size_t find_top(std::string_view s, std::size_t i, std::string_view stops) {
  int depth = 0;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"' || c == '\'') {
      std::string ignored;
      i = read_string(s, i, ignored) - 1;
      continue;
    }
    if (c == '\\') {
      ++i;
      continue;
    }
    if (depth == 0 && stops.find(c) != std::string_view::npos) return i;
    if (c == '(' || c == '[' || c == '{') ++depth;
    if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
  }
  return s.size();
}

// Splits at top-level commas.
std::vector<std::string_view> split_top(std::string_view s, char sep, std::size_t max) {
  std::vector<std::string_view> parts;
  const std::string stops(1, sep);
  std::size_t i = 0;
  while (i <= s.size() && parts.size() <= max) {
    const std::size_t end = find_top(s, i, stops);
    parts.push_back(s.substr(i, end - i));
    i = end + 1;
  }
  return parts;
}

std::string read_ident(std::string_view s, std::size_t& i) {
  std::string out;
  while (i < s.size()) {
    if (s[i] == '\\') {
      i = read_escape(s, i, out);
    } else if (ident_char(s[i])) {
      out += s[i++];
    } else {
      break;
    }
  }
  return out;
}

bool plain_name(std::string_view n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

}  // namespace

struct CssParser {
  const CssLimits& limits;
  StyleSheet& sheet;

  // One simple selector at s[i]; false when it is one we do not read.
  bool simple(std::string_view s, std::size_t& i, CssSimple& out, bool allow_not) {
    const char c = s[i];
    if (c == '#' || c == '.') {
      ++i;
      out.kind = c == '#' ? CssSimple::Kind::Id : CssSimple::Kind::Class;
      out.name = read_ident(s, i);
      return !out.name.empty();
    }
    if (c == '[') {
      const std::size_t end = find_top(s, i + 1, "]");
      if (end >= s.size()) return false;
      std::string_view inner = trim(s.substr(i + 1, end - i - 1));
      i = end + 1;
      const std::size_t eq = inner.find('=');
      if (eq == std::string_view::npos) {
        out.kind = CssSimple::Kind::Attr;
        out.name = lower(inner);
        return plain_name(out.name);
      }
      std::string_view name = inner.substr(0, eq);
      out.kind = CssSimple::Kind::AttrEquals;
      if (!name.empty() && name.back() == '~') {
        out.kind = CssSimple::Kind::AttrIncludes;
        name.remove_suffix(1);
      }
      out.name = lower(trim(name));
      if (!plain_name(out.name)) return false;
      std::string_view v = trim(inner.substr(eq + 1));
      if (v.size() >= 2 && (v.back() == 'i' || v.back() == 's') && space(v[v.size() - 2])) {
        return false;  // case flags: not read
      }
      if (!v.empty() && (v.front() == '"' || v.front() == '\'')) {
        const std::size_t after = read_string(v, 0, out.value);
        return after == v.size();
      }
      std::size_t k = 0;
      out.value = read_ident(v, k);
      return k == v.size() && !out.value.empty();
    }
    if (c == ':') {
      if (!allow_not || s.compare(i, 5, ":not(") != 0) return false;
      const std::size_t end = find_top(s, i + 5, ")");
      if (end >= s.size()) return false;
      std::string_view inner = trim(s.substr(i + 5, end - i - 5));
      i = end + 1;
      std::size_t k = 0;
      if (inner.empty()) return false;
      if (inner[0] == '*' && inner.size() == 1) return false;  // :not(*) never matches
      if (!simple_or_type(inner, k, out, false) || k != inner.size()) return false;
      out.negated = true;
      return true;
    }
    return false;
  }

  bool simple_or_type(std::string_view s, std::size_t& i, CssSimple& out, bool allow_not) {
    if (ident_char(s[i]) || s[i] == '\\') {
      out.kind = CssSimple::Kind::Type;
      out.name = lower(read_ident(s, i));
      return !out.name.empty();
    }
    return simple(s, i, out, allow_not);
  }

  // One complex selector; false when not read (the whole list is then dropped).
  bool selector(std::string_view s, CssRule& rule) {
    s = trim(s);
    if (s.empty()) return false;
    std::vector<CssCompound> left_to_right;
    std::uint32_t ids = 0, classes = 0, types = 0;
    std::size_t i = 0;
    bool child_next = false;
    while (i < s.size()) {
      if (rule.pseudo != CssPseudo::None) return false;  // a pseudo-element ends a selector
      CssCompound compound;
      compound.child_of_next = child_next;
      bool any = false;
      if (s[i] == '*') {
        ++i;
        any = true;
      }
      while (i < s.size() && !space(s[i]) && s[i] != '>') {
        if (s[i] == ':' && (s.compare(i, 8, "::before") == 0 || s.compare(i, 7, ":before") == 0 ||
                            s.compare(i, 7, "::after") == 0 || s.compare(i, 6, ":after") == 0)) {
          const bool two = s[i + 1] == ':';
          const std::string_view rest = s.substr(i + (two ? 2 : 1));
          const bool before = rest.substr(0, 6) == "before";
          const std::size_t len = (two ? 2 : 1) + (before ? 6 : 5);
          if (i + len < s.size() && ident_char(s[i + len])) return false;
          rule.pseudo = before ? CssPseudo::Before : CssPseudo::After;
          ++types;
          i += len;
          any = true;
          continue;
        }
        if (rule.pseudo != CssPseudo::None) return false;
        if (compound.simple.size() >= limits.max_simple) return false;
        CssSimple simple;
        if (!simple_or_type(s, i, simple, true)) return false;
        if (simple.kind == CssSimple::Kind::Type && !compound.simple.empty()) return false;
        if (simple.kind == CssSimple::Kind::Id) {
          ++ids;
        } else if (simple.kind == CssSimple::Kind::Type) {
          ++types;
        } else {
          ++classes;
        }
        compound.simple.push_back(std::move(simple));
        any = true;
      }
      if (!any) return false;
      left_to_right.push_back(std::move(compound));
      if (left_to_right.size() > limits.max_compounds) return false;
      // The combinator to the next compound.
      bool saw_space = false;
      child_next = false;
      while (i < s.size() && (space(s[i]) || s[i] == '>')) {
        if (s[i] == '>') {
          if (child_next) return false;
          child_next = true;
        } else {
          saw_space = true;
        }
        ++i;
      }
      if ((saw_space || child_next) && i >= s.size()) return false;
      if (i < s.size() && (s[i] == '+' || s[i] == '~' || s[i] == ',')) return false;
    }
    rule.compounds.assign(left_to_right.rbegin(), left_to_right.rend());
    // Each compound's child_of_next says whether '>' joins it to the compound on its left,
    // its next in this rightmost-first order.
    auto clamp = [](std::uint32_t v) { return std::min<std::uint32_t>(v, 255); };
    rule.specificity = clamp(ids) << 16 | clamp(classes) << 8 | clamp(types);
    return true;
  }

  static bool content_value(std::string_view v, const CssLimits& limits, std::string& out) {
    const std::string lv = lower(trim(v));
    if (lv == "none" || lv == "normal" || lv.empty()) return true;
    for (std::size_t i = 0; i < v.size();) {
      if (space(v[i])) {
        ++i;
      } else if (v[i] == '/') {
        // CSS Generated Content 3: `content: "★" / "重要"` gives an alternative text, which is
        // what assistive technology reads instead.
        out.clear();
        ++i;
      } else if (v[i] == '"' || v[i] == '\'') {
        i = read_string(v, i, out);
      } else if (lower(v.substr(i, 5)) == "attr(") {
        const std::size_t end = v.find(')', i);
        if (end == std::string_view::npos) return false;
        const std::string name = lower(trim(v.substr(i + 5, end - i - 5)));
        if (!plain_name(name)) return false;
        out += kAttrMark;
        out += name;
        out += kAttrMark;
        i = end + 1;
      } else {
        // counter(), url(), quotes …: not text we can say; the rest of the value still counts.
        const std::size_t end = find_top(v, i, " \t\n");
        i = end == i ? i + 1 : end;
      }
      if (out.size() > limits.max_content_bytes) return false;
    }
    return true;
  }

  void declarations(std::string_view block, std::vector<CssDeclaration>& out) {
    for (std::string_view d : split_top(block, ';', kMaxDeclarations - 1)) {
      const std::size_t colon = d.find(':');
      if (colon == std::string_view::npos) continue;
      const std::string property = lower(trim(d.substr(0, colon)));
      std::string_view value = trim(d.substr(colon + 1));
      CssDeclaration decl;
      if (const std::size_t bang = value.rfind('!');
          bang != std::string_view::npos && lower(trim(value.substr(bang + 1))) == "important") {
        decl.important = true;
        value = trim(value.substr(0, bang));
      }
      if (value.empty()) continue;
      const std::string lv = lower(value);
      if (property == "display") {
        if (!plain_name(lv)) {
          // display takes keywords only ("inline flow-root" too): anything else is invalid.
          if (lv.find_first_of("\"'(){}") != std::string::npos) continue;
        }
        decl.property = CssDeclaration::Property::Display;
        decl.value = lv == "none" ? "none" : "shown";
      } else if (property == "visibility") {
        decl.property = CssDeclaration::Property::Visibility;
        if (lv == "hidden" || lv == "collapse") {
          decl.value = "hidden";
        } else if (lv == "visible" || lv == "initial" || lv == "revert") {
          decl.value = "visible";
        } else if (lv == "inherit" || lv == "unset") {
          decl.value = "inherit";
        } else {
          continue;  // invalid: ignored
        }
      } else if (property == "content") {
        decl.property = CssDeclaration::Property::Content;
        if (!content_value(value, limits, decl.value)) continue;
      } else {
        continue;
      }
      out.push_back(std::move(decl));
    }
  }

  static bool media_applies(std::string_view prelude) {
    for (std::string_view q : split_top(prelude, ',', 64)) {
      std::string lq = lower(trim(q));
      if (lq.rfind("only ", 0) == 0) lq = std::string(trim(std::string_view(lq).substr(5)));
      if (lq.empty() || lq[0] == '(' || lq.rfind("screen", 0) == 0 || lq.rfind("all", 0) == 0) {
        return true;
      }
    }
    return false;
  }

  void rules(std::string_view s, int depth) {
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && (space(s[i]) || s[i] == ';')) ++i;
      if (i >= s.size()) return;
      if (s[i] == '<' || s[i] == '-') {  // <!-- and --> around old style sheets
        if (s.compare(i, 4, "<!--") == 0) {
          i += 4;
          continue;
        }
        if (s.compare(i, 3, "-->") == 0) {
          i += 3;
          continue;
        }
      }
      const std::size_t brace = find_top(s, i, s[i] == '@' ? "{;" : "{");
      if (brace >= s.size()) return;  // a prelude without a block: the end of the sheet
      const std::string_view prelude = s.substr(i, brace - i);
      if (s[brace] == ';') {  // @import, @charset …: not read
        i = brace + 1;
        continue;
      }
      const std::size_t close = find_top(s, brace + 1, "}");
      const std::string_view block = s.substr(brace + 1, close - brace - 1);
      i = close + 1;
      if (prelude[0] == '@') {
        const std::string at = lower(prelude.substr(0, std::min<std::size_t>(prelude.size(), 7)));
        if (at == "@media " || at == "@media(") {
          if (depth == 0 && media_applies(prelude.substr(6))) rules(block, depth + 1);
        }
        continue;
      }
      const auto list = split_top(prelude, ',', limits.max_selectors_in_list);
      if (list.size() > limits.max_selectors_in_list) continue;
      std::vector<CssRule> parsed;
      bool ok = true;
      for (std::string_view sel : list) {
        CssRule rule;
        if (!selector(sel, rule)) {
          ok = false;
          break;
        }
        parsed.push_back(std::move(rule));
      }
      if (!ok || sheet.rules_.size() + parsed.size() > limits.max_rules) continue;
      std::vector<CssDeclaration> decls;
      declarations(block, decls);
      if (decls.empty()) continue;
      const auto index = static_cast<std::uint32_t>(sheet.blocks_.size());
      sheet.blocks_.push_back(std::move(decls));
      for (auto& r : parsed) {
        r.declarations = index;
        sheet.rules_.push_back(std::move(r));
      }
    }
  }
};

bool css_media_for_screen(std::string_view media_list) {
  return CssParser::media_applies(media_list);
}

StyleSheet StyleSheet::parse(std::string_view css, const CssLimits& limits) {
  StyleSheet sheet;
  if (css.size() > limits.max_sheet_bytes) return sheet;
  const std::string text = strip_comments(css);
  CssParser parser{limits, sheet};
  parser.rules(text, 0);
  return sheet;
}

std::vector<CssDeclaration> StyleSheet::parse_declarations(std::string_view block,
                                                           const CssLimits& limits) {
  std::vector<CssDeclaration> out;
  if (block.size() > limits.max_sheet_bytes) return out;
  StyleSheet unused;
  CssParser parser{limits, unused};
  parser.declarations(strip_comments(block), out);
  return out;
}

namespace {

bool includes_word(std::string_view list, std::string_view word) {
  std::size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && space(list[i])) ++i;
    std::size_t j = i;
    while (j < list.size() && !space(list[j])) ++j;
    if (j > i && list.substr(i, j - i) == word) return true;
    i = j;
  }
  return false;
}

bool matches_simple(const Dom& dom, NodeId id, const CssSimple& s) {
  const DomNode& n = dom.node(id);
  bool m = false;
  switch (s.kind) {
    case CssSimple::Kind::Type:
      m = n.tag == s.name;
      break;
    case CssSimple::Kind::Id: {
      const std::string* v = dom.attribute(id, "id");
      m = v != nullptr && *v == s.name;
      break;
    }
    case CssSimple::Kind::Class: {
      const std::string* v = dom.attribute(id, "class");
      m = v != nullptr && includes_word(*v, s.name);
      break;
    }
    case CssSimple::Kind::Attr:
      m = dom.has_attribute(id, s.name);
      break;
    case CssSimple::Kind::AttrEquals: {
      const std::string* v = dom.attribute(id, s.name);
      m = v != nullptr && *v == s.value;
      break;
    }
    case CssSimple::Kind::AttrIncludes: {
      const std::string* v = dom.attribute(id, s.name);
      m = v != nullptr && !s.value.empty() && includes_word(*v, s.value);
      break;
    }
  }
  return m != s.negated;
}

bool matches_compound(const Dom& dom, NodeId id, const CssCompound& c) {
  if (dom.node(id).type != NodeType::Element) return false;
  for (const auto& s : c.simple) {
    if (!matches_simple(dom, id, s)) return false;
  }
  return true;
}

// compounds[k] matched at `id`; do the ones to its left match among its ancestors? Backtracks
// over descendant combinators, bounded by `budget` steps (a hostile sheet cannot make this
// exponential: past the budget the selector does not match).
bool matches_left(const Dom& dom, NodeId id, const CssRule& rule, std::size_t k, int& budget) {
  if (k + 1 >= rule.compounds.size()) return true;
  const CssCompound& next = rule.compounds[k + 1];
  const bool child = rule.compounds[k].child_of_next;
  for (NodeId a = dom.node(id).parent; a != kNoNode; a = dom.node(a).parent) {
    if (--budget < 0) return false;
    if (matches_compound(dom, a, next) && matches_left(dom, a, rule, k + 1, budget)) return true;
    if (child) return false;
  }
  return false;
}

// Rules by the rightmost compound's id, else a class, else its tag, else an attribute's
// name; the rest (*, :not only) in `any`. An element is tried only against its buckets.
struct RuleIndex {
  std::unordered_map<std::string, std::vector<std::uint32_t>> by_id, by_class, by_tag, by_attr;
  std::vector<std::uint32_t> any;

  void add(const CssRule& r, std::uint32_t n) {
    const CssSimple* cls = nullptr;
    const CssSimple* tag = nullptr;
    const CssSimple* attr = nullptr;
    for (const auto& s : r.compounds.front().simple) {
      if (s.negated) continue;
      if (s.kind == CssSimple::Kind::Id) {
        by_id[s.name].push_back(n);
        return;
      }
      if (s.kind == CssSimple::Kind::Class && cls == nullptr) cls = &s;
      if (s.kind == CssSimple::Kind::Type) tag = &s;
      if ((s.kind == CssSimple::Kind::Attr || s.kind == CssSimple::Kind::AttrEquals ||
           s.kind == CssSimple::Kind::AttrIncludes) &&
          attr == nullptr) {
        attr = &s;
      }
    }
    if (cls != nullptr) {
      by_class[cls->name].push_back(n);
    } else if (tag != nullptr) {
      by_tag[tag->name].push_back(n);
    } else if (attr != nullptr) {
      by_attr[attr->name].push_back(n);
    } else {
      any.push_back(n);
    }
  }
};

// Which declaration wins: !important first (style="" !important above sheets' !important),
// then style="" above sheets, then specificity, then order.
using Rank = std::tuple<bool, bool, std::uint32_t, std::uint32_t>;

struct Winner {
  bool set = false;
  Rank rank{};
  const CssDeclaration* decl = nullptr;

  void offer(const CssDeclaration& d, bool inline_style, std::uint32_t specificity,
             std::uint32_t order) {
    const Rank r{d.important, inline_style, specificity, order};
    if (!set || r > rank) {
      set = true;
      rank = r;
      decl = &d;
    }
  }
};

std::string resolve_content(const Dom& dom, NodeId id, const std::string& v) {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] != kAttrMark) {
      out += v[i];
      continue;
    }
    const std::size_t end = v.find(kAttrMark, i + 1);
    if (end == std::string::npos) break;
    if (const std::string* a = dom.attribute(id, v.substr(i + 1, end - i - 1))) out += *a;
    i = end;
  }
  return out;
}

void text_of(const Dom& dom, NodeId id, std::string& out, std::size_t max) {
  for (NodeId c : dom.node(id).children) {
    if (dom.node(c).type == NodeType::Text && out.size() + dom.node(c).text.size() <= max) {
      out += dom.node(c).text;
    }
  }
}

}  // namespace

AuthorStyles AuthorStyles::compute(const Dom& dom, const std::vector<std::string>& linked_sheets,
                                   const CssLimits& limits) {
  AuthorStyles out;
  out.flags_.assign(dom.size(), 0);
  // The sheets: linked ones first, then <style> elements in document order (media="print"
  // and other media than screen/all skipped, like @media blocks).
  std::vector<StyleSheet> sheets;
  std::size_t bytes = 0;
  for (const auto& text : linked_sheets) {
    if (text.size() > limits.max_sheet_bytes) continue;
    sheets.push_back(StyleSheet::parse(text, limits));
  }
  for (NodeId id = 0; id < dom.size(); ++id) {
    if (!dom.is_element(id, "style")) continue;
    if (const std::string* media = dom.attribute(id, "media");
        media != nullptr && !CssParser::media_applies(*media)) {
      continue;
    }
    std::string text;
    text_of(dom, id, text, limits.max_sheet_bytes);
    bytes += text.size();
    if (bytes > limits.max_sheet_bytes * 8) break;
    sheets.push_back(StyleSheet::parse(text, limits));
  }
  struct Ref {
    const CssRule* rule;
    const std::vector<CssDeclaration>* decls;
  };
  std::vector<Ref> all;
  for (const auto& sheet : sheets) {
    for (const auto& r : sheet.rules()) {
      if (all.size() >= limits.max_rules) break;
      all.push_back({&r, &sheet.blocks()[r.declarations]});
    }
  }
  out.rule_count_ = all.size();
  RuleIndex index;
  for (std::uint32_t n = 0; n < all.size(); ++n) index.add(*all[n].rule, n);

  std::vector<std::uint32_t> candidates;
  std::size_t steps = 0;  // against limits.max_match_steps
  for (NodeId id = 0; id < dom.size(); ++id) {
    const DomNode& node = dom.node(id);
    const NodeId parent = node.parent;
    const bool parent_invisible = parent != kNoNode && (out.flags_[parent] & kInvisible) != 0;
    if (node.type != NodeType::Element) {
      if (parent_invisible) out.flags_[id] |= kInvisible;
      continue;
    }
    const std::string* inline_style = dom.attribute(id, "style");
    if (all.empty() && inline_style == nullptr) {
      if (parent_invisible) out.flags_[id] |= kInvisible;
      continue;
    }
    candidates.clear();
    if (!all.empty() && !out.cut_short_) {
      auto take = [&](const auto& map, const std::string& key) {
        if (auto it = map.find(key); it != map.end()) {
          candidates.insert(candidates.end(), it->second.begin(), it->second.end());
        }
      };
      if (const std::string* v = dom.attribute(id, "id"); v != nullptr && !v->empty()) {
        take(index.by_id, *v);
      }
      if (const std::string* cls = dom.attribute(id, "class")) {
        std::size_t i = 0;
        std::vector<std::string> seen;
        while (i < cls->size()) {
          while (i < cls->size() && space((*cls)[i])) ++i;
          std::size_t j = i;
          while (j < cls->size() && !space((*cls)[j])) ++j;
          if (j > i) {
            std::string word = cls->substr(i, j - i);
            if (std::find(seen.begin(), seen.end(), word) == seen.end()) {
              take(index.by_class, word);
              seen.push_back(std::move(word));
            }
          }
          i = j;
        }
      }
      take(index.by_tag, node.tag);
      if (!index.by_attr.empty()) {
        for (const auto& a : node.attributes) take(index.by_attr, a.name);
      }
      candidates.insert(candidates.end(), index.any.begin(), index.any.end());
    }
    Winner display, visibility, before, after, before_display, after_display;
    int budget = 4096;  // steps of ancestor matching for this element, over all its rules
    if (steps + candidates.size() > limits.max_match_steps) {
      out.cut_short_ = true;
      candidates.clear();
    }
    steps += candidates.size();
    for (std::uint32_t n : candidates) {
      const CssRule& rule = *all[n].rule;
      if (!matches_compound(dom, id, rule.compounds.front())) continue;
      if (!matches_left(dom, id, rule, 0, budget)) continue;
      std::uint32_t k = 0;  // later declarations in a block win over earlier ones
      for (const auto& d : *all[n].decls) {
        const std::uint32_t order = n * kMaxDeclarations + std::min(k++, kMaxDeclarations - 1);
        const bool pseudo = rule.pseudo != CssPseudo::None;
        Winner* w = nullptr;
        if (d.property == CssDeclaration::Property::Display) {
          w = !pseudo ? &display
                      : (rule.pseudo == CssPseudo::Before ? &before_display : &after_display);
        } else if (d.property == CssDeclaration::Property::Visibility) {
          w = pseudo ? nullptr : &visibility;
        } else if (pseudo) {
          w = rule.pseudo == CssPseudo::Before ? &before : &after;
        }
        if (w != nullptr) w->offer(d, false, rule.specificity, order);
      }
    }
    std::vector<CssDeclaration> inline_decls;
    if (inline_style != nullptr) {
      inline_decls = StyleSheet::parse_declarations(*inline_style, limits);
      std::uint32_t k = 0;
      for (const auto& d : inline_decls) {
        ++k;
        if (d.property == CssDeclaration::Property::Display) display.offer(d, true, 0, k);
        if (d.property == CssDeclaration::Property::Visibility) visibility.offer(d, true, 0, k);
      }
    }
    if (display.set && display.decl->value == "none") out.flags_[id] |= kDisplayNone;
    const bool invisible = visibility.set && visibility.decl->value != "inherit"
                               ? visibility.decl->value == "hidden"
                               : parent_invisible;
    if (invisible) out.flags_[id] |= kInvisible;
    auto generated = [&](const Winner& content, const Winner& disp) {
      if (!content.set || (disp.set && disp.decl->value == "none")) return std::string();
      return resolve_content(dom, id, content.decl->value);
    };
    std::string b = generated(before, before_display);
    std::string a = generated(after, after_display);
    if (!b.empty() || !a.empty()) {
      out.generated_.emplace(id, std::make_pair(std::move(b), std::move(a)));
    }
    steps += static_cast<std::size_t>(4096 - std::max(budget, 0));
  }
  return out;
}

const std::string& AuthorStyles::before(NodeId id) const {
  static const std::string kNone;
  if (generated_.empty()) return kNone;  // most pages: asked for every name, kept cheap
  const auto it = generated_.find(id);
  return it == generated_.end() ? kNone : it->second.first;
}

const std::string& AuthorStyles::after(NodeId id) const {
  static const std::string kNone;
  if (generated_.empty()) return kNone;  // most pages: asked for every name, kept cheap
  const auto it = generated_.find(id);
  return it == generated_.end() ? kNone : it->second.second;
}

}  // namespace a11y
