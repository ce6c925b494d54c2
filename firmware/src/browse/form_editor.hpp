// The page's forms as the citizen fills them in: Enter on a text field starts typing (each
// character echoed, or for an ID number, phone or PIN only its position), Back deletes, Enter
// or Esc ends; Enter toggles a checkbox or a radio, steps a select round its options; a submit
// button is checked for required fields first. The values are personal data: they are kept in
// wiped buffers and shown masked where the hall could see or hear them.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "drivers/resident_id.hpp"
#include "forms.hpp"
#include "input/region.hpp"
#include "speech/announcer.hpp"
#include "ui/reading_view.hpp"

namespace kiosk {

class FormEditor final : public Region {
 public:
  FormEditor(ui::ReadingView& view, Announcer& announcer) : view_(view), announcer_(announcer) {}

  // The forms of the document the view now shows (their runs are found); `reword`: the runs
  // do not show these forms' values yet (forms put back from the history).
  void attach(PageForms forms, bool reword);
  // Hands the forms over (to the history) and forgets them here.
  PageForms detach();
  const PageForms& forms() const { return forms_; }

  struct Activation {
    Outcome outcome = Outcome::Unchanged;
    std::optional<int> submit_form;  // a submit button: the form to send (already validated)
  };
  Activation activate(std::uint32_t node);

  // While typing: Back deletes, Enter/Esc end; any other command ends typing and is NotMine,
  // so the page below does its usual job with it.
  Outcome command(Command command) override;
  Outcome text(const std::string& utf8) override;
  bool takes_text() const override { return editing_.has_value(); }
  // The field being typed into (the on-screen keyboard picks its layout by it); null if none.
  const FormField* editing_field() const {
    if (!editing_) return nullptr;
    for (const auto& f : forms_.fields) {
      if (f.dom == *editing_) return &f;
    }
    return nullptr;
  }
  // Typing ends without a word (a touch elsewhere).
  void stop_editing() { editing_.reset(); }

  // Required fields of `form` left empty: said, and the focus moves to the first. True if none.
  bool validate(int form);
  // An ID card's holder fills the fields that ask for a name or an ID number; returns what was
  // filled ("姓名", "证件号码").
  std::vector<std::string> fill_from_card(const drivers::IdCard& card);
  // Every value wiped (the session ended).
  void wipe();
  // The citizen has typed, chosen, ticked or had a card fill something on this page (leaving
  // it by Back would lose that).
  bool has_entries() const { return entries_; }

 private:
  std::optional<ui::FocusTarget> run_of(std::uint32_t node) const;
  void refresh(const FormField& field);
  std::string echo_of(const FormField& field, const std::string& typed) const;

  ui::ReadingView& view_;
  Announcer& announcer_;
  PageForms forms_;
  bool entries_ = false;
  std::unordered_map<std::uint32_t, ui::FocusTarget> runs_;  // control node → its run
  std::optional<std::uint32_t> editing_;
};

}  // namespace kiosk
