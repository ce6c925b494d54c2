// The large-type reading view: a Document reflowed to the screen, a focus that moves item by
// item (Up/Down, EZ Access list mode) or link by link (Tab), zoom 100-400% that keeps the
// reading position, colour schemes, guide lines and the caption bar. Input devices map their
// keys and touches to ViewCommands; the view knows nothing about SDL events.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ui/layout.hpp"
#include "ui/scheme.hpp"
#include "ui/screen_renderer.hpp"

namespace ui {

enum class ViewCommand {
  NextItem,
  PreviousItem,
  NextLink,
  PreviousLink,
  ZoomIn,
  ZoomOut,
  NextScheme,
  ToggleGuideLines,
  ToggleCaptionBar,
  CaptionNextPage,
  CaptionPreviousPage,
  // Quick navigation, as in a screen reader's browse mode (H, K, F, T, L; with Shift back).
  NextHeading,
  PreviousHeading,
  NextLinkOnly,
  PreviousLinkOnly,
  NextFormField,
  PreviousFormField,
  NextTable,
  PreviousTable,
  NextList,
  PreviousList,
};

// A button of the title bar, for touch: `id` is the caller's (a command's number).
struct TitleButton {
  int id = 0;
  std::string label;
};

// A button of the bottom panel (the on-screen keyboard): `id` is the caller's, `area` is
// relative to the panel's top-left corner (the panel does not zoom with the page).
struct PanelButton {
  int id = 0;
  std::string label;
  Rect area;
  int label_px = 0;          // 0: the body size
  bool pressable = true;     // false: a label only (the pinyin being composed), never touched
  bool highlighted = false;  // drawn inverted: the layout in use, a key said once (touch-talk)
};

struct ViewSettings {
  int body_px = 48;  // at zoom 100%, already raised to meet the 4.8 mm capital rule
  double zoom = 1.0;
  const ColorScheme* scheme = nullptr;  // null: the default scheme
  bool guide_lines = false;
  bool caption_bar = true;
};

inline constexpr double kZoomSteps[] = {1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0};
// A poster is set this many times the body size, whatever the zoom.
inline constexpr double kPosterScale = 1.5;

class ReadingView {
 public:
  ReadingView(TextLayouter& layouter, const ViewSettings& settings);

  void set_document(Document doc);
  // A document already laid out elsewhere (a page loader's thread) with `params`: used as it is
  // when the view's parameters are still the same, so a large page costs the UI thread nothing;
  // laid out again here otherwise.
  void set_document(Document doc, DocumentLayout layout, const LayoutParams& params);
  // The parameters the view lays its document out with now.
  LayoutParams layout_params() const;
  // Several runs changed at once (form fields filled in): one relayout, not one per run.
  void update_runs_text(const std::vector<std::pair<FocusTarget, std::string>>& changes);
  // Changes one run's text in place (a form field being filled in); focus and scroll stay.
  void update_run_text(std::uint32_t block, std::size_t run, std::string text);
  // Shows `text` in the caption bar instead of the focused text until the focus moves
  // (a captcha's characters, spaced out, at caption size).
  void set_caption_override(std::string text);
  const std::string& caption_override() const { return caption_override_; }
  void resize(int width, int height);
  // Returns true when what is shown changed.
  bool apply(ViewCommand command);
  bool set_zoom(double zoom);
  // A swipe or the wheel: the page moves by `dy` content pixels (positive: further down the
  // page), within the page; the focus stays where it is. False at an end.
  bool scroll_by(int dy);
  void set_scheme(const ColorScheme& scheme);
  bool set_focus(const FocusTarget& target);
  // Touch or click: the link under the point, else the block; nullopt when nothing is there.
  std::optional<FocusTarget> target_at(Point screen) const;
  // The title bar across the top (page title, 第N项/共M项, buttons); none until set.
  void set_title_bar(std::vector<TitleButton> buttons);
  // Shown instead of the position while set (the time left: 还剩29秒); empty: the position.
  void set_title_status(std::string text);
  // The title bar button under a touch, if any.
  std::optional<int> button_at(Point screen) const;
  int title_bar_height() const;
  // A panel of buttons across the bottom, `height` px tall (the on-screen keyboard): the page
  // shrinks above it, the caption bar gives way to it, and the focus is scrolled into view.
  void set_bottom_panel(int height, std::vector<PanelButton> buttons);
  void clear_bottom_panel();
  bool bottom_panel_shown() const { return panel_height_ > 0; }
  Rect bottom_panel_area() const;
  const std::vector<PanelButton>& panel_buttons() const { return panel_; }
  // The pressable panel button under a touch, if any.
  std::optional<int> panel_button_at(Point screen) const;
  void set_pointer(std::optional<Point> screen);

