// Image channels: what each pixel sums over the constituents that fall into it. Now only `pt` (the DeepTop
// calorimeter-like image, arXiv:1701.08784); charged/neutral pT, counts and jet charge (Komiske, Metodiev,
// Schwartz, arXiv:1612.01551) join as more enum values.
#pragma once

#include <string>
#include <vector>

#include "toolkit/images/jet_frame.h"

namespace jetstudy::images {

enum class Channel {
  pt,  // sum of constituent pT, GeV
};

// "pt"; parse throws core::InputError naming the closest valid name.
Channel parse_channel(const std::string& name);
std::string channel_name(Channel channel);
std::vector<std::string> channel_names();

// What one constituent adds to a pixel of this channel.
inline double channel_value(Channel channel, const FramePoint& constituent) {
  switch (channel) {
    case Channel::pt: return constituent.pt;
  }
  return 0;
}

}  // namespace jetstudy::images
