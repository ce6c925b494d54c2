#include "ui/reading_view.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

namespace ui {
namespace {

bool is_link(const Document& d, const FocusTarget& t) {
  return t.run >= 0 && t.block < d.blocks.size() &&
         static_cast<std::size_t>(t.run) < d.blocks[t.block].runs.size() &&
         d.blocks[t.block].runs[t.run].kind == InlineKind::Link;
}

}  // namespace

ReadingView::ReadingView(TextLayouter& layouter, const ViewSettings& settings)
    : layouter_(layouter),
      body_px_(settings.body_px),
      zoom_(std::clamp(settings.zoom, kZoomSteps[0], std::end(kZoomSteps)[-1])),
      scheme_(settings.scheme ? settings.scheme : &color_schemes().front()),
      guide_lines_(settings.guide_lines),
      caption_bar_(settings.caption_bar) {}

void ReadingView::set_document(Document doc) {
  // A new page gets new buffers: the old page's glyphs are freed (and wiped) with it, never
  // kept as spare capacity.
  layout_ = DocumentLayout{};
  doc_ = std::move(doc);
  ++generation_;
  focus_ = FocusTarget{};
  scroll_y_ = 0;
  relayout();
}

void ReadingView::set_document(Document doc, DocumentLayout layout, const LayoutParams& params) {
  const LayoutParams now = layout_params();
  if (params.width_px != now.width_px || params.body_px != now.body_px || params.zoom != now.zoom ||
      params.margin_px != now.margin_px) {
    set_document(std::move(doc));
    return;
  }
  doc_ = std::move(doc);
  ++generation_;
  focus_ = FocusTarget{};
  scroll_y_ = 0;
  layout_ = std::move(layout);
  scroll_focus_into_view();
  layout_caption();
}

LayoutParams ReadingView::layout_params() const {
  LayoutParams params;
  params.width_px = width_;
  params.body_px = body_px_;
  params.zoom = doc_.poster ? kPosterScale : zoom_;
  params.margin_px = body_px_;
  return params;
}

void ReadingView::update_runs_text(
    const std::vector<std::pair<FocusTarget, std::string>>& changes) {
  bool changed = false;
  for (const auto& [at, text] : changes) {
    if (at.block >= doc_.blocks.size() || at.run < 0 ||
        static_cast<std::size_t>(at.run) >= doc_.blocks[at.block].runs.size()) {
      continue;
    }
    auto& run = doc_.blocks[at.block].runs[static_cast<std::size_t>(at.run)];
    if (run.text == text) continue;
    run.text = text;
    changed = true;
  }
  if (changed) relayout();
}

void ReadingView::update_run_text(std::uint32_t block, std::size_t run, std::string text) {
  if (block >= doc_.blocks.size() || run >= doc_.blocks[block].runs.size()) return;
  doc_.blocks[block].runs[run].text = std::move(text);
  relayout();
}

void ReadingView::set_caption_override(std::string text) {
  caption_override_ = std::move(text);
  caption_page_ = 0;
  layout_caption();
}

void ReadingView::resize(int width, int height) {
  if (width == width_ && height == height_) return;
  width_ = std::max(width, 64);
  height_ = std::max(height, 64);
  relayout();
}

Rect ReadingView::content_area() const {
  const int top = title_bar_height() + toolbar_height();
  const int bottom = panel_height_ > 0              ? panel_height_
                     : caption_bar_ && !doc_.poster ? caption_height()
                                                    : 0;
  return {0, top, width_, height_ - top - bottom};
}

void ReadingView::set_bottom_panel(int height, std::vector<PanelButton> buttons) {
  panel_height_ = std::clamp(height, 0, height_ - title_bar_height() - toolbar_height());
  panel_ = std::move(buttons);
  panel_layouts_.clear();
  for (const auto& b : panel_) {
    panel_layouts_.push_back(layouter_.layout_text(b.label.empty() ? " " : b.label,
                                                   b.label_px > 0 ? b.label_px : body_px_,
                                                   std::max(b.area.w, 1), FontWeight::Bold));
  }
  scroll_focus_into_view();
}

void ReadingView::clear_bottom_panel() {
  if (panel_height_ == 0 && panel_.empty()) return;
  panel_height_ = 0;
  panel_.clear();
  panel_layouts_.clear();
  scroll_focus_into_view();
}

Rect ReadingView::bottom_panel_area() const {
  return {0, height_ - panel_height_, width_, panel_height_};
}

std::optional<int> ReadingView::panel_button_at(Point screen) const {
  if (panel_height_ == 0) return std::nullopt;
  const Rect area = bottom_panel_area();
  for (const auto& b : panel_) {
    const Rect r{area.x + b.area.x, area.y + b.area.y, b.area.w, b.area.h};
    if (b.pressable && r.contains(screen)) return b.id;
  }
  return std::nullopt;
}

int ReadingView::title_bar_height() const {
  if (!title_bar_ || doc_.poster) return 0;
  // One line of body text with room round it; the buttons inside stay >= 60 px tall.
  return std::max(
      static_cast<int>(std::lround(LayoutParams::kLineSpacing * body_px_)) + body_px_ / 2, 76);
}

void ReadingView::set_title_bar(std::vector<TitleButton> buttons) {
  title_bar_ = true;
  buttons_ = std::move(buttons);
  button_layouts_.clear();
  for (const auto& b : buttons_) {
    button_layouts_.push_back(layouter_.layout_text(b.label, body_px_, width_, FontWeight::Bold));
  }
  title_shown_.clear();
  relayout();
}

void ReadingView::set_title_status(std::string text) {
  title_status_ = std::move(text);
}

std::vector<Rect> ReadingView::button_rects() const {
  std::vector<Rect> rects;
  const int bar = title_bar_height();
  const int gap = body_px_ / 4;
  int right = width_ - gap;
  for (std::size_t i = buttons_.size(); i-- > 0;) {
    const int label_w = i < button_layouts_.size() && !button_layouts_[i].lines.empty()
                            ? button_layouts_[i].lines.front().width
                            : body_px_ * 2;
    const int w = std::max(label_w + body_px_, 2 * body_px_);
    rects.insert(rects.begin(), Rect{right - w, gap / 2, w, bar - gap});
    right -= w + gap;
  }
  return rects;
}

std::optional<int> ReadingView::button_at(Point screen) const {
  for (const auto& [id, rect] : button_areas()) {
    if (rect.contains(screen)) return id;
  }
  return std::nullopt;
}

std::vector<std::pair<int, Rect>> ReadingView::button_areas() const {
  std::vector<std::pair<int, Rect>> areas;
  if (title_bar_ && !doc_.poster) {
    const auto rects = button_rects();
    for (std::size_t i = 0; i < rects.size(); ++i) areas.emplace_back(buttons_[i].id, rects[i]);
  }
  if (toolbar_shown() && !doc_.poster) {
    const auto rects = toolbar_rects();
    const auto pages = paginate_toolbar();
    const auto& page = pages[static_cast<std::size_t>(toolbar_page())];
    for (std::size_t i = 0; i < rects.size(); ++i) {
      areas.emplace_back(
          page[i] < toolbar_buttons_.size() ? toolbar_buttons_[page[i]].id : toolbar_more_.id,
          rects[i]);
    }
  }
  return areas;
}

std::string ReadingView::button_label(int id) const {
  for (const auto& b : buttons_) {
    if (b.id == id) return b.label;
  }
  for (const auto& b : toolbar_buttons_) {
    if (b.id == id) return b.label;
  }
  return toolbar_more_.id == id ? toolbar_more_.label : std::string();
}

void ReadingView::set_toolbar(std::vector<TitleButton> buttons, TitleButton more) {
  toolbar_buttons_ = std::move(buttons);
  toolbar_more_ = std::move(more);
  toolbar_page_ = 0;
  toolbar_layouts_.clear();
  for (const auto& b : toolbar_buttons_) {
    toolbar_layouts_.push_back(layouter_.layout_text(b.label, body_px_, width_, FontWeight::Bold));
  }
  toolbar_more_layout_ =
      layouter_.layout_text(toolbar_more_.label, body_px_, width_, FontWeight::Bold);
  relayout();
}

int ReadingView::toolbar_button_width(std::size_t index) const {
  const DocumentLayout& l =
      index < toolbar_layouts_.size() ? toolbar_layouts_[index] : toolbar_more_layout_;
  const int label_w = l.lines.empty() ? 0 : l.lines.front().width;
  // Never below 60 px, the smallest touch target, nor below two characters' width.
  return std::max({label_w + body_px_, 2 * body_px_, 60});
}

std::vector<std::vector<std::size_t>> ReadingView::paginate_toolbar() const {
  std::vector<std::vector<std::size_t>> pages;
  if (toolbar_buttons_.empty()) return pages;
  const int gap = body_px_ / 4;
  // Crowded, the row ends where the title bar's own buttons begin.
  int right = width_;
  if (crowded()) {
    const auto title = button_rects();
    if (!title.empty()) right = title.front().x;
  }
  const std::size_t n = toolbar_buttons_.size();
  int all = gap;
  for (std::size_t i = 0; i < n; ++i) all += toolbar_button_width(i) + gap;
  if (all <= right) {
    pages.emplace_back();
    for (std::size_t i = 0; i < n; ++i) pages.back().push_back(i);
    return pages;
  }
  // Paged: each page as many as fit beside the `more` button, at least one.
  const int room = right - gap - (toolbar_button_width(n) + gap);
  std::size_t i = 0;
  while (i < n) {
    std::vector<std::size_t> page;
    int used = 0;
    while (i < n && (page.empty() || used + toolbar_button_width(i) + gap <= room)) {
      used += toolbar_button_width(i) + gap;
      page.push_back(i++);
    }
    page.push_back(n);
    pages.push_back(std::move(page));
  }
  return pages;
}

std::vector<Rect> ReadingView::toolbar_rects() const {
  std::vector<Rect> rects;
  if (!toolbar_shown()) return rects;
  const int gap = body_px_ / 4;
  const bool up = crowded();
  const int top = up ? 0 : title_bar_height();
  const int h = up ? title_bar_height() : toolbar_height();
  int x = gap;
  const auto pages = paginate_toolbar();
  for (std::size_t i : pages[static_cast<std::size_t>(toolbar_page())]) {
    const int w = toolbar_button_width(i);
    rects.push_back(Rect{x, top + gap / 2, w, h - gap});
    x += w + gap;
  }
  return rects;
}

int ReadingView::toolbar_page() const {
  // The page count changes with the room (crowded, a resize): the last page stands in.
  return std::clamp(toolbar_page_, 0, std::max(0, toolbar_pages() - 1));
}

int ReadingView::toolbar_height() const {
  if (!toolbar_shown() || crowded() || doc_.poster) return 0;
  // One line of label text; the buttons inside stay >= 60 px tall. It does not zoom.
  return std::max(
      static_cast<int>(std::lround(LayoutParams::kLineSpacing * body_px_)) + body_px_ / 4, 72);
}

void ReadingView::set_toolbar_shown(bool shown) {
  if (shown == toolbar_shown_) return;
  toolbar_shown_ = shown;
  scroll_focus_into_view();
  layout_caption();
}

void ReadingView::next_toolbar_page() {
  const int pages = toolbar_pages();
  if (pages == 0) return;
  toolbar_page_ = (toolbar_page() + 1) % pages;
}

void ReadingView::set_focused_button(std::optional<int> id) {
  focused_button_ = id;
}

void ReadingView::set_button_on(int id, bool on) {
  std::erase(buttons_on_, id);
  if (on) buttons_on_.push_back(id);
}

bool ReadingView::button_on(int id) const {
  return std::find(buttons_on_.begin(), buttons_on_.end(), id) != buttons_on_.end();
}

void ReadingView::set_caption_transform(std::function<std::string(const std::string&)> transform) {
  caption_transform_ = std::move(transform);
  layout_caption();
}

bool ReadingView::crowded() const {
  if (!toolbar_shown() || !title_bar_) return false;
  // The title bar's row must hold the widest toolbar button and 更多 beside its own buttons.
  const auto title = button_rects();
  const int gap = body_px_ / 4;
  int widest = 0;
  for (std::size_t i = 0; i < toolbar_buttons_.size(); ++i) {
    widest = std::max(widest, toolbar_button_width(i));
  }
  const int room = title.empty() ? width_ : title.front().x;
  if (room < gap + widest + gap + toolbar_button_width(toolbar_buttons_.size()) + gap) {
    return false;
  }
  const int body = static_cast<int>(std::lround(body_px_ * zoom_));
  const int line = static_cast<int>(std::lround(LayoutParams::kLineSpacing * body));
  const int full_caption =
      (height_ >= 900 ? 2 : 1) *
          static_cast<int>(std::lround(LayoutParams::kLineSpacing * 2 * body_px_)) +
      body_px_ + indicator_thickness(1.0);
  const int toolbar_row = std::max(
      static_cast<int>(std::lround(LayoutParams::kLineSpacing * body_px_)) + body_px_ / 4, 72);
  return height_ - title_bar_height() - toolbar_row - (caption_bar_ ? full_caption : 0) < 3 * line;
}

int ReadingView::caption_height() const {
  const int padding = caption_padding();
  return caption_lines_per_page() *
             static_cast<int>(std::lround(LayoutParams::kLineSpacing * caption_pixel_size())) +
         2 * padding + indicator_thickness(1.0);
}

int ReadingView::caption_pages() const {
  return caption_page_count(caption_, caption_lines_per_page());
}

void ReadingView::relayout() {
  // Keep what the citizen is reading where it is on screen across zoom and resize.
  std::optional<int> anchor;
  if (auto rects = layout_.focus_rects(focus_); !rects.empty())
    anchor = rects.front().y - scroll_y_;
  layouter_.layout_into(doc_, layout_params(), layout_);
  if (auto rects = layout_.focus_rects(focus_); !rects.empty() && anchor) {
    scroll_y_ = rects.front().y - *anchor;
  }
  scroll_focus_into_view();
  layout_caption();
}

void ReadingView::layout_caption() {
  if (!caption_bar_) return;
  const int padding = caption_padding();
  const std::string widest_label = "99/99";
  caption_label_ = layouter_.layout_text(widest_label, body_px_, width_);
  const int label_width = caption_label_.lines.empty() ? 0 : caption_label_.lines.front().width;
  std::string text = caption_override_.empty() ? focused_text() : caption_override_;
  if (caption_transform_) text = caption_transform_(text);
  caption_ =
      layouter_.layout_text(text, caption_pixel_size(),
                            std::max(width_ - 3 * padding - label_width, caption_pixel_size()));
  caption_page_ = std::min(caption_page_, caption_pages() - 1);
  caption_label_ = layouter_.layout_text(
      std::to_string(caption_page_ + 1) + "/" + std::to_string(caption_pages()), body_px_, width_);
}

void ReadingView::scroll_focus_into_view() {
  const Rect area = content_area();
  int end = layout_.height;
  auto rects = layout_.focus_rects(focus_);
  if (!rects.empty()) {
    Rect bounds = rects.front();
    for (const Rect& r : rects) bounds = united(bounds, r);
    const int margin = layout_.body_px / 2;
    // Crowded, a tall block keeps only its focus ring's room above it: a line more fits.
    const int top_margin =
        crowded() && bounds.h > area.h - 2 * margin ? 2 * indicator_thickness(zoom_) : margin;
    if (bounds.h > area.h - 2 * margin || bounds.y - top_margin < scroll_y_) {
      scroll_y_ = bounds.y - top_margin;
    } else if (bounds.bottom() + margin > scroll_y_ + area.h) {
      scroll_y_ = bounds.bottom() + margin - area.h;
    }
    // The last item's ring and margin may reach past the text: it is scrolled fully in.
    end = std::max(end, bounds.bottom() + margin);
  }
  scroll_y_ = std::clamp(scroll_y_, 0, std::max(0, end - area.h));
}

bool ReadingView::scroll_by(int dy) {
  const int end = std::max(0, layout_.height + layout_.body_px / 2 - content_area().h);
  const int next = std::clamp(scroll_y_ + dy, 0, end);
  if (next == scroll_y_) return false;
  scroll_y_ = next;
  return true;
}

bool ReadingView::set_focus(const FocusTarget& target) {
  if (target.block >= doc_.blocks.size()) return false;
  if (target.run >= 0 && !is_link(doc_, target)) return false;
  if (target == focus_) return false;
  focus_ = target;
  caption_page_ = 0;
  caption_override_.clear();
  scroll_focus_into_view();
  layout_caption();
  return true;
}

bool ReadingView::set_zoom(double zoom) {
  zoom = std::clamp(zoom, kZoomSteps[0], std::end(kZoomSteps)[-1]);
  if (zoom == zoom_) return false;
  zoom_ = zoom;
  relayout();
  return true;
}

void ReadingView::set_scheme(const ColorScheme& scheme) {
  scheme_ = &scheme;
}

void ReadingView::set_pointer(std::optional<Point> screen) {
  pointer_ = screen;
}

const InlineRun* ReadingView::focused_link() const {
  return is_link(doc_, focus_) ? &doc_.blocks[focus_.block].runs[focus_.run] : nullptr;
}

std::string ReadingView::focused_text() const {
  if (doc_.blocks.empty()) return {};
  if (const InlineRun* link = focused_link()) return link->text;
  return doc_.blocks[focus_.block].plain_text();
}

bool ReadingView::apply(ViewCommand command) {
  const Rect area = content_area();
  const int n = static_cast<int>(doc_.blocks.size());
  switch (command) {
    case ViewCommand::NextItem: {
      if (n == 0) return false;
      // A block taller than the screen is read screen by screen before moving on.
      auto rects = layout_.focus_rects({focus_.block, -1});
      if (focus_.run < 0 && !rects.empty() && rects.front().bottom() > scroll_y_ + area.h) {
        // The first line not wholly on screen comes to the top: whole lines, never a slice.
        int next = scroll_y_ + area.h * 4 / 5;
        for (const LineBox& l : layout_.lines) {
          if (l.block == focus_.block && l.top + l.height > scroll_y_ + area.h) {
            if (l.top > scroll_y_) next = l.top;
            break;
          }
        }
        scroll_y_ = std::min(next, std::max(0, std::max(layout_.height, rects.front().bottom() +
                                                                            layout_.body_px / 2) -
                                                   area.h));
        return true;
      }
      if (static_cast<int>(focus_.block) + 1 >= n) return false;
      return set_focus({focus_.block + 1, -1});
    }
    case ViewCommand::PreviousItem: {
      if (n == 0) return false;
      auto rects = layout_.focus_rects({focus_.block, -1});
      if (focus_.run < 0 && !rects.empty() && rects.front().y < scroll_y_) {
        // Back up by whole lines: the last line above the top edge comes in whole at the
        // bottom (the renderer never draws a sliced line, so none may be skipped).
        int next = scroll_y_ - area.h * 4 / 5;
        for (auto l = layout_.lines.rbegin(); l != layout_.lines.rend(); ++l) {
          if (l->block == focus_.block && l->top < scroll_y_) {
            next = std::min(scroll_y_ - 1, l->top + l->height - area.h);
            break;
          }
        }
        scroll_y_ = std::max({next, rects.front().y - layout_.body_px / 2, 0});
        return true;
      }
      if (focus_.run >= 0) return set_focus({focus_.block, -1});
      if (focus_.block == 0) return false;
      return set_focus({focus_.block - 1, -1});
    }
    case ViewCommand::NextLink:
    case ViewCommand::PreviousLink:
      // Tab: every link and field, wrapping round like Tab in a browser.
      return step_link(command == ViewCommand::NextLink, /*wrap=*/true, /*fields=*/true);
    case ViewCommand::ZoomIn:
    case ViewCommand::ZoomOut: {
      const auto* step = std::find_if(std::begin(kZoomSteps), std::end(kZoomSteps),
                                      [&](double z) { return z >= zoom_ - 1e-9; });
      if (command == ViewCommand::ZoomIn) {
        if (step != std::end(kZoomSteps) && *step <= zoom_ + 1e-9) ++step;
        return step != std::end(kZoomSteps) && set_zoom(*step);
      }
      return step != std::begin(kZoomSteps) && set_zoom(*std::prev(step));
    }
    case ViewCommand::NextScheme:
      scheme_ = &next_color_scheme(*scheme_);
      return true;
    case ViewCommand::ToggleGuideLines:
      guide_lines_ = !guide_lines_;
      return true;
    case ViewCommand::ToggleCaptionBar:
      caption_bar_ = !caption_bar_;
      scroll_focus_into_view();
      layout_caption();
      return true;
    case ViewCommand::NextHeading:
    case ViewCommand::PreviousHeading:
      return jump(command == ViewCommand::NextHeading,
                  [&](std::uint32_t b) { return doc_.blocks[b].kind == BlockKind::Heading; });
    case ViewCommand::NextFormField:
    case ViewCommand::PreviousFormField:
      return jump(command == ViewCommand::NextFormField,
                  [&](std::uint32_t b) { return doc_.blocks[b].kind == BlockKind::FormField; });
    case ViewCommand::NextTable:
    case ViewCommand::PreviousTable:
    case ViewCommand::NextList:
    case ViewCommand::PreviousList: {
      // The first row of a table, the first item of a list.
      const BlockKind kind =
          (command == ViewCommand::NextTable || command == ViewCommand::PreviousTable)
              ? BlockKind::TableRow
              : BlockKind::ListItem;
      const bool forward = command == ViewCommand::NextTable || command == ViewCommand::NextList;
      return jump(forward, [&](std::uint32_t b) {
        const Block& block = doc_.blocks[b];
        if (block.kind != kind) return false;
        if (b == 0) return true;
        const Block& before = doc_.blocks[b - 1];
        return before.kind != kind || before.group != block.group;
      });
    }
    case ViewCommand::NextLinkOnly:
    case ViewCommand::PreviousLinkOnly:
      // K: links only, stopping at the ends.
      return step_link(command == ViewCommand::NextLinkOnly, /*wrap=*/false, /*fields=*/false);
    case ViewCommand::CaptionNextPage:
    case ViewCommand::CaptionPreviousPage: {
      if (!caption_bar_) return false;
      const int page = caption_page_ + (command == ViewCommand::CaptionNextPage ? 1 : -1);
      if (page < 0 || page >= caption_pages()) return false;
      caption_page_ = page;
      layout_caption();
      return true;
    }
  }
  return false;
}

bool ReadingView::step_link(bool forward, bool wrap, bool fields) {
  std::vector<FocusTarget> links;
  for (std::uint32_t b = 0; b < doc_.blocks.size(); ++b) {
    if (!fields && doc_.blocks[b].kind == BlockKind::FormField) continue;
    for (std::size_t r = 0; r < doc_.blocks[b].runs.size(); ++r) {
      if (doc_.blocks[b].runs[r].kind == InlineKind::Link) {
        links.push_back({b, static_cast<std::int32_t>(r)});
      }
    }
  }
  if (links.empty()) return false;
  auto after = [&](const FocusTarget& t) {
    return t.block > focus_.block || (t.block == focus_.block && t.run > focus_.run);
  };
  if (forward) {
    auto it = std::find_if(links.begin(), links.end(), after);
    if (it == links.end()) return wrap && set_focus(links.front());
    return set_focus(*it);
  }
  auto it = std::find_if(links.rbegin(), links.rend(),
                         [&](const FocusTarget& t) { return !after(t) && !(t == focus_); });
  if (it == links.rend()) return wrap && set_focus(links.back());
  return set_focus(*it);
}

template <typename Pred>
bool ReadingView::jump(bool forward, Pred starts) {
  const auto n = static_cast<std::int64_t>(doc_.blocks.size());
  for (std::int64_t b = static_cast<std::int64_t>(focus_.block) + (forward ? 1 : -1);
       b >= 0 && b < n; b += forward ? 1 : -1) {
    if (starts(static_cast<std::uint32_t>(b)))
      return set_focus({static_cast<std::uint32_t>(b), -1});
  }
  return false;
}

std::optional<FocusTarget> ReadingView::target_at(Point screen) const {
  const Rect area = content_area();
  if (!area.contains(screen)) return std::nullopt;
  const Point p{screen.x - area.x, screen.y - area.y + scroll_y_};
  for (const auto& f : layout_.fragments) {
    if (f.target.run >= 0 && f.rect.contains(p)) return f.target;
  }
  for (std::uint32_t b = 0; b < layout_.block_bounds.size(); ++b) {
    const Rect& r = layout_.block_bounds[b];
    if (p.y >= r.y && p.y < r.bottom()) return FocusTarget{b, -1};
  }
  return std::nullopt;
}

ScreenView ReadingView::screen_view() const {
  ScreenView v;
  v.scheme = scheme_;
  v.content = &layout_;
  v.content_area = content_area();
  v.scroll_y = scroll_y_;
  if (doc_.poster) {
    // The attract screen: only its words, centred, on the whole screen.
    v.scroll_y = -std::max(0, (v.content_area.h - layout_.height) / 2);
    return v;
  }
  v.focus = layout_.focus_rects(focus_);
  v.focus_thickness = indicator_thickness(zoom_);
  v.guide_thickness = indicator_thickness(zoom_);
  if (guide_lines_) {
    if (pointer_) {
      v.guide_lines_at = pointer_;
    } else if (!v.focus.empty()) {
      // Following the focus, the lines run along the bottom of the focused item's first
      // line and down its focus ring's left side, so they never cross the characters.
      const Rect& first = v.focus.front();
      const auto line = std::find_if(
          layout_.lines.begin(), layout_.lines.end(),
          [&](const LineBox& l) { return l.block == focus_.block && l.top + l.height > first.y; });
      const int t = v.guide_thickness;
      const int bottom = line != layout_.lines.end() ? line->top + line->height : first.bottom();
      v.guide_lines_at = Point{v.content_area.x + first.x - 2 * t + t / 2,
                               v.content_area.y + bottom - t / 2 - scroll_y_};
    }
  }
  if (title_bar_) {
    TitleBarView b;
    b.area = {0, 0, width_, title_bar_height()};
    b.padding = body_px_ / 4;
    b.line_thickness = indicator_thickness(1.0);
    const std::string status =
        !title_status_.empty()
            ? title_status_
            : (doc_.blocks.empty() ? std::string()
                                   : "第" + std::to_string(focus_.block + 1) + "项/共" +
                                         std::to_string(doc_.blocks.size()) + "项");
    if (doc_.title != title_shown_ || title_layout_.lines.empty()) {
      title_shown_ = doc_.title;
      title_layout_ = layouter_.layout_text(doc_.title.empty() ? " " : doc_.title, body_px_, width_,
                                            FontWeight::Bold);
    }
    if (status != status_shown_ || status_layout_.lines.empty()) {
      status_shown_ = status;
      status_layout_ = layouter_.layout_text(status.empty() ? " " : status, body_px_, width_);
    }
    // Crowded, the toolbar takes the title's and the position's room.
    b.title = crowded() ? nullptr : &title_layout_;
    b.status = crowded() ? nullptr : &status_layout_;
    const auto rects = button_rects();
    for (std::size_t i = 0; i < rects.size() && i < button_layouts_.size(); ++i) {
      b.buttons.push_back({rects[i], &button_layouts_[i], focused_button_ == buttons_[i].id});
    }
    v.title_bar = b;
  }
  if (toolbar_shown()) {
    TitleBarView t;
    t.area = {0, title_bar_height(), width_, toolbar_height()};
    if (crowded()) {
      const auto title = button_rects();
      t.area = {0, 0, title.empty() ? width_ : title.front().x, title_bar_height()};
    }
    t.padding = body_px_ / 4;
    t.line_thickness = indicator_thickness(1.0);
    const auto rects = toolbar_rects();
    const auto pages = paginate_toolbar();
    const auto& page = pages[static_cast<std::size_t>(toolbar_page())];
    for (std::size_t i = 0; i < rects.size(); ++i) {
      const bool more = page[i] >= toolbar_buttons_.size();
      const int id = more ? toolbar_more_.id : toolbar_buttons_[page[i]].id;
      t.buttons.push_back({rects[i], more ? &toolbar_more_layout_ : &toolbar_layouts_[page[i]],
                           focused_button_ == id, button_on(id)});
    }
    v.toolbar = t;
  }
  if (panel_height_ > 0) {
    BottomPanelView p;
    p.area = bottom_panel_area();
    p.line_thickness = indicator_thickness(1.0);
    for (std::size_t i = 0; i < panel_.size() && i < panel_layouts_.size(); ++i) {
      const Rect& a = panel_[i].area;
      p.buttons.push_back({{p.area.x + a.x, p.area.y + a.y, a.w, a.h},
                           &panel_layouts_[i],
                           panel_[i].pressable,
                           panel_[i].highlighted});
    }
    v.panel = std::move(p);
  } else if (caption_bar_) {
    CaptionBarView c;
    c.text = &caption_;
    c.label = &caption_label_;
    c.area = {0, height_ - caption_height(), width_, caption_height()};
    c.first_line = caption_page_ * caption_lines_per_page();
    c.line_count = caption_lines_per_page();
    c.padding = caption_padding();
    v.caption = c;
  }
  return v;
}

}  // namespace ui
