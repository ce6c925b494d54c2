// The document model the layout engine reflows: blocks of inline runs. Service pages,
// menus and receipts are all turned into this before they are shown.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ui {

// TableRow and FormField lay out like paragraphs; quick navigation (T, F) and speech use them.
enum class BlockKind : std::uint8_t { Heading, Paragraph, ListItem, TableRow, FormField };
enum class InlineKind : std::uint8_t { Text, Link };

// Where activating a link goes. A typed contract, never a string parsed back: what a page's
// href says can only ever become a UrlTarget (the browser then checks it against the board's
// allowlist like any URL); the other kinds are made by the accessibility code from the page's
// semantics, or by the kiosk for its own built-in pages.
struct UrlTarget {
  std::string url;  // as written in the page; resolved against the page's URL
  friend bool operator==(const UrlTarget&, const UrlTarget&) = default;
};
struct ControlTarget {  // a form control of the page shown (its DOM node)
  std::uint32_t node = 0;
  friend bool operator==(const ControlTarget&, const ControlTarget&) = default;
};
struct CaptchaTarget {  // a captcha image whose characters a URL returns as text
  std::string speak_url;
  friend bool operator==(const CaptchaTarget&, const CaptchaTarget&) = default;
};
struct AudioCaptchaTarget {  // the WAV a page offers beside its captcha image
  std::string wav_url;
  friend bool operator==(const AudioCaptchaTarget&, const AudioCaptchaTarget&) = default;
};
struct BuiltinTarget {  // an item of a page the kiosk itself wrote; the firmware names the ids
  int id = 0;
  friend bool operator==(const BuiltinTarget&, const BuiltinTarget&) = default;
};
using LinkTarget = std::variant<std::monostate, UrlTarget, ControlTarget, CaptchaTarget,
                                AudioCaptchaTarget, BuiltinTarget>;

struct InlineRun {
  InlineKind kind = InlineKind::Text;
  std::string text;   // UTF-8; invalid bytes are shown as U+FFFD, never trusted
  LinkTarget target;  // for links: where activation goes
};

struct Block {
  BlockKind kind = BlockKind::Paragraph;
  int level = 0;  // heading level 1..6; list items: 0 bulleted, n > 0 numbered "n."
  int group = 0;  // list items and table rows: which list or table (1, 2 ...) they belong to
  std::vector<InlineRun> runs;
  // Shown large, like a level-2 heading (a service tile on a hall's home page); read and
  // navigated as its kind.
  bool tile = false;

  std::string plain_text() const;
};

// Where an in-page link (#materials) lands: the first block at or after the element with that
// id (or <a name>).
struct Anchor {
  std::string name;
  std::uint32_t block = 0;
};

// A landmark the page marks up (<nav>, <main>, a named <form>, <aside>, <footer> …), as the
// blocks it spans: region jumps (区域跳转) use them before guessing from headings and links.
enum class LandmarkKind : std::uint8_t {
  Banner,
  Navigation,
  Main,
  Form,
  Search,
  Complementary,
  ContentInfo
};
struct Landmark {
  LandmarkKind kind = LandmarkKind::Main;
  std::uint32_t first_block = 0;
  std::uint32_t last_block = 0;  // inclusive
  friend bool operator==(const Landmark&, const Landmark&) = default;
};

// An image of the page: the block showing its text alternative, and its src as written (the
// review room recognises the text in it on request).
struct ImageRef {
  std::uint32_t block = 0;
  std::string src;
};

struct Document {
  std::string title;
  std::string language = "zh-Hans";  // BCP 47, passed to the shaper
  std::vector<Block> blocks;
  std::vector<Anchor> anchors;
  std::vector<Landmark> landmarks;  // in page order (outer before inner)
  std::vector<ImageRef> images;
  // A poster (the attract screen): the blocks alone, in huge type, centred on the whole
  // screen; no bars, no focus ring, no guide lines.
  bool poster = false;

  // The block an in-page link's fragment (without '#') lands on, if the page has that anchor.
  const Anchor* anchor(std::string_view name) const;
};

// What focus rests on: a whole block (run < 0) or one link inside it.
struct FocusTarget {
  std::uint32_t block = 0;
  std::int32_t run = -1;
  friend bool operator==(const FocusTarget&, const FocusTarget&) = default;
};

Block make_heading(int level, std::string text);
Block make_paragraph(std::string text);
Block make_paragraph(std::vector<InlineRun> runs);
Block make_list_item(std::string text, int number = 0);
InlineRun text_run(std::string text);
InlineRun link_run(std::string text, LinkTarget target);

}  // namespace ui