  // The second row under the title bar (the accessibility toolbar): buttons at body size that do
  // not zoom with the page. When they do not fit in one row they are paged, never clipped: each
  // page ends with `more`, which next_toolbar_page() follows (wrapping round). Crowded (see
  // crowded()), the buttons move up into the title bar's row.
  void set_toolbar(std::vector<TitleButton> buttons, TitleButton more);
  void set_toolbar_shown(bool shown);
  bool toolbar_shown() const { return toolbar_shown_ && !toolbar_buttons_.empty(); }
  int toolbar_height() const;
  int toolbar_page() const;
  int toolbar_pages() const { return static_cast<int>(paginate_toolbar().size()); }
  // With the toolbar shown, at a zoom where the page would keep fewer than three lines beside
  // full-size bars: the toolbar's buttons share the title bar's row (the title and position give
  // way; the page's heading and the voice say them), the caption bar shrinks to one line at body
  // size (the page's own text is larger by then), and a block taller than the screen comes in
  // with only its focus ring's room above its first line.
  bool crowded() const;
  void next_toolbar_page();
  // The title-bar or toolbar button drawn with a focus ring (touched once in audio mode, or
  // pointed at); nullopt: none.
  void set_focused_button(std::optional<int> id);
  std::optional<int> focused_button() const { return focused_button_; }
  // A toolbar button whose setting is on (十字线, 指读 …) is drawn with a square in its corner:
  // seen without relying on colour.
  void set_button_on(int id, bool on);
  bool button_on(int id) const;
  // Every button on screen now, title bar and toolbar, with its id (touch, tests).
  std::vector<std::pair<int, Rect>> button_areas() const;
  // The label of a button by id, or empty.
  std::string button_label(int id) const;
  // Labels and the title stay at this size whatever the zoom.
  int bar_label_px() const { return body_px_; }
  // The caption's text passes through this before it is shown (a conversion to traditional
  // characters); empty: shown as it is.
  void set_caption_transform(std::function<std::string(const std::string&)> transform);

  ScreenView screen_view() const;

  const Document& document() const { return doc_; }
  // Changes whenever set_document() shows a page, even the same page again.
  std::uint64_t document_generation() const { return generation_; }
  const DocumentLayout& layout() const { return layout_; }
  const FocusTarget& focus() const { return focus_; }
  const InlineRun* focused_link() const;
  std::string focused_text() const;
  double zoom() const { return zoom_; }
  const ColorScheme& scheme() const { return *scheme_; }
  bool guide_lines() const { return guide_lines_; }
  bool caption_bar() const { return caption_bar_; }
  int scroll_y() const { return scroll_y_; }
  int caption_page() const { return caption_page_; }
  int caption_pages() const;
  Rect content_area() const;

 private:
  void relayout();
  // Moves to the next (or previous) link run; `fields` includes form fields, `wrap` goes
  // round from the last to the first.
  bool step_link(bool forward, bool wrap, bool fields);
  // Moves to the next (or previous) block for which `starts` is true; false at the end.
  template <typename Pred>
  bool jump(bool forward, Pred starts);
  void layout_caption();
  void scroll_focus_into_view();
  int caption_height() const;
  bool compact_caption() const { return crowded(); }
  int caption_pixel_size() const { return compact_caption() ? body_px_ : 2 * body_px_; }
  int caption_lines_per_page() const { return height_ >= 900 && !compact_caption() ? 2 : 1; }
  int caption_padding() const { return compact_caption() ? body_px_ / 6 : body_px_ / 2; }
  // The toolbar's pages for the room it has now: indices, toolbar_buttons_.size() for `more`.
  std::vector<std::vector<std::size_t>> paginate_toolbar() const;
  int toolbar_button_width(std::size_t index) const;
  std::vector<Rect> toolbar_rects() const;

  TextLayouter& layouter_;
  Document doc_;
  DocumentLayout layout_;
  DocumentLayout caption_;
  DocumentLayout caption_label_;
  int body_px_;
  double zoom_;
  const ColorScheme* scheme_;
  bool guide_lines_;
  bool caption_bar_;
  int width_ = 1920;
  int height_ = 1080;
  int scroll_y_ = 0;
  int caption_page_ = 0;
  FocusTarget focus_;
  std::optional<Point> pointer_;
  std::uint64_t generation_ = 0;
  std::string caption_override_;
  bool title_bar_ = false;
  std::vector<TitleButton> buttons_;
  std::string title_status_;
  // Laid out when the screen view is asked for and its text changed (the position moves with
  // every focus move), hence mutable.
  mutable std::string title_shown_;
  mutable std::string status_shown_;
  mutable DocumentLayout title_layout_;
  mutable DocumentLayout status_layout_;
  mutable std::vector<DocumentLayout> button_layouts_;
  std::vector<Rect> button_rects() const;
  int panel_height_ = 0;
  std::vector<PanelButton> panel_;
  std::vector<DocumentLayout> panel_layouts_;
  std::vector<TitleButton> toolbar_buttons_;
  TitleButton toolbar_more_;
  std::vector<DocumentLayout> toolbar_layouts_;  // one per button, `more` last
  DocumentLayout toolbar_more_layout_;
  int toolbar_page_ = 0;
  bool toolbar_shown_ = true;
  std::optional<int> focused_button_;
  std::vector<int> buttons_on_;
  std::function<std::string(const std::string&)> caption_transform_;
};

}  // namespace ui
