#include "ui/screen_renderer.hpp"

#include <algorithm>
#include <cmath>

namespace ui {

int indicator_thickness(double zoom) {
  return std::max(4, static_cast<int>(std::lround(4 * zoom)));
}

int caption_page_count(const DocumentLayout& caption, int lines_per_page) {
  if (lines_per_page <= 0) return 1;
  const int lines = static_cast<int>(caption.lines.size());
  return std::max(1, (lines + lines_per_page - 1) / lines_per_page);
}

ScreenRenderer::ScreenRenderer(SDL_Renderer* renderer, const FontCollection& fonts)
    : renderer_(renderer), atlas_(renderer, fonts) {}

void ScreenRenderer::fill(const Rect& r, Rgb c) {
  if (r.w <= 0 || r.h <= 0) return;
  SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, 255);
  const SDL_Rect sr{r.x, r.y, r.w, r.h};
  SDL_RenderFillRect(renderer_, &sr);
}

void ScreenRenderer::draw_ring(const Rect& r, int t, Rgb c) {
  fill({r.x, r.y, r.w, t}, c);
  fill({r.x, r.bottom() - t, r.w, t}, c);
  fill({r.x, r.y + t, t, r.h - 2 * t}, c);
  fill({r.right() - t, r.y + t, t, r.h - 2 * t}, c);
}

void ScreenRenderer::draw_button(const TitleBarView::Button& button, int t, const ColorScheme& s) {
  // Focused: inverted, with a ring of the bar's colour inside, so it stands out in every
  // scheme by the same 7:1 pair the bar's text uses.
  const Rgb ink = button.focused ? s.caption_background : s.caption_text;
  if (button.focused) {
    fill(button.area, s.caption_text);
    draw_ring({button.area.x + t, button.area.y + t, button.area.w - 2 * t, button.area.h - 2 * t},
              t, s.caption_background);
  } else {
    draw_ring(button.area, t, s.caption_text);
  }
  if (button.on) {
    // A lit square in the top right corner, clear of the label (buttons keep half a character
    // either side of it).
    fill({button.area.right() - 5 * t, button.area.y + 2 * t, 3 * t, 3 * t}, ink);
  }
  if (button.label != nullptr && !button.label->lines.empty()) {
    const int w = button.label->lines.front().width;
    draw_layout(*button.label,
                {button.area.x + (button.area.w - w) / 2,
                 button.area.y + (button.area.h - button.label->height) / 2},
                button.area, ink, ink, 0, 1);
  }
}

void ScreenRenderer::draw_layout(const DocumentLayout& layout, Point origin, const Rect& clip,
                                 Rgb text, Rgb link, int first_line, int line_count,
                                 bool whole_lines) {
  const SDL_Rect sdl_clip{clip.x, clip.y, clip.w, clip.h};
  SDL_RenderSetClipRect(renderer_, &sdl_clip);
  const int end_line = line_count < 0 ? static_cast<int>(layout.lines.size())
                                      : std::min<int>(first_line + line_count,
                                                      static_cast<int>(layout.lines.size()));
  // Lines are sorted by top: skip straight to the first one that can be visible.
  auto first = std::partition_point(
      layout.lines.begin() + first_line, layout.lines.begin() + std::max(first_line, end_line),
      [&](const LineBox& l) { return origin.y + l.top + l.height <= clip.y; });
  SDL_Texture* bound = nullptr;
  Rgb bound_colour{};
  // A line whose characters the edge would cut is left out, never drawn sliced: the next key
  // or a scroll brings it in whole. (Ink: about 0.95 em above the baseline and 0.15 em below,
  // CJK and Latin alike.)
  auto cut_by_edge = [&](const LineBox& line) {
    const int em = static_cast<int>(line.height / LayoutParams::kLineSpacing);
    return origin.y + line.baseline - em * 95 / 100 < clip.y ||
           origin.y + line.baseline + em * 15 / 100 > clip.bottom();
  };
  for (auto line = first; line != layout.lines.begin() + std::max(first_line, end_line); ++line) {
    if (origin.y + line->top >= clip.bottom()) break;
    if (whole_lines && cut_by_edge(*line)) continue;
    for (std::uint32_t i = 0; i < line->glyph_count; ++i) {
      const PositionedGlyph& g = layout.glyphs[line->first_glyph + i];
      const Rgb colour = g.link ? link : text;
      if (g.missing) {
        // A visible box where no font has the character, never a crash or a gap.
        const int t = std::max(2, g.pixel_size / 16);
        const int h = g.pixel_size * 7 / 10;
        const Rect box{origin.x + g.x + t, origin.y + g.baseline - h,
                       std::max(g.box_width - 2 * t, 3 * t), h};
        draw_ring(box, t, colour);
        continue;
      }
      const AtlasSlot* slot = atlas_.lookup(g.face, g.glyph_id, g.pixel_size, colour);
      if (slot == nullptr || slot->page < 0) continue;
      SDL_Texture* texture = atlas_.page_texture(slot->page);
      // Colour glyphs (emoji) keep their own colours: no tint.
      const Rgb tint = slot->colour ? Rgb{255, 255, 255} : colour;
      if (!atlas_.bakes_colour() && (texture != bound || !(tint == bound_colour))) {
        SDL_SetTextureColorMod(texture, tint.r, tint.g, tint.b);
        bound = texture;
        bound_colour = tint;
      }
      const SDL_Rect dst{origin.x + g.x + slot->bearing_x, origin.y + g.baseline - slot->bearing_y,
                         slot->rect.w, slot->rect.h};
      SDL_RenderCopy(renderer_, texture, &slot->rect, &dst);
    }
  }
  for (const Rect& u : layout.underlines) {
    if (line_count >= 0) break;  // captions show plain text only
    const Rect r{origin.x + u.x, origin.y + u.y, u.w, u.h};
    if (r.bottom() < clip.y || r.y > clip.bottom()) continue;
    if (whole_lines) {
      // The underline of a line left out goes with it.
      const auto line =
          std::partition_point(layout.lines.begin(), layout.lines.end(),
                               [&](const LineBox& l) { return l.top + l.height <= u.y; });
      if (line != layout.lines.end() && cut_by_edge(*line)) continue;
    }
    fill(r, link);
  }
  SDL_RenderSetClipRect(renderer_, nullptr);
}

