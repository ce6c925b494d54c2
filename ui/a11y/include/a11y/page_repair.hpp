// Repair of badly built pages: what the page's author meant, given to the citizen when the
// markup does not say it. Controls without a name take the text that labels them in reading
// order; onclick elements become buttons or links with a typed action; layout tables are read
// as text; decorative images are dropped and linked images named by their link. Pure: works
// on the DOM and the accessibility tree only.
//
// The tree builder asks it while building (role, apply) and once at the end (finish); the
// summary says what the page was missing (the fleet's health report counts such pages).
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "a11y/accessibility.hpp"
#include "a11y/repair_types.hpp"

namespace a11y {

struct AxNode;

// What a page lacked, for the health report ("label", "alt", "button", "table-layout").
enum class Missing { Label, Alt, Button, TableLayout };
const char* missing_word(Missing m);

struct RepairSummary {
  int named_controls = 0;  // controls named from their surroundings
  int clickables = 0;      // onclick elements made buttons or links
  int layout_tables = 0;
  int named_images = 0;          // linked images named by their link
  int dropped_images = 0;        // decoration and repeats
  std::vector<Missing> missing;  // in the order above, each at most once
  bool any() const { return !missing.empty(); }
};

class PageRepair {
 public:
  explicit PageRepair(const Accessibility& acc);

  // The role the tree gives element `id` (`role` is its computed one): a clickable generic
  // element becomes "button" or "link".
  std::string role(NodeId id, std::string role) const;
  // Names, actions, hrefs and marks for a node just made (element or text leaf).
  void apply(AxNode& n) const;
  // What needs the whole tree in reading order: never two unnamed images in a row.
  void finish(std::vector<AxNode>& nodes);
  const RepairSummary& summary() const { return summary_; }

  // The label words of a text: white space and the colon or asterisk around it trimmed.
  static std::string label_text(std::string_view text);
  // The action an onclick script (or a javascript: href) asks for, if it is a common one.
  // `forms`: the page's <form> elements in document order; `own_form`: the one holding the
  // element (-1 none).
  static RepairAction script_action(const Dom& dom, std::string_view script,
                                    const std::vector<NodeId>& forms, int own_form);

 private:
  struct Fix {
    std::string role;  // "" keeps the computed role
    std::string name;
    std::string href;
    RepairAction action;
    std::uint16_t marks = 0;
  };
  void find_forms();
  void repair_tables();
  void repair_clickables();
  void repair_controls();
  void repair_images();
  std::string text_of(NodeId id) const;  // the readable text of a subtree
  bool is_control(NodeId id) const;
  std::string neighbour_label(NodeId control, bool after, std::vector<NodeId>& used) const;
  std::string table_label(NodeId control, std::vector<NodeId>& used) const;
  void note(Missing m);

  const Accessibility& acc_;
  const Dom& dom_;
  std::vector<NodeId> forms_;
  std::unordered_map<NodeId, Fix> fixes_;
  std::unordered_set<NodeId> layout_tables_;
  std::unordered_set<NodeId> used_text_;  // text nodes that now name a control
  RepairSummary summary_;
};

// The dump's words for a node's repairs (,"repaired":[…],"action":{…}); empty when none.
std::string repair_json(const AxNode& n);

}  // namespace a11y
