#include "speech_output.hpp"

#include <algorithm>

#include "tts/spelling.hpp"
#include "tts/text_normalizer.hpp"

namespace kiosk {

SpeechOutput::OpenResult SpeechOutput::open(const std::string& wav_path,
                                            const std::string& fallback_wav) {
  OpenResult r;
  auto created = tts::SpeechEngine::create();
  if (!created.engine) {
    r.error = created.error;
    return r;
  }
  std::unique_ptr<SpeechOutput> out(new SpeechOutput());
  out->engine_ = std::move(created.engine);
  tts::SinkOpenResult sink;
  if (wav_path.empty()) {
    sink = tts::open_sdl_sink(out->engine_->ring());
    if (!sink.sink && !fallback_wav.empty()) {
      r.error = sink.error + "; speaking to " + fallback_wav + " instead";
      sink = tts::open_wav_sink(out->engine_->ring(), fallback_wav, tts::Pacing::RealTime);
    }
  } else {
    sink = tts::open_wav_sink(out->engine_->ring(), wav_path, tts::Pacing::RealTime);
  }
  if (!sink.sink) {
    r.error += (r.error.empty() ? "" : "; ") + sink.error;
    return r;
  }
  out->sink_ = std::move(sink.sink);
  r.description = "eSpeak NG " + std::to_string(out->engine_->library_version().major) + "." +
                  std::to_string(out->engine_->library_version().minor) + " (" +
                  out->engine_->voice_name(tts::Voice::Mandarin) + ") to " + out->sink_->describe();
  r.speech = std::move(out);
  return r;
}

void SpeechOutput::say(const std::string& text, tts::Earcon first) {
  tts::Utterance u{tts::chinese_speech(text), tts::Priority::Interrupt, next_id_++};
  if (first != tts::Earcon::None) {
    tts::SpeechSegment tone;
    tone.earcon = first;
    tone.pause_after_ms = 60;
    u.segments.insert(u.segments.begin(), tone);
  }
  engine_->speak(std::move(u));
}

void SpeechOutput::alert(const std::string& text) {
  engine_->speak(tts::Utterance{tts::chinese_speech(text), tts::Priority::AlertNow, next_id_++});
}

void SpeechOutput::earcon(tts::Earcon e) {
  tts::SpeechSegment s;
  s.earcon = e;
  engine_->speak(tts::Utterance{{s}, tts::Priority::Interrupt, next_id_++});
}

void SpeechOutput::stop() {
  engine_->cancel();
}

void SpeechOutput::end_session() {
  engine_->cancel();
  engine_->set_settings(tts::SpeechSettings{});
}

bool SpeechOutput::change_rate(int delta) {
  tts::SpeechSettings s = engine_->settings();
  if (!s.set_rate_step(s.rate_step() + delta)) return false;
  engine_->set_settings(s);
  say(std::string(delta > 0 ? "语速加快" : "语速放慢") + "，第" +
      tts::read_cardinal(static_cast<std::uint64_t>(s.rate_step() + 1)) + "档");
  return true;
}

bool SpeechOutput::change_volume(int delta) {
  tts::SpeechSettings s = engine_->settings();
  if (!s.set_volume_step(s.volume_step() + delta)) return false;
  engine_->set_settings(s);
  say(std::string(delta > 0 ? "音量加大" : "音量减小") + "，第" +
      tts::read_cardinal(static_cast<std::uint64_t>(s.volume_step())) + "档");
  return true;
}

void SpeechOutput::spell(const std::string& text) {
  spell_repeats_ = text == last_spelled_ ? spell_repeats_ + 1 : 0;
  last_spelled_ = text;
  tts::SpellingOptions o;
  o.rate_percent = std::max(35, 70 - 15 * spell_repeats_);
  o.pause_ms = std::min(1200, 450 + 250 * spell_repeats_);
  engine_->speak(tts::Utterance{tts::spell(text, o), tts::Priority::Interrupt, next_id_++});
}

void SpeechOutput::say_all(const ui::Document& doc, std::uint32_t first) {
  for (std::uint32_t b = first; b < doc.blocks.size(); ++b) {
    engine_->speak(tts::Utterance{tts::chinese_speech(doc.blocks[b].plain_text()),
                                  b == first ? tts::Priority::Interrupt : tts::Priority::Queue,
                                  kSayAllBase + b});
  }
}

std::optional<std::uint32_t> SpeechOutput::say_all_block() const {
  const std::uint64_t id = engine_->progress().utterance;
  if (id < kSayAllBase) return std::nullopt;
  return static_cast<std::uint32_t>(id - kSayAllBase);
}

std::string describe_position(const ui::ReadingView& view) {
  const ui::Document& doc = view.document();
  return "第" + std::to_string(view.focus().block + 1) + "项，共" +
         std::to_string(doc.blocks.size()) + "项。页面：" + doc.title + "。" + describe_focus(view);
}

std::string describe_focus(const ui::ReadingView& view) {
  const ui::Document& doc = view.document();
  if (doc.blocks.empty()) return "空白页";
  const ui::Block& block = doc.blocks[view.focus().block];
  if (const ui::InlineRun* link = view.focused_link()) {
    // Form fields already say what they are (编辑框：姓名，必填).
    return link->target.rfind("control:", 0) == 0 ? link->text : "链接，" + link->text;
  }
  switch (block.kind) {
    case ui::BlockKind::Heading:
      return "标题" + std::to_string(block.level) + "级，" + block.plain_text();
    case ui::BlockKind::ListItem:
      return (block.level > 0 ? "列表第" + std::to_string(block.level) + "项，" : "列表项，") +
             block.plain_text();
    case ui::BlockKind::TableRow:
      return "表格，" + block.plain_text();
    case ui::BlockKind::FormField:
    case ui::BlockKind::Paragraph:
      break;
  }
  return block.plain_text();
}

}  // namespace kiosk
