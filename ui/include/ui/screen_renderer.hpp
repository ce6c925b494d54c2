// Draws one frame: scheme background, guide lines, reflowed text, link underlines, the
// focus ring and the caption bar. It owns nothing but the glyph atlas; what to show comes
// in a ScreenView each frame.
#pragma once

#include <SDL.h>

#include <optional>
#include <vector>

#include "ui/glyph_atlas.hpp"
#include "ui/layout.hpp"
#include "ui/scheme.hpp"

namespace ui {

struct CaptionBarView {
  const DocumentLayout* text = nullptr;   // the focused text at caption size
  const DocumentLayout* label = nullptr;  // page indicator, drawn at the right
  Rect area;                              // screen coordinates
  int first_line = 0;                     // the page shown: lines [first, first + count)
  int line_count = 0;
  int padding = 0;
};

// The bar across the top: the page's title, where the focus is (第3项/共12项) or the time left,
// and large buttons for touch (返回, 首页, 结束 …).
struct TitleBarView {
  Rect area;  // screen coordinates
  const DocumentLayout* title = nullptr;
  const DocumentLayout* status = nullptr;
  struct Button {
    Rect area;
    const DocumentLayout* label = nullptr;
    bool focused = false;  // drawn inverted with a ring inside
    bool on = false;       // its setting is on: a square in its top right corner
  };
  std::vector<Button> buttons;
  int padding = 0;
  int line_thickness = 4;  // the bar does not zoom with the page
};

// A panel of buttons across the bottom (the on-screen keyboard), in screen coordinates.
struct BottomPanelView {
  Rect area;
  struct Button {
    Rect area;
    const DocumentLayout* label = nullptr;
    bool pressable = true;  // a ring round it; false: the label alone
    bool highlighted = false;
  };
  std::vector<Button> buttons;
  int line_thickness = 4;
};

struct ScreenView {
  const ColorScheme* scheme = nullptr;
  const DocumentLayout* content = nullptr;
  Rect content_area;                    // screen coordinates
  int scroll_y = 0;                     // content pixels scrolled off the top
  std::vector<Rect> focus;              // content coordinates
  int focus_thickness = 4;              // >= 4 px
  std::optional<Point> guide_lines_at;  // screen coordinates; nullopt: no guide lines
  int guide_thickness = 4;
  std::optional<CaptionBarView> caption;
  std::optional<TitleBarView> title_bar;
  std::optional<BottomPanelView> panel;
  std::optional<TitleBarView> toolbar;  // the accessibility toolbar: buttons only
};

// Minimum thickness of the focus ring and guide lines at a zoom (4 px at 100%).
int indicator_thickness(double zoom);

// How many pages the caption bar needs for a caption layout.
int caption_page_count(const DocumentLayout& caption, int lines_per_page);

class ScreenRenderer {
 public:
  ScreenRenderer(SDL_Renderer* renderer, const FontCollection& fonts);

  void draw(const ScreenView& view);
  GlyphAtlas& atlas() { return atlas_; }

  // Draws text lines of a layout, translated so that layout (0, 0) lands on `origin`,
  // only lines within `clip` (screen coordinates).
  // `whole_lines`: lines the clip would cut are left out (the page: never a sliced line).
  void draw_layout(const DocumentLayout& layout, Point origin, const Rect& clip, Rgb text, Rgb link,
                   int first_line = 0, int line_count = -1, bool whole_lines = false);

 private:
  void fill(const Rect& r, Rgb c);
  void draw_ring(const Rect& r, int thickness, Rgb c);
  void draw_button(const TitleBarView::Button& button, int thickness, const ColorScheme& s);

  SDL_Renderer* renderer_;
  GlyphAtlas atlas_;
};

}  // namespace ui
