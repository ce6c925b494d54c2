// The forms of a service page: their fields as the citizen fills them in, validation before
// submission, and the urlencoded body (GET query or POST) that goes back through the same
// session. Field values are personal data: they live only as long as the page is open.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "a11y/accessibility.hpp"

namespace kiosk {

struct FormField {
  a11y::NodeId dom = a11y::kNoNode;
  int form = -1;      // index into PageForms::forms, -1 outside any form
  std::string role;   // textbox, checkbox, radio, combobox, button ...
  std::string label;  // the accessible name
  std::string name;   // the name attribute, sent with the value
  std::string value;
  std::string description;
  a11y::States states;
  bool submits = false;  // a submit button
  // <select>: each option's text and value; `value` holds the chosen option's value.
  std::vector<std::pair<std::string, std::string>> options;
  int selected = -1;
};

struct Form {
  std::string action;  // as written in the page; resolved against the page's URL
  std::string method;  // "get" or "post"
};

struct PageForms {
  std::vector<Form> forms;
  std::vector<FormField> fields;

  FormField* field(a11y::NodeId dom);
  // The text the reading view shows for a field (and speech reads).
  static std::string label(const FormField& f);
  // Required fields left empty, in document order.
  std::vector<const FormField*> missing(int form) const;
  // name=value&... for the form's successful controls.
  std::string encoded(int form) const;
};

PageForms extract_forms(const a11y::Accessibility& acc);

}  // namespace kiosk
