// The page's landmarks as blocks of its reading-view document, for region jumps.
#pragma once

#include <vector>

#include "a11y/accessibility_tree.hpp"
#include "ui/document.hpp"

namespace a11y {

// `block_end[b]`: the furthest DOM node block b of the document covers (non-decreasing).
std::vector<ui::Landmark> landmarks_of(const std::vector<AxNode>& nodes,
                                       const std::vector<NodeId>& block_end);

}  // namespace a11y
