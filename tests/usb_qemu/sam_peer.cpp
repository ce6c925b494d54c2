// Host-side SAM ID-card module for QEMU's `usb-serial` (an FTDI FT232 whose serial line is a
// socket): the project's SAM emulator with the synthetic resident card, behind a unix socket
// QEMU connects to. After N reads it closes the socket, which unplugs the USB device in the
// guest. Test tool only; all data synthetic.
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

#include "drivers/emulated/synthetic_cards.hpp"
#include "drivers/sam_emulator.hpp"
#include "drivers/sam_protocol.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kiosk-sam-peer SOCKET [CLOSE_AFTER_READS]\n");
    return 1;
  }
  const int close_after = argc > 2 ? std::atoi(argv[2]) : -1;
  ::unlink(argv[1]);
  const int server = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  std::strncpy(a.sun_path, argv[1], sizeof a.sun_path - 1);
  if (::bind(server, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(server, 1) != 0) {
    std::perror("PEER: bind");
    return 2;
  }
  const int fd = ::accept(server, nullptr, nullptr);
  drivers::SamEmulator sam;
  sam.place_card(drivers::emulated::synthetic_resident().bytes,
                 drivers::emulated::synthetic_photo());
  std::vector<std::uint8_t> in;
  int reads = 0;
  std::uint8_t buf[512];
  while (true) {
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.insert(in.end(), buf, buf + n);
    // One command frame at a time: preamble, LEN (2), LEN bytes.
    while (in.size() >= 7) {
      auto pre = std::search(in.begin(), in.end(), std::begin(drivers::sam::kPreamble),
                             std::end(drivers::sam::kPreamble));
      in.erase(in.begin(), pre);
      if (in.size() < 7) break;
      const std::size_t len = (static_cast<std::size_t>(in[5]) << 8) | in[6];
      if (in.size() < 7 + len) break;
      std::vector<std::uint8_t> frame(in.begin(),
                                      in.begin() + static_cast<std::ptrdiff_t>(7 + len));
      in.erase(in.begin(), in.begin() + static_cast<std::ptrdiff_t>(7 + len));
      sam.write(frame);
      std::vector<std::uint8_t> reply;
      sam.read(reply, std::chrono::milliseconds(100));
      ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
      if (frame.size() > 8 && frame[7] == 0x30) {
        std::printf("PEER: card read (%zu-byte reply)\n", reply.size());
        std::fflush(stdout);
        if (++reads == close_after) {
          std::this_thread::sleep_for(std::chrono::milliseconds(1500));
          std::printf("PEER: unplugging the reader\n");
          std::fflush(stdout);
          ::close(fd);
          ::close(server);
          return 0;
        }
      }
    }
  }
  ::close(fd);
  ::close(server);
  return 0;
}
