#include "repaired_forms.hpp"

#include <variant>

namespace kiosk {

void apply_repairs(PageForms& forms, const a11y::AccessibilityTree& tree, const a11y::Dom& dom) {
  for (const a11y::AxNode& n : tree.nodes()) {
    if ((n.repaired & a11y::kRepairedName) != 0) {
      if (FormField* f = forms.field(n.dom)) {
        f->label = n.name;
        const std::string* type = dom.attribute(n.dom, "type");
        const std::string* autocomplete = dom.attribute(n.dom, "autocomplete");
        const Sensitivity by_label =
            sensitivity_of(type ? *type : "", f->name, autocomplete ? *autocomplete : "", f->label);
        if (by_label != Sensitivity::None) f->sensitivity = by_label;
      }
    }
    const auto* submit = std::get_if<a11y::SubmitForm>(&n.action);
    if (submit == nullptr || submit->form < 0 ||
        submit->form >= static_cast<int>(forms.forms.size())) {
      continue;
    }
    FormField* f = forms.field(n.dom);
    if (f == nullptr) {
      FormField button;
      button.dom = n.dom;
      button.role = "button";
      button.label = n.name;
      // Fields are kept in document order (missing() reports them so).
      auto at = forms.fields.begin();
      while (at != forms.fields.end() && at->dom < n.dom) ++at;
      f = &*forms.fields.insert(at, std::move(button));
    }
    f->form = submit->form;
    f->submits = true;
  }
}

}  // namespace kiosk
