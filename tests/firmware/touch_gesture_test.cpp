// A touch-only citizen reaches what is below the fold: a finger that moves is a swipe that
// scrolls the page, one that barely moves is a tap; the wheel scrolls too.
#include <gtest/gtest.h>

#include "input/touch_gesture.hpp"
#include "kiosk_harness.hpp"

namespace {

using kiosk::TouchGesture;
using kiosk_test::KioskHarness;

TEST(TouchGesture, ATrembleIsATapWhereTheFingerWentDown) {
  TouchGesture g;
  g.down({500, 500});
  EXPECT_FALSE(g.moved({510, 515}));
  EXPECT_EQ(g.up({505, 520}), (ui::Point{500, 500}));
  EXPECT_FALSE(g.up({500, 500})) << "no tap without a finger down";
}

TEST(TouchGesture, ASwipeScrollsWithTheFingerAndIsNoTap) {
  TouchGesture g;
  g.down({500, 800});
  EXPECT_EQ(g.moved({500, 700}), 100) << "finger up: the page goes up by as much";
  EXPECT_EQ(g.moved({500, 650}), 50);
  EXPECT_EQ(g.moved({500, 700}), -50);
  EXPECT_FALSE(g.up({500, 700})) << "lifting after a swipe does nothing else";
}

// The service ring at 300 % is far below the first screen: swipes bring it up, and a tap on it
// opens it, with no key pressed.
TEST(TouchGesture, ATouchOnlyCitizenSwipesToAServiceBelowTheFoldAndOpensIt) {
  kiosk_test::HarnessOptions options;
  options.start_home = true;
  KioskHarness k(options);
  auto& view = k.view();
  view.set_zoom(3.0);
  auto rect_of = [&](const std::string& wanted) {
    return kiosk_test::run_on_screen(view, [&](const std::string& text) { return text == wanted; });
  };

  const std::string service = "证明材料打印（需要验证码）";
  ASSERT_TRUE(rect_of(service));
  ASSERT_GT(rect_of(service)->y, view.content_area().bottom()) << "below the fold at first";
  // The wheel: three lines a notch, never past the top.
  EXPECT_EQ(k.core().wheel(-1), kiosk::Outcome::Unchanged) << "already at the top";
  EXPECT_EQ(k.core().wheel(1), kiosk::Outcome::Redraw);
  EXPECT_EQ(view.scroll_y(), static_cast<int>(3 * 1.5 * view.layout().body_px));
  EXPECT_EQ(k.core().wheel(-1), kiosk::Outcome::Redraw);
  EXPECT_EQ(view.scroll_y(), 0);
  int swipes = 0;
  while (rect_of(service)->bottom() > view.content_area().bottom() && swipes < 40) {
    ASSERT_EQ(k.core().scroll(400), kiosk::Outcome::Redraw);
    ++swipes;
  }
  EXPECT_LT(swipes, 40);
  const ui::Rect r = *rect_of(service);
  EXPECT_GE(r.y, view.content_area().y) << "whole on screen";
  k.core().touch(r.center());
  k.core().wait_until_loaded(std::chrono::seconds(10));
  EXPECT_EQ(view.document().title, "证明材料打印");
}

}  // namespace