void ScreenRenderer::draw(const ScreenView& view) {
  atlas_.begin_frame();
  const ColorScheme& s = *view.scheme;
  int width = 0;
  int height = 0;
  SDL_GetRendererOutputSize(renderer_, &width, &height);
  fill({0, 0, width, height}, s.background);

  // Guide lines sit behind the text so they never hide a character.
  if (view.guide_lines_at) {
    const int t = view.guide_thickness;
    fill({0, view.guide_lines_at->y - t / 2, width, t}, s.guide);
    fill({view.guide_lines_at->x - t / 2, 0, t, height}, s.guide);
  }

  const Rect& area = view.content_area;
  if (view.content != nullptr) {
    draw_layout(*view.content, {area.x, area.y - view.scroll_y}, area, s.text, s.link, 0, -1, true);
  }
  const int t = view.focus_thickness;
  for (const Rect& f : view.focus) {
    // The ring stands one thickness clear of the item, on the background on both sides.
    const Rect ring{area.x + f.x - 2 * t, area.y + f.y - view.scroll_y - t, f.w + 4 * t,
                    f.h + 2 * t};
    const SDL_Rect clip{area.x, area.y, area.w, area.h};
    SDL_RenderSetClipRect(renderer_, &clip);
    draw_ring(ring, t, s.focus);
    SDL_RenderSetClipRect(renderer_, nullptr);
  }

  if (view.title_bar) {
    const TitleBarView& b = *view.title_bar;
    const int bt = b.line_thickness;
    fill(b.area, s.caption_background);
    fill({b.area.x, b.area.bottom() - bt, b.area.w, bt}, s.caption_text);
    const int right_edge = b.buttons.empty() ? b.area.right() : b.buttons.front().area.x;
    if (b.status != nullptr && !b.status->lines.empty()) {
      const int w = b.status->lines.front().width;
      draw_layout(*b.status, {right_edge - b.padding - w, b.area.y + b.padding}, b.area,
                  s.caption_text, s.caption_text, 0, 1);
    }
    if (b.title != nullptr) {
      const int status_w =
          b.status != nullptr && !b.status->lines.empty() ? b.status->lines.front().width : 0;
      const Rect clip{b.area.x, b.area.y, std::max(0, right_edge - 2 * b.padding - status_w),
                      b.area.h};
      draw_layout(*b.title, {b.area.x + b.padding, b.area.y + b.padding}, clip, s.caption_text,
                  s.caption_text, 0, 1);
    }
    for (const auto& button : b.buttons) draw_button(button, bt, s);
  }

  if (view.toolbar) {
    const TitleBarView& b = *view.toolbar;
    fill(b.area, s.caption_background);
    fill({b.area.x, b.area.bottom() - b.line_thickness, b.area.w, b.line_thickness},
         s.caption_text);
    for (const auto& button : b.buttons) draw_button(button, b.line_thickness, s);
  }

  if (view.panel) {
    const BottomPanelView& p = *view.panel;
    const int pt = p.line_thickness;
    fill(p.area, s.caption_background);
    fill({p.area.x, p.area.y, p.area.w, pt}, s.caption_text);
    for (const auto& button : p.buttons) {
      // A highlighted key is inverted: the same two colours, so the same contrast.
      const Rgb ink = button.highlighted ? s.caption_background : s.caption_text;
      if (button.highlighted) fill(button.area, s.caption_text);
      if (button.pressable) draw_ring(button.area, pt, s.caption_text);
      if (button.label == nullptr || button.label->lines.empty()) continue;
      int w = 0;
      for (const auto& line : button.label->lines) w = std::max(w, line.width);
      draw_layout(*button.label,
                  {button.area.x + (button.area.w - w) / 2,
                   button.area.y + (button.area.h - button.label->height) / 2},
                  button.area, ink, ink);
    }
  }

  if (view.caption) {
    const CaptionBarView& c = *view.caption;
    fill(c.area, s.caption_background);
    fill({c.area.x, c.area.y, c.area.w, t}, s.caption_text);
    if (c.text != nullptr && c.first_line < static_cast<int>(c.text->lines.size())) {
      const int top = c.text->lines[c.first_line].top;
      draw_layout(*c.text, {c.area.x + c.padding, c.area.y + c.padding - top}, c.area,
                  s.caption_text, s.caption_text, c.first_line, c.line_count);
    }
    if (c.label != nullptr) {
      draw_layout(*c.label,
                  {c.area.right() - c.padding - c.label->lines.front().width,
                   c.area.bottom() - c.padding - c.label->height},
                  c.area, s.caption_text, s.caption_text, 0, 1);
    }
  }
}

}  // namespace ui
