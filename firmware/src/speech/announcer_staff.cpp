// The Announcer's staff-mode sentences (declared in announcer.hpp, worded in staff_wording.cpp).
// PIN digits only ever make a tone: a PIN is never said, whoever is listening.
#include "announcer.hpp"
#include "staff_wording.hpp"
#include "wording.hpp"

namespace kiosk {

void Announcer::staff_pin_prompt() {
  say(staff_words::title() + "。" + staff_words::pin_prompt() + "。" + staff_words::pin_help(),
      Reason::Staff);
}

void Announcer::staff_pin_digit() {
  speaker_.earcon(tts::Earcon::PinDigit, Reason::Staff);
}

void Announcer::staff_pin_wrong(int tries_left) {
  say(staff_words::pin_wrong(tries_left), Reason::Staff, tts::Earcon::Error);
}

void Announcer::staff_locked(int minutes) {
  say(staff_words::locked(minutes), Reason::Staff, tts::Earcon::Error);
}

void Announcer::staff_not_provisioned() {
  say(staff_words::not_provisioned(), Reason::Staff, tts::Earcon::Error);
}

void Announcer::staff_screen(const ui::ReadingView& view) {
  say(describe_page(view), Reason::Staff);
}

void Announcer::staff_left(bool timed_out) {
  say(staff_words::left(timed_out), Reason::Staff);
}

void Announcer::staff_coming() {
  say(staff_words::coming() + "。", Reason::Help);
}

void Announcer::staff_taking_over() {
  say(staff_words::taken_over(), Reason::Staff);
}

void Announcer::staff_handed_back() {
  say(staff_words::handed_back(), Reason::Staff);
}

void Announcer::staff_self_test(const std::vector<std::string>& failed) {
  say(staff_words::test_sentence() + staff_words::self_test_summary(failed), Reason::Staff);
}

void Announcer::staff_acknowledged(long seconds) {
  say(staff_words::acknowledged(seconds), Reason::Staff);
}

void Announcer::staff_no_session() {
  say(staff_words::no_session(), Reason::Staff, tts::Earcon::Error);
}

void Announcer::staff_ended_session() {
  say(staff_words::ended_by_staff(), Reason::Staff);
}

}  // namespace kiosk
