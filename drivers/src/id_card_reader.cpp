#include "drivers/id_card_reader.hpp"

namespace drivers {

IdCardReader::IdCardReader(Transport& transport, std::chrono::milliseconds reply_timeout)
    : transport_(transport), timeout_(reply_timeout) {}

IdCardReader::Exchange IdCardReader::exchange(sam::Command command) {
  Exchange ex;
  pending_.clear();  // a new command: stale bytes from an earlier reply are dropped
  const auto frame = sam::encode(command);
  if (auto w = transport_.write(frame); w.status != IoStatus::Ok) {
    ex.disconnected = w.status == IoStatus::Disconnected;
    ex.error = transport_.describe() + ": write failed: " + w.error;
    return ex;
  }
  const auto deadline = std::chrono::steady_clock::now() + timeout_;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    auto r = transport_.read(pending_, left);
    if (r.status == IoStatus::Disconnected || r.status == IoStatus::Error) {
      ex.disconnected = r.status == IoStatus::Disconnected;
      ex.error = transport_.describe() + ": " + (r.error.empty() ? "reader unplugged" : r.error);
      return ex;
    }
    auto parsed = sam::parse_reply(pending_);
    const std::size_t received = pending_.size();
    pending_.erase(pending_.begin(),
                   pending_.begin() + static_cast<std::ptrdiff_t>(parsed.consumed));
    // erase() leaves the consumed reply (a card's text and photo) in the buffer's spare capacity.
    secure_wipe(pending_.data() + pending_.size(), received - pending_.size());
    if (parsed.status == sam::ParseStatus::Complete) {
      ex.reply = std::move(parsed.reply);
      return ex;
    }
    if (parsed.status == sam::ParseStatus::Invalid) {
      ex.error = transport_.describe() + ": " + parsed.error;
      return ex;
    }
  }
  ex.error =
      transport_.describe() + ": no reply within " + std::to_string(timeout_.count()) + " ms";
  return ex;
}

IdCardRead IdCardReader::read_card(CivilDate today) {
  IdCardRead out;
  auto fail = [&](std::string error, CardFault fault) {
    out.error = std::move(error);
    out.fault = fault;
    return std::move(out);
  };
  auto status = [&](const sam::Reply& r, const char* step) {
    const auto text = sam::describe_sw3(r.sw3);
    // A success code where another was expected (find card answering 90) is the SAM's error.
    return fail(std::string(step) + ": SW3 " + std::to_string(r.sw3) + " (" + text.technician + ")",
                text.fault == CardFault::None ? CardFault::SamError : text.fault);
  };
  // No reply: the reader went away, or did not answer (`when_silent`).
  auto no_reply = [&](Exchange& ex, CardFault when_silent) {
    out.disconnected = ex.disconnected;
    return fail(std::move(ex.error), ex.disconnected ? CardFault::ReaderUnplugged : when_silent);
  };
  auto find = exchange(sam::kFindCard);
  if (!find.reply) return no_reply(find, CardFault::ReaderNotResponding);
  if (find.reply->sw3 == 0x80) {
    out.no_card = true;
    out.fault = CardFault::NoIdCard;
    return out;
  }
  if (find.reply->sw3 != 0x9F) return status(*find.reply, "find card");
  auto select = exchange(sam::kSelectCard);
  if (!select.reply) return no_reply(select, CardFault::ReaderNotResponding);
  if (!select.reply->ok()) return status(*select.reply, "select card");
  auto read = exchange(sam::kReadTextAndPhoto);
  if (!read.reply) return no_reply(read, CardFault::IdReadInterrupted);
  if (!read.reply->ok()) return status(*read.reply, "read text and photo");
  // Data: text length (2, big-endian), photo length (2), text, photo.
  const auto& d = read.reply->data;
  if (d.size() < 4) return fail("read reply too short", CardFault::IdReadFailed);
  const std::size_t text_len = (static_cast<std::size_t>(d[0]) << 8) | d[1];
  const std::size_t photo_len = (static_cast<std::size_t>(d[2]) << 8) | d[3];
  if (text_len != 256 || d.size() != 4 + text_len + photo_len) {
    return fail("read reply lengths inconsistent: text " + std::to_string(text_len) + ", photo " +
                    std::to_string(photo_len) + ", data " + std::to_string(d.size()),
                CardFault::IdReadFailed);
  }
  auto parsed = parse_id_text(std::span(d).subspan(4, text_len), today);
  out.photo = SecureBytes(std::span(d).subspan(4 + text_len, photo_len));
  // The reply held personal data in clear: wipe it before it goes back to the allocator.
  secure_wipe(read.reply->data.data(), read.reply->data.size());
  if (!parsed.card) return fail(parsed.error, parsed.fault);
  out.card = std::move(parsed.card);
  out.fault = parsed.fault;
  return out;
}

}  // namespace drivers
