#include "drivers/sam_emulator.hpp"

#include <algorithm>
#include <thread>

#include "drivers/sam_protocol.hpp"

namespace drivers {

void SamEmulator::place_card(std::vector<std::uint8_t> text, std::vector<std::uint8_t> photo) {
  std::lock_guard lock(mutex_);
  card_.emplace(std::move(text), std::move(photo));
  selected_ = false;
  read_done_ = false;
}

void SamEmulator::remove_card() {
  std::lock_guard lock(mutex_);
  card_.reset();
  selected_ = false;
  read_done_ = false;
}

void SamEmulator::reply(std::uint8_t sw3, const std::vector<std::uint8_t>& data) {
  std::vector<std::uint8_t> body{0x00, 0x00, sw3};
  body.insert(body.end(), data.begin(), data.end());
  std::vector<std::uint8_t> f = sam::frame(body);
  if (fault_ == Fault::BadChecksum) f.back() ^= 0x5A;
  if (fault_ == Fault::Noise) f.insert(f.begin(), {0x00, 0xFF, 0x13, 0xAA});
  if (fault_ == Fault::SplitPackets) {
    // Replies arrive in 62-byte pieces, as through an FTDI bridge.
    for (std::size_t i = 0; i < f.size(); i += 62) {
      outbox_.emplace_back(f.begin() + static_cast<std::ptrdiff_t>(i),
                           f.begin() + static_cast<std::ptrdiff_t>(std::min(f.size(), i + 62)));
    }
    return;
  }
  outbox_.push_back(std::move(f));
}

IoResult SamEmulator::write(std::span<const std::uint8_t> bytes) {
  std::lock_guard lock(mutex_);
  if (fault_ == Fault::Unplugged) return {IoStatus::Disconnected, 0, "device unplugged"};
  if (fault_ == Fault::Silent) return {IoStatus::Ok, bytes.size(), {}};
  // Check the command frame as the SAM does.
  if (bytes.size() < 10 ||
      !std::equal(std::begin(sam::kPreamble), std::end(sam::kPreamble), bytes.begin())) {
    reply(0x21);
    return {IoStatus::Ok, bytes.size(), {}};
  }
  if (sam::checksum(bytes.first(bytes.size() - 1)) != bytes.back()) {
    reply(0x10);
    return {IoStatus::Ok, bytes.size(), {}};
  }
  const std::uint8_t cmd = bytes[7];
  const std::uint8_t para = bytes[8];
  if (cmd == 0x20 && para == 0x01) {
    if (card_ && !read_done_) {
      reply(0x9F, {0x00, 0x00, 0x00, 0x00});
    } else {
      reply(0x80);
    }
  } else if (cmd == 0x20 && para == 0x02) {
    selected_ = card_.has_value();
    if (selected_) {
      reply(0x90, std::vector<std::uint8_t>(8, 0x00));
    } else {
      reply(0x81);
    }
  } else if (cmd == 0x30 && para == 0x01) {
    if (!card_ || !selected_) {
      reply(0x41);
    } else {
      const auto& [text, photo] = *card_;
      std::vector<std::uint8_t> data{static_cast<std::uint8_t>(text.size() >> 8),
                                     static_cast<std::uint8_t>(text.size() & 0xFF),
                                     static_cast<std::uint8_t>(photo.size() >> 8),
                                     static_cast<std::uint8_t>(photo.size() & 0xFF)};
      data.insert(data.end(), text.begin(), text.end());
      data.insert(data.end(), photo.begin(), photo.end());
      reply(0x90, data);
      selected_ = false;
      read_done_ = true;  // a read card must be taken away before the next read
    }
  } else if (cmd == 0x11 || cmd == 0x10) {
    reply(0x90);
  } else {
    reply(0x21);
  }
  return {IoStatus::Ok, bytes.size(), {}};
}

IoResult SamEmulator::read(std::vector<std::uint8_t>& into, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  if (fault_ == Fault::Unplugged) return {IoStatus::Disconnected, 0, "device unplugged"};
  if (outbox_.empty()) {
    // Nothing to say: wait a little, as a device would, instead of spinning the caller.
    lock.unlock();
    std::this_thread::sleep_for(std::min(timeout, std::chrono::milliseconds(5)));
    return {IoStatus::Timeout, 0, {}};
  }
  const auto chunk = std::move(outbox_.front());
  outbox_.pop_front();
  if (baud_ > 0) {
    // 10 bits a byte on the wire (start, 8 data, stop).
    lock.unlock();
    std::this_thread::sleep_for(
        std::chrono::microseconds(static_cast<long long>(chunk.size()) * 10 * 1'000'000 / baud_));
  }
  into.insert(into.end(), chunk.begin(), chunk.end());
  return {IoStatus::Ok, chunk.size(), {}};
}

}  // namespace drivers
