#include "a11y/landmarks.hpp"

#include <algorithm>
#include <optional>

namespace a11y {
namespace {

std::optional<ui::LandmarkKind> kind_of(const std::string& role) {
  using K = ui::LandmarkKind;
  if (role == "banner") return K::Banner;
  if (role == "navigation") return K::Navigation;
  if (role == "main") return K::Main;
  if (role == "form") return K::Form;
  if (role == "search") return K::Search;
  if (role == "complementary") return K::Complementary;
  if (role == "contentinfo") return K::ContentInfo;
  return std::nullopt;
}

}  // namespace

std::vector<ui::Landmark> landmarks_of(const std::vector<AxNode>& nodes,
                                       const std::vector<NodeId>& block_end) {
  std::vector<ui::Landmark> out;
  if (nodes.empty() || block_end.empty()) return out;
  // The furthest DOM node under each tree node (children come after their parent in `nodes`).
  std::vector<NodeId> last(nodes.size());
  for (std::size_t i = nodes.size(); i-- > 0;) {
    last[i] = nodes[i].dom;
    for (auto c : nodes[i].children) last[i] = std::max(last[i], last[c]);
  }
  for (std::size_t i = 0; i < nodes.size() && out.size() < 64; ++i) {
    const auto kind = kind_of(nodes[i].role);
    if (!kind || nodes[i].dom == kNoNode) continue;
    // The first block reaching into the landmark, the last one ending inside it.
    const auto first = std::lower_bound(block_end.begin(), block_end.end(), nodes[i].dom);
    const auto end = std::upper_bound(block_end.begin(), block_end.end(), last[i]);
    if (first == block_end.end() || end <= first) continue;  // nothing of it is read
    out.push_back({*kind, static_cast<std::uint32_t>(first - block_end.begin()),
                   static_cast<std::uint32_t>(end - block_end.begin() - 1)});
  }
  return out;
}

}  // namespace a11y
