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
};

class Accessibility {
 public:
  explicit Accessibility(const Dom& dom);

  // ARIA role name ("link", "heading", "generic", "none" ...); "" for elements with no role
  // mapping (head, script, br ...).
  std::string role(NodeId id) const;
  std::string name(NodeId id) const;
  std::string description(NodeId id) const;
  bool hidden(NodeId id) const;  // excluded from the accessibility tree
  States states(NodeId id) const;
  int heading_level(NodeId id) const;  // 0 when not a heading
  std::string value(NodeId id) const;  // form controls
  // True for a <label> that names a form control (its text is then said with the control).
  bool labels_a_control(NodeId label) const;

  const Dom& dom() const { return dom_; }

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

  const Dom& dom_;
  std::unordered_map<NodeId, std::vector<NodeId>> labels_;  // control -> its <label>s
  std::unordered_set<NodeId> labelling_;                    // labels that name a control
  std::vector<bool> hidden_;                                // by node: it or an ancestor is hidden
  std::vector<bool> heads_row_;  // by node: a <th> that starts a row of data cells
};

// Collapses runs of white space to one space and trims the ends (names are compared so).
std::string collapse_whitespace(std::string_view text);

}  // namespace a11y
