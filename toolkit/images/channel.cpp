#include "toolkit/images/channel.h"

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::images {

Channel parse_channel(const std::string& name) {
  if (name == "pt") return Channel::pt;
  throw core::InputError("images.channels: unknown channel '" + name + "' (known: pt)" +
                         core::did_you_mean(name, channel_names()));
}

std::string channel_name(Channel channel) {
  switch (channel) {
    case Channel::pt: return "pt";
  }
  return "?";
}

std::vector<std::string> channel_names() { return {"pt"}; }

}  // namespace jetstudy::images
