#include "a11y/dom.hpp"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>

namespace a11y {
namespace {

using Tags = std::initializer_list<std::string_view>;

bool in(std::string_view tag, Tags set) {
  return std::find(set.begin(), set.end(), tag) != set.end();
}

bool is_void(std::string_view tag) {
  return in(tag,
            {"area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "image",
             "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"});
}

bool is_formatting(std::string_view tag) {
  return in(tag, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike",
                  "strong", "tt", "u"});
}

// HTML's "special" category: an end tag for another element does not close through these.
bool is_special(std::string_view tag) {
  return in(tag,
            {"address", "applet",     "area",     "article",    "aside",     "base",     "basefont",
             "bgsound", "blockquote", "body",     "br",         "button",    "caption",  "center",
             "col",     "colgroup",   "dd",       "details",    "dir",       "div",      "dl",
             "dt",      "embed",      "fieldset", "figcaption", "figure",    "footer",   "form",
             "frame",   "frameset",   "h1",       "h2",         "h3",        "h4",       "h5",
             "h6",      "head",       "header",   "hgroup",     "hr",        "html",     "iframe",
             "img",     "input",      "keygen",   "li",         "link",      "listing",  "main",
             "marquee", "menu",       "meta",     "nav",        "noembed",   "noframes", "noscript",
             "object",  "ol",         "p",        "param",      "plaintext", "pre",      "script",
             "search",  "section",    "select",   "source",     "style",     "summary",  "table",
             "tbody",   "td",         "template", "textarea",   "tfoot",     "th",       "thead",
             "title",   "tr",         "track",    "ul",         "wbr",       "xmp"});
}

// Elements that bound "has an element in scope" (and mark the list of formatting elements).
bool is_scope_boundary(std::string_view tag) {
  return in(tag,
            {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"});
}

bool is_marker(std::string_view tag) {
  return in(tag, {"applet", "caption", "marquee", "object", "template", "td", "th"});
}

// Start tags that close an open <p> first.
bool closes_p(std::string_view tag) {
  return in(tag,
            {"address", "article", "aside",     "blockquote", "center",     "details", "dialog",
             "dir",     "div",     "dl",        "fieldset",   "figcaption", "figure",  "footer",
             "header",  "hgroup",  "main",      "menu",       "nav",        "ol",      "p",
             "search",  "section", "summary",   "ul",         "h1",         "h2",      "h3",
             "h4",      "h5",      "h6",        "pre",        "listing",    "form",    "table",
             "hr",      "xmp",     "plaintext", "li",         "dd",         "dt"});
}

bool is_heading(std::string_view tag) {
  return tag.size() == 2 && tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6';
}

// HTML elements that leave SVG or MathML content when they start inside it.
bool breaks_out_of_foreign(std::string_view tag) {
  return in(tag,
            {"b",      "big",  "blockquote", "body",  "br",   "center", "code",    "dd",   "div",
             "dl",     "dt",   "em",         "embed", "h1",   "h2",     "h3",      "h4",   "h5",
             "h6",     "head", "hr",         "i",     "img",  "li",     "listing", "menu", "meta",
             "nobr",   "ol",   "p",          "pre",   "ruby", "s",      "small",   "span", "strong",
             "strike", "sub",  "sup",        "table", "tt",   "u",      "ul",      "var"});
}

// SVG and MathML elements whose children are HTML again.
bool is_integration_point(std::string_view tag) {
  return in(tag,
            {"foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml"});
}

// Start tags before which the parser reopens formatting elements closed by misnesting (block
// starts do not: their text does, inside them).
bool reconstructs(std::string_view tag) {
  return !closes_p(tag) &&
         !in(tag, {"table", "hr", "textarea", "iframe", "noembed", "noframes", "script", "style",
                   "title", "template", "param", "source", "track", "base", "link", "meta"});
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// A scan of the page with the HTML5 tokenizer's rules for tags, attributes, comments and raw
// text, and a model of the tree builder's stack of open elements that never closes more
// than the parser would: an end tag closes only a matching open element within its scope,
// "<div/>" is a plain start tag (only void elements and SVG/MathML elements self-close),
// implied end tags (p, li, dd/dt, table parts) close as the parser closes them, and
// formatting elements the parser would reopen are counted again. The depth, the number of
// elements, the attributes of one element and the open formatting elements are bounded here,
// before gumbo (whose costs grow with the square of these) sees the page.
class StructureScan {
 public:
  StructureScan(std::string_view html, const ParseLimits& limits) : html_(html), limits_(limits) {}

  std::string run() {
    std::size_t i = 0;
    while (error_.empty() && i < html_.size()) {
      const std::size_t lt = html_.find('<', i);
      const std::size_t text_end = lt == std::string_view::npos ? html_.size() : lt;
      for (std::size_t k = i; k < text_end; ++k) {
        if (!is_space(html_[k])) {
          reconstruct();
          break;
        }
      }
      if (lt == std::string_view::npos) break;
      i = markup(lt);
    }
    return error_;
  }

 private:
  struct Open {
    std::string tag;
    bool foreign = false;
    int active = -1;  // its entry in active_, for formatting elements
  };
  struct Active {
    std::string tag;  // empty: a marker
    std::string attributes;
    bool open = false;
    bool gone = false;  // removed from the list (kept until compacted)
  };

  // Handles the markup at `lt` (a '<'); returns where scanning continues.
  std::size_t markup(std::size_t lt) {
    std::size_t i = lt + 1;
    if (i >= html_.size()) return i;
    const char c = html_[i];
    if (c == '!') {
      if (html_.substr(i, 3) == "!--") {
        i += 3;
        if (html_.substr(i, 1) == ">") return i + 1;
        if (html_.substr(i, 2) == "->") return i + 2;
        for (std::size_t k = i; k < html_.size(); ++k) {
          if (html_.substr(k, 3) == "-->") return k + 3;
          if (html_.substr(k, 4) == "--!>") return k + 4;
        }
        return html_.size();
      }
      return bogus_comment(i);
    }
    if (c == '?') return bogus_comment(i);
    if (c == '/') {
      ++i;
      if (i >= html_.size()) return i;
      if (html_[i] == '>') return i + 1;  // "</>": ignored
      if (!is_alpha(html_[i])) return bogus_comment(i);
      Tag t = tag(i);
      if (t.complete) end_tag(t.name);
      return t.next;
    }
    if (!is_alpha(c)) return i;  // a '<' in text
    Tag t = tag(i);
    if (!t.complete) return t.next;  // cut off by the end of the page: no element
    return start_tag(t);
  }

  std::size_t bogus_comment(std::size_t i) const {
    const std::size_t gt = html_.find('>', i);
    return gt == std::string_view::npos ? html_.size() : gt + 1;
  }

  struct Tag {
    std::string name;
    bool self_closing = false;
    bool complete = false;
    bool font_breaks_out = false;  // <font color|face|size> leaves foreign content
    std::string_view attributes;   // as written, for the parser's "Noah's Ark" clause
    std::size_t next = 0;
  };

  // The tag name and attributes from `i` (the name's first letter) to its '>'.
  Tag tag(std::size_t i) {
    Tag t;
    const std::size_t n = html_.size();
    while (i < n && !is_space(html_[i]) && html_[i] != '/' && html_[i] != '>') {
      t.name += ascii_lower(html_[i++]);
    }
    std::size_t attributes = 0;
    const std::size_t attributes_start = i;
    while (i < n) {
      const char c = html_[i];
      if (is_space(c)) {
        ++i;
      } else if (c == '>') {
        t.complete = true;
        t.attributes = html_.substr(attributes_start, i - attributes_start);
        t.next = i + 1;
        return t;
      } else if (c == '/') {
        ++i;
        if (i < n && html_[i] == '>') {
          t.self_closing = true;
          t.complete = true;
          t.attributes = html_.substr(attributes_start, i - 1 - attributes_start);
          t.next = i + 1;
          return t;
        }
      } else {
        // An attribute name (its first character may be '='), then maybe a value.
        if (++attributes > limits_.max_attributes && error_.empty()) {
          error_ = "more than " + std::to_string(limits_.max_attributes) + " attributes on one <" +
                   t.name + ">";
        }
        const std::size_t name_start = i++;
        while (i < n && !is_space(html_[i]) && html_[i] != '/' && html_[i] != '>' &&
               html_[i] != '=') {
          ++i;
        }
        const std::string_view attr = html_.substr(name_start, i - name_start);
        if (attr.size() == 4 || attr.size() == 5) {
          std::string a(attr);
          std::transform(a.begin(), a.end(), a.begin(), ascii_lower);
          if (a == "color" || a == "face" || a == "size") t.font_breaks_out = true;
        }
        std::size_t k = i;
        while (k < n && is_space(html_[k])) ++k;
        if (k < n && html_[k] == '=') {
          ++k;
          while (k < n && is_space(html_[k])) ++k;
          if (k < n && (html_[k] == '"' || html_[k] == '\'')) {
            const std::size_t close = html_.find(html_[k], k + 1);
            if (close == std::string_view::npos) break;
            i = close + 1;
          } else {
            while (k < n && !is_space(html_[k]) && html_[k] != '>') ++k;  // '/' is part of it
            i = k;
          }
        } else {
          i = k;
        }
      }
    }
    t.next = n;  // the page ends inside the tag: the tokenizer drops it
    return t;
  }

  bool foreign_context() const {
    return !open_.empty() && open_.back().foreign && !is_integration_point(open_.back().tag);
  }

  std::size_t start_tag(const Tag& t) {
    if (++elements_ > limits_.max_elements) {
      fail("more than " + std::to_string(limits_.max_elements) + " elements");
      return html_.size();
    }
    const std::string& name = t.name;
    if (foreign_context()) {
      if (breaks_out_of_foreign(name) || (name == "font" && t.font_breaks_out)) {
        while (foreign_context()) pop();
      } else {
        if (!t.self_closing) push(name, true);
        return t.next;
      }
    }
    if (name == "html" || name == "head" || name == "body" || name == "frameset") return t.next;
    if (name == "svg" || name == "math") {
      reconstruct();
      if (!t.self_closing) push(name, true);
      return t.next;
    }
    if (in(name, {"caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td", "th"})) {
      table_part(name);
      return t.next;
    }
    if (closes_p(name)) close_p();
    if (name == "li") close_list_item({"li"});
    if (name == "dd" || name == "dt") close_list_item({"dd", "dt"});
    if (is_heading(name) && !open_.empty() && is_heading(open_.back().tag)) pop();
    if (name == "option" && !open_.empty() && open_.back().tag == "option") pop();
    if (name == "optgroup") {
      if (!open_.empty() && open_.back().tag == "option") pop();
      if (!open_.empty() && open_.back().tag == "optgroup") pop();
    }
    if (reconstructs(name)) reconstruct();
    if (is_void(name)) return t.next;
    if (name == "plaintext") return html_.size();  // the rest is text
    if (in(name,
           {"script", "style", "xmp", "iframe", "noembed", "noframes", "textarea", "title"})) {
      return raw_text_end(name, t.next);
    }
    push(name, false, t.attributes);
    return t.next;
  }

  // Where raw text (script, style ...) or escapable raw text (title, textarea) ends: at the
  // first "</name" followed by white space, '/' or '>'. The parser may end it later (script
  // escapes), never earlier, so what follows is scanned as markup at least as often.
  std::size_t raw_text_end(std::string_view name, std::size_t from) const {
    for (std::size_t k = html_.find("</", from); k != std::string_view::npos;
         k = html_.find("</", k + 2)) {
      std::size_t j = k + 2;
      std::size_t m = 0;
      while (m < name.size() && j < html_.size() && ascii_lower(html_[j]) == name[m]) ++j, ++m;
      if (m == name.size() && j < html_.size() &&
          (is_space(html_[j]) || html_[j] == '/' || html_[j] == '>')) {
        return k;
      }
    }
    return html_.size();
  }

  void end_tag(const std::string& name) {
    if (name == "html" || name == "body" || name == "br" ||
        (name == "p" && !in_scope("p", {"button"}))) {
      return;
    }
    // Foreign content: a matching foreign element closes, else the HTML rules below apply.
    for (std::size_t k = open_.size(); k-- > 0 && open_[k].foreign;) {
      if (open_[k].tag == name) {
        pop_to(k);
        return;
      }
    }
    if (is_formatting(name)) {
      const std::size_t k = find_in_scope(name, {});
      if (k == kNone) return;
      for (std::size_t m = k + 1; m < open_.size(); ++m) {
        // A special element above it: the adoption agency moves elements around without
        // making the stack shorter; model it as closing nothing.
        if (is_special(open_[m].tag)) return;
      }
      const int a = open_[k].active;
      pop_to(k);
      if (a >= 0) remove_active(static_cast<std::size_t>(a));
      return;
    }
    if (is_heading(name)) {
      for (std::size_t k = open_.size(); k-- > 0;) {
        if (is_heading(open_[k].tag)) {
          pop_to(k);
          return;
        }
        if (is_scope_boundary(open_[k].tag) || open_[k].foreign) return;
      }
      return;
    }
    if (!is_special(name)) {
      // "Any other end tag": closes the nearest matching element unless a special one is
      // in the way.
      for (std::size_t k = open_.size(); k-- > 0;) {
        if (open_[k].tag == name) {
          pop_to(k);
          return;
        }
        if (is_special(open_[k].tag) || open_[k].foreign) return;
      }
      return;
    }
    std::size_t k = kNone;
    if (name == "table" || in(name, {"tbody", "thead", "tfoot", "tr", "td", "th", "caption"})) {
      // Table scope: only html, table and template bound it.
      for (std::size_t m = open_.size(); m-- > 0;) {
        if (open_[m].tag == name) {
          k = m;
          break;
        }
        if (open_[m].tag == "table" || open_[m].tag == "html" || open_[m].tag == "template") {
          break;
        }
      }
    } else if (name == "li") {
      k = find_in_scope(name, {"ol", "ul"});
    } else if (name == "p") {
      k = find_in_scope(name, {"button"});
    } else {
      k = find_in_scope(name, {});
    }
    if (k != kNone) pop_to(k);
  }

  static constexpr std::size_t kNone = SIZE_MAX;

  std::size_t find_in_scope(std::string_view name, Tags extra) const {
    for (std::size_t k = open_.size(); k-- > 0;) {
      if (open_[k].tag == name && !open_[k].foreign) return k;
      if (is_scope_boundary(open_[k].tag) || open_[k].foreign || in(open_[k].tag, extra)) {
        return kNone;
      }
    }
    return kNone;
  }

  bool in_scope(std::string_view name, Tags extra) const {
    return find_in_scope(name, extra) != kNone;
  }

  void close_p() {
    const std::size_t k = find_in_scope("p", {"button"});
    if (k != kNone) pop_to(k);
  }

  void close_list_item(Tags items) {
    for (std::size_t k = open_.size(); k-- > 0;) {
      if (in(open_[k].tag, items)) {
        pop_to(k);
        return;
      }
      if (open_[k].foreign ||
          (is_special(open_[k].tag) && !in(open_[k].tag, {"address", "div", "p"}))) {
        return;
      }
    }
  }

  // Row groups, rows and cells go where the parser puts them: back to the nearest table's
  // context, with the tbody and tr it implies. Outside a table the parser ignores them.
  void table_part(const std::string& name) {
    std::size_t table = kNone;
    for (std::size_t k = open_.size(); k-- > 0;) {
      if (open_[k].tag == "table" && !open_[k].foreign) {
        table = k;
        break;
      }
      if (open_[k].tag == "template" || open_[k].tag == "html") break;
    }
    if (table == kNone) return;
    auto nearest_above_table = [&](Tags tags) {
      for (std::size_t k = open_.size(); k-- > table + 1;) {
        if (in(open_[k].tag, tags)) return k;
      }
      return kNone;
    };
    if (name == "td" || name == "th") {
      if (std::size_t tr = nearest_above_table({"tr"}); tr != kNone) {
        pop_to(tr + 1);
      } else {
        open_row(table, nearest_above_table({"tbody", "thead", "tfoot"}));
      }
      push(name, false);
    } else if (name == "tr") {
      open_row_group(table, nearest_above_table({"tbody", "thead", "tfoot"}));
      push("tr", false);
    } else {
      pop_to(table + 1);
      push(name == "col" ? "colgroup" : name, false);
    }
  }

  void open_row_group(std::size_t table, std::size_t group) {
    if (group != kNone) {
      pop_to(group + 1);
    } else {
      pop_to(table + 1);
      push("tbody", false);
    }
  }

  void open_row(std::size_t table, std::size_t group) {
    open_row_group(table, group);
    if (!error_.empty()) return;
    push("tr", false);
  }

  void push(const std::string& tag, bool foreign, std::string_view attributes = {}) {
    if (!error_.empty()) return;
    Open o{tag, foreign, -1};
    if (!foreign && is_formatting(tag)) {
      noahs_ark(tag, attributes);
      o.active = static_cast<int>(active_.size());
      active_.push_back({tag, std::string(attributes), true, false});
      if (++formatting_ > limits_.max_open_formatting) {
        fail("too many unclosed formatting elements (more than " +
             std::to_string(limits_.max_open_formatting) + " <" + tag + "> and the like)");
      }
    }
    if (!foreign && is_marker(tag)) active_.push_back({});
    compact();
    open_.push_back(std::move(o));
    if (static_cast<int>(open_.size()) > limits_.max_depth) {
      fail("elements nested deeper than " + std::to_string(limits_.max_depth));
    }
  }

  // Pops everything from position k up.
  void pop_to(std::size_t k) {
    while (open_.size() > k) pop();
  }

  void pop() {
    const Open& o = open_.back();
    if (o.active >= 0 && static_cast<std::size_t>(o.active) < active_.size()) {
      active_[static_cast<std::size_t>(o.active)].open = false;  // reopened later
    }
    if (!o.foreign && is_marker(o.tag)) {
      // Closing a cell, caption ...: formatting elements opened inside it are forgotten.
      open_.pop_back();
      while (!active_.empty()) {
        const bool marker = active_.back().tag.empty();
        if (!marker && !active_.back().gone) --formatting_;
        if (active_.back().gone) --gone_;
        active_.pop_back();
        if (marker) break;
      }
      for (Open& e : open_) {
        if (e.active >= static_cast<int>(active_.size())) e.active = -1;
      }
      return;
    }
    open_.pop_back();
  }

  // At most three identical formatting elements stay in the list: the earliest goes.
  void noahs_ark(std::string_view tag, std::string_view attributes) {
    std::size_t same = 0;
    std::size_t earliest = kNone;
    for (std::size_t a = active_.size(); a-- > 0 && !active_[a].tag.empty();) {
      if (!active_[a].gone && active_[a].tag == tag && active_[a].attributes == attributes) {
        ++same;
        earliest = a;
      }
    }
    if (same >= 3) remove_active(earliest);
  }

  void remove_active(std::size_t a) {
    if (active_[a].gone || active_[a].tag.empty()) return;
    active_[a].gone = true;
    --formatting_;
    ++gone_;
    for (Open& e : open_) {
      if (e.active == static_cast<int>(a)) e.active = -1;
    }
    compact();
  }

  // Drops removed entries, renumbering the links from open elements (amortised: only when
  // they are many).
  void compact() {
    while (!active_.empty() && active_.back().gone) {
      active_.pop_back();
      --gone_;
    }
    if (gone_ < 64 || gone_ < active_.size() / 2) return;
    std::vector<int> renumber(active_.size(), -1);
    std::vector<Active> kept;
    for (std::size_t a = 0; a < active_.size(); ++a) {
      if (active_[a].gone) continue;
      renumber[a] = static_cast<int>(kept.size());
      kept.push_back(std::move(active_[a]));
    }
    for (Open& e : open_) {
      if (e.active >= 0) e.active = renumber[static_cast<std::size_t>(e.active)];
    }
    active_ = std::move(kept);
    gone_ = 0;
  }

  // The parser reopens formatting elements closed by a misnested end tag before text and most
  // start tags: each is a new element, nested inside the current one.
  void reconstruct() {
    std::size_t first = active_.size();
    while (first > 0 && !active_[first - 1].tag.empty()) --first;
    for (std::size_t a = first; a < active_.size() && error_.empty(); ++a) {
      if (active_[a].open || active_[a].gone) continue;
      if (++elements_ > limits_.max_elements) {
        fail("more than " + std::to_string(limits_.max_elements) + " elements");
        return;
      }
      active_[a].open = true;
      open_.push_back({active_[a].tag, false, static_cast<int>(a)});
      if (static_cast<int>(open_.size()) > limits_.max_depth) {
        fail("elements nested deeper than " + std::to_string(limits_.max_depth));
      }
    }
  }

  void fail(std::string why) {
    if (error_.empty()) error_ = std::move(why);
  }

  std::string_view html_;
  const ParseLimits& limits_;
  std::vector<Open> open_;
  std::vector<Active> active_;
  int formatting_ = 0;    // entries in active_ that are neither markers nor gone
  std::size_t gone_ = 0;  // entries in active_ marked gone
  std::size_t elements_ = 0;
  std::string error_;
};

std::string check_structure(std::string_view html, const ParseLimits& limits) {
  return StructureScan(html, limits).run();
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string tag_name(const GumboElement& e) {
  if (e.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(e.tag);
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  return lower(std::string(piece.data, piece.length));
}

struct GumboOutputDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

}  // namespace

struct DomBuilder {
  // The DOM, or an error when the parsed tree is deeper or larger than the limits allow.
  static std::string build(const GumboNode* gumbo_root, const ParseLimits& limits, Dom& dom) {
    dom.nodes_.reserve(1024);
    // Iterative: pages may nest deeply, the stack must not.
    struct Pending {
      const GumboNode* node;
      NodeId parent;
      std::size_t depth;
    };
    std::vector<Pending> stack{{gumbo_root, kNoNode, 0}};
    while (!stack.empty()) {
      auto [g, parent, depth] = stack.back();
      stack.pop_back();
      if (depth > limits.max_dom_depth) {
        return "the parsed page nests deeper than " + std::to_string(limits.max_dom_depth);
      }
      if (dom.nodes_.size() >= limits.max_dom_nodes) {
        return "the parsed page has more than " + std::to_string(limits.max_dom_nodes) + " nodes";
      }
      DomNode n;
      n.parent = parent;
      const GumboVector* children = nullptr;
      switch (g->type) {
        case GUMBO_NODE_DOCUMENT:
          n.type = NodeType::Document;
          children = &g->v.document.children;
          break;
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: {
          n.type = NodeType::Element;
          n.tag = tag_name(g->v.element);
          const GumboVector& attrs = g->v.element.attributes;
          for (unsigned i = 0; i < attrs.length; ++i) {
            const auto* a = static_cast<const GumboAttribute*>(attrs.data[i]);
            n.attributes.push_back({lower(a->name), a->value});
          }
          children = &g->v.element.children;
          break;
        }
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE:
          n.type = NodeType::Text;
          n.text = g->v.text.text;
          break;
        case GUMBO_NODE_COMMENT:
          continue;
      }
      const auto id = static_cast<NodeId>(dom.nodes_.size());
      if (parent != kNoNode) dom.nodes_[parent].children.push_back(id);
      if (n.type == NodeType::Element) {
        for (const auto& a : n.attributes) {
          if (a.name == "id" && !a.value.empty()) dom.ids_.emplace(a.value, id);  // first wins
        }
      }
      dom.nodes_.push_back(std::move(n));
      if (children != nullptr) {
        for (unsigned i = children->length; i-- > 0;) {
          stack.push_back({static_cast<const GumboNode*>(children->data[i]), id, depth + 1});
        }
      }
    }
    return {};
  }
};

ParseResult Dom::parse(std::string_view html, const ParseLimits& limits) {
  ParseResult r;
  if (html.size() > limits.max_bytes) {
    r.error = "page too large: " + std::to_string(html.size() / 1024) + " KB (limit " +
              std::to_string(limits.max_bytes / 1024) + " KB)";
    return r;
  }
  if (std::string why = check_structure(html, limits); !why.empty()) {
    r.error = "page structure refused: " + why;
    return r;
  }
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 1000;
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
      gumbo_parse_with_options(&options, html.data(), html.size()));
  if (!output) {
    r.error = "the HTML parser failed";
    return r;
  }
  Dom dom;
  if (std::string why = DomBuilder::build(output->document, limits, dom); !why.empty()) {
    r.error = "page structure refused: " + why;
    return r;
  }
  r.dom = std::move(dom);
  return r;
}

const std::string* Dom::attribute(NodeId id, std::string_view name) const {
  for (const auto& a : nodes_[id].attributes) {
    if (a.name == name) return &a.value;
  }
  return nullptr;
}

NodeId Dom::element_by_id(std::string_view id) const {
  auto it = ids_.find(std::string(id));
  return it == ids_.end() ? kNoNode : it->second;
}

NodeId Dom::ancestor(NodeId id, std::initializer_list<std::string_view> tags) const {
  for (NodeId p = nodes_[id].parent; p != kNoNode; p = nodes_[p].parent) {
    if (nodes_[p].type != NodeType::Element) continue;
    for (auto t : tags) {
      if (nodes_[p].tag == t) return p;
    }
  }
  return kNoNode;
}

std::string Dom::title() const {
  for (NodeId i = 0; i < nodes_.size(); ++i) {
    if (nodes_[i].type == NodeType::Element && nodes_[i].tag == "title") {
      std::string t;
      for (NodeId c : nodes_[i].children) t += nodes_[c].text;
      return t;
    }
  }
  return {};
}

}  // namespace a11y
