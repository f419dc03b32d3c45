#include "toolkit/images/channel.h"

#include <fmt/format.h>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::images {

Channel parse_channel(const std::string& name) {
  if (name == "pt") return Channel::pt;
  if (name == "charged_pt") return Channel::charged_pt;
  if (name == "neutral_pt") return Channel::neutral_pt;
  if (name == "charged_count") return Channel::charged_count;
  if (name == "muon_count") return Channel::muon_count;
  if (name == "jet_charge") return Channel::jet_charge;
  throw core::InputError("images.channels: unknown channel '" + name +
                         "' (known: pt, charged_pt, neutral_pt, charged_count, muon_count, jet_charge)" +
                         core::did_you_mean(name, channel_names()));
}

std::string channel_name(Channel channel) {
  switch (channel) {
    case Channel::pt: return "pt";
    case Channel::charged_pt: return "charged_pt";
    case Channel::neutral_pt: return "neutral_pt";
    case Channel::charged_count: return "charged_count";
    case Channel::muon_count: return "muon_count";
    case Channel::jet_charge: return "jet_charge";
  }
  return "?";
}

std::vector<std::string> channel_names() {
  return {"pt", "charged_pt", "neutral_pt", "charged_count", "muon_count", "jet_charge"};
}

Upsample parse_upsample(const std::string& name) {
  if (name == "nearest") return Upsample::nearest;
  if (name == "bilinear") return Upsample::bilinear;
  throw core::InputError("images.channels: upsample '" + name + "' is not one of nearest, bilinear" +
                         core::did_you_mean(name, {"nearest", "bilinear"}));
}

std::string upsample_name(Upsample upsample) { return upsample == Upsample::nearest ? "nearest" : "bilinear"; }

Origin parse_origin(const std::string& name) {
  if (name == "all") return Origin::all;
  if (name == "hard_scatter") return Origin::hard_scatter;
  if (name == "pileup") return Origin::pileup;
  throw core::InputError("images.channels: origin '" + name + "' is not one of all, hard_scatter, pileup" +
                         core::did_you_mean(name, {"all", "hard_scatter", "pileup"}));
}

std::string origin_name(Origin origin) {
  switch (origin) {
    case Origin::all: return "all";
    case Origin::hard_scatter: return "hard_scatter";
    case Origin::pileup: return "pileup";
  }
  return "?";
}

ChannelSpec channel_spec_from_json(const nlohmann::json& entry) {
  ChannelSpec spec;
  if (entry.is_string()) {
    spec.channel = parse_channel(entry.get<std::string>());
    return spec;
  }
  if (!entry.is_object() || !entry.contains("name") || !entry["name"].is_string()) {
    throw core::InputError("images.channels: each channel is a name or {name: NAME, kappa: K, size: [H, W], "
                           "upsample: nearest|bilinear, origin: all|hard_scatter|pileup}, got " + entry.dump());
  }
  for (const auto& [key, value] : entry.items()) {
    if (key != "name" && key != "kappa" && key != "size" && key != "upsample" && key != "origin") {
      throw core::InputError("images.channels: unknown key '" + key + "' in " + entry.dump() +
                             core::did_you_mean(key, {"name", "kappa", "size", "upsample", "origin"}));
    }
  }
  spec.channel = parse_channel(entry["name"].get<std::string>());
  if (entry.contains("kappa")) {
    if (spec.channel != Channel::jet_charge) {
      throw core::InputError("images.channels: kappa belongs to jet_charge, not to " + channel_name(spec.channel));
    }
    if (!entry["kappa"].is_number() || entry["kappa"].get<double>() <= 0) {
      throw core::InputError("images.channels: jet_charge kappa must be a number > 0, got " + entry["kappa"].dump());
    }
    spec.kappa = entry["kappa"].get<double>();
  }
  if (entry.contains("size") && !entry["size"].is_null()) {
    const auto& size = entry["size"];
    if (!size.is_array() || size.size() != 2 || !size[0].is_number_integer() || !size[1].is_number_integer() ||
        size[0].get<std::int64_t>() < 1 || size[1].get<std::int64_t>() < 1) {
      throw core::InputError("images.channels: size of " + channel_name(spec.channel) +
                             " must be [eta_pixels, phi_pixels] with positive integers, got " + size.dump());
    }
    spec.eta_pixels = size[0].get<std::int64_t>();
    spec.phi_pixels = size[1].get<std::int64_t>();
  }
  if (entry.contains("upsample")) {
    if (!entry["upsample"].is_string()) throw core::InputError("images.channels: upsample must be a name");
    spec.upsample = parse_upsample(entry["upsample"].get<std::string>());
  }
  if (entry.contains("origin")) {
    if (!entry["origin"].is_string()) {
      throw core::InputError("images.channels: origin must be all, hard_scatter or pileup, got " + entry["origin"].dump());
    }
    spec.origin = parse_origin(entry["origin"].get<std::string>());
  }
  return spec;
}

std::string channel_description(const ChannelSpec& spec) {
  std::string text = channel_name(spec.channel);
  if (spec.channel == Channel::jet_charge) text += fmt::format("(kappa={})", spec.kappa);
  if (spec.has_own_grid()) {
    text += fmt::format("@{}x{}", spec.eta_pixels, spec.phi_pixels);
    if (spec.upsample == Upsample::bilinear) text += "/bilinear";
  }
  if (spec.origin != Origin::all) text += "[" + origin_name(spec.origin) + "]";
  return text;
}

}  // namespace jetstudy::images
