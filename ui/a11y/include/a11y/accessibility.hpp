// Roles per HTML-AAM and WAI-ARIA (a valid explicit role wins), accessible names and
// descriptions per AccName 1.2, states, and what is hidden. Computed on demand for any
// element, so the conformance runner can ask about elements the tree leaves out.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "a11y/author_css.hpp"
#include "a11y/dom.hpp"

namespace a11y {

struct States {
  bool required = false;
  bool invalid = false;
  bool disabled = false;
  bool readonly = false;
  bool checked = false;
  bool mixed = false;      // aria-checked="mixed"
  bool checkable = false;  // checked/mixed mean something for this role
  bool expanded = false;
  bool expandable = false;
  bool selected = false;
  bool focusable = false;
  // Radios: 1-based position in the group of the same name within the same form owner, across
  // containers (第1项，共6项); aria-posinset/aria-setsize win. 0 when not in a set.
  int position = 0;
  int set_size = 0;
  // <input>: its type, lower case ("date", "password", "color" …; "text" when absent or unknown).
  // Says which kind of field it is where the role does not (HTML-AAM maps date, time, password …
  // to no ARIA role).
  std::string input_type;
};

class Accessibility {
 public:
  // linked_sheets: the page's <link rel=stylesheet> sheets the loader fetched, in document
  // order; <style> elements and style="" are read from the Dom (a11y/author_css.hpp).
  explicit Accessibility(const Dom& dom, const std::vector<std::string>& linked_sheets = {});

  // ARIA role name ("link", "heading", "generic", "none" ...); "" for elements with no role
  // mapping (head, script, br ...).
  std::string role(NodeId id) const;
  std::string name(NodeId id) const;
  std::string description(NodeId id) const;
  bool hidden(NodeId id) const;  // excluded from the accessibility tree
  // Hidden with all it contains (display:none, hidden, aria-hidden …); a node hidden only by
  // visibility:hidden is not removed: a descendant with visibility:visible shows again.
  bool removed(NodeId id) const { return removed_[id]; }
  // CSS-generated text of ::before and ::after (AccName 2F.ii and 2F.iv).
  const std::string& css_before(NodeId id) const { return styles_.before(id); }
  const std::string& css_after(NodeId id) const { return styles_.after(id); }
  const AuthorStyles& author_styles() const { return styles_; }
  States states(NodeId id) const;
  int heading_level(NodeId id) const;  // 0 when not a heading
  std::string value(NodeId id) const;  // form controls
  // True for a <label> that names a form control (its text is then said with the control).
  bool labels_a_control(NodeId label) const;

  const Dom& dom() const { return dom_; }

  // aria-owns: the element that owns `id` (it is then its child, not its DOM parent's), or
  // kNoNode; and the elements `id` owns, in order. Cycles and second claims are ignored.
  NodeId aria_owner(NodeId id) const { return owner_[id]; }
  const std::vector<NodeId>& aria_owned(NodeId id) const;
  // <input>'s type as the HTML spec reads it (lower case; "text" when missing or unknown).
  std::string input_type(NodeId id) const;
  // Units of work done so far (names, roles and content pieces computed, not taken from a
  // cache): counts what is not timed, so tests can check that building a tree is linear.
  std::uint64_t work() const { return work_; }
  // Names from content are cut at this many bytes (at a character boundary): longer says
  // nothing a person can listen to, and it bounds each name's cost.
  static constexpr std::size_t kMaxNameBytes = 4096;

 private:
  struct Visited;
  struct Traversal;
  // shallow: deciding a role inside a name computed to decide a role; names are not asked
  // again (an image labelled by itself would otherwise recurse without end).
  std::string role(NodeId id, bool shallow) const;
  std::string implicit_role(NodeId id, bool shallow) const;
  std::string author_or_implicit_role(NodeId id, bool shallow) const;
  std::string compute_name(NodeId id, Traversal& t, bool root) const;
  std::string name_from_content(NodeId id, Traversal& t) const;
  std::string native_name(NodeId id, const std::string& role, Traversal& t) const;
  std::string embedded_control_value(NodeId id, const std::string& role) const;
  std::string labelledby(NodeId id, std::string_view attribute, Traversal& t) const;
  bool hidden_self(NodeId id) const;
  bool has_explicit_name(NodeId id, bool shallow) const;  // aria-label, -labelledby or title
  bool has_aria_name(NodeId id, bool shallow) const;      // aria-label or aria-labelledby only
  bool focusable_element(NodeId id) const;                // by HTML, before any role
  bool has_global_aria(NodeId id) const;                  // a global ARIA state or property is set
  // aria-labelledby, or the legacy spelling aria-labeledby that browsers also honour.
  const char* labelledby_attribute(NodeId id) const;

  const Dom& dom_;
  std::unordered_map<NodeId, std::vector<NodeId>> labels_;  // control -> its <label>s
  std::unordered_set<NodeId> labelling_;                    // labels that name a control
  std::vector<bool> hidden_;                                // by node: it or an ancestor is hidden
  std::vector<bool> removed_;  // by node: hidden with its subtree (not by visibility alone)
  AuthorStyles styles_;
  std::vector<bool> heads_row_;  // by node: a <th> that starts a row of data cells

  // Found once in the constructor, so no question walks ancestors or scans the page.
  std::vector<NodeId> subtree_end_;          // pre-order ids: a subtree is [id, end)
  std::vector<bool> in_disabled_fieldset_;   // inside <fieldset disabled>
  std::vector<bool> in_sectioning_;          // inside article, aside, nav or section
  std::vector<bool> in_main_or_sectioning_;  // the same or main (header/footer scoping)
  std::vector<NodeId> table_of_;             // nearest <table> ancestor
  std::vector<NodeId> owner_;                // aria-owns
  std::unordered_map<NodeId, std::vector<NodeId>> owned_;
  std::unordered_map<NodeId, std::pair<int, int>> radio_sets_;  // radio -> position, size
  // Each element's role, computed once (deep and shallow); and names' pieces from content.
  // Stored as an index into role_names_ (1-based; 0 = not computed yet): a byte a node.
  mutable std::vector<std::uint8_t> roles_[2];
  mutable std::vector<std::string> role_names_;
  // A child's part of a name from content, kept when computing it met no cycle or bound, with
  // the nodes outside its subtree it read (labels, aria-labelledby): reused only while none of
  // those nor its own nodes are part of the computation asking.
  struct Piece {
    std::string text;
    std::vector<NodeId> foreign;
  };
  mutable std::unordered_map<std::uint64_t, Piece> pieces_;
  // Its subtree's pieces are computed (bottom-up): [0] as content, [1] inside aria-labelledby.
  mutable std::vector<bool> warmed_[2];
  // What the pieces hold (bytes, with the map's own cost). Past kPieceBudget no more are kept:
  // memory stays bounded on any page, and names are still cut at kMaxNameBytes.
  mutable std::size_t piece_bytes_ = 0;
  mutable bool pieces_full_ = false;
  static constexpr std::size_t kPieceBudget = 16 * 1024 * 1024;
  mutable std::uint64_t work_ = 0;

  template <typename F>
  void for_each_content_child(NodeId id, F&& f) const;
  std::string piece(NodeId child, Traversal& t) const;
  void warm(NodeId id, bool in_labelledby) const;
};

// Collapses runs of white space to one space and trims the ends (names are compared so).
std::string collapse_whitespace(std::string_view text);

}  // namespace a11y
