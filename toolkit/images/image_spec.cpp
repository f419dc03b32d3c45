#include "toolkit/images/image_spec.h"

#include "toolkit/core/error.h"
#include "toolkit/images/step_table.h"

namespace jetstudy::images {
namespace {

std::pair<double, double> parse_range(const nlohmann::json& range, const char* what) {
  if (!range.is_array() || range.size() != 2 || !range[0].is_number() || !range[1].is_number()) {
    throw core::InputError(std::string("images.extent: the ") + what + " range must be [min, max], got " +
                           range.dump());
  }
  return {range[0].get<double>(), range[1].get<double>()};
}

}  // namespace

ImageSpec image_spec_from_json(const nlohmann::json& block) {
  ImageSpec spec;
  if (block.is_null()) return spec;
  if (!block.is_object()) throw core::InputError("images: expected a map, got " + block.dump());

  if (block.contains("size")) {
    const auto& size = block["size"];
    if (!size.is_array() || size.size() != 2 || !size[0].is_number_integer() || !size[1].is_number_integer()) {
      throw core::InputError("images.size: expected [eta_pixels, phi_pixels], got " + size.dump());
    }
    spec.eta_pixels = size[0].get<std::int64_t>();
    spec.phi_pixels = size[1].get<std::int64_t>();
  }
  if (block.contains("extent")) {
    const auto& extent = block["extent"];
    if (!extent.is_array() || extent.size() != 2) {
      throw core::InputError("images.extent: expected [[eta_min, eta_max], [phi_min, phi_max]], got " +
                             extent.dump());
    }
    std::tie(spec.extent.eta_min, spec.extent.eta_max) = parse_range(extent[0], "eta");
    std::tie(spec.extent.phi_min, spec.extent.phi_max) = parse_range(extent[1], "phi");
  }
  PixelGrid grid(spec.eta_pixels, spec.phi_pixels, spec.extent);  // checks sizes and ordering
  if (!grid.pixel_of(0, 0)) {
    throw core::InputError("images.extent: the extent must contain the centre (0, 0), got " +
                           block["extent"].dump());
  }

  if (block.contains("intensity")) {
    if (!block["intensity"].is_string()) {
      throw core::InputError("images.intensity: expected pt, e or et, got " + block["intensity"].dump());
    }
    spec.intensity = parse_intensity(block["intensity"].get<std::string>());
  }

  if (block.contains("channels")) {
    const auto& channels = block["channels"];
    if (!channels.is_array() || channels.empty()) {
      throw core::InputError("images.channels: expected a non-empty list of channels, got " + channels.dump());
    }
    spec.channels.clear();
    for (const auto& name : channels) {
      spec.channels.push_back(channel_spec_from_json(name));
    }
  }

  if (block.contains("steps")) {
    const auto& steps = block["steps"];
    if (!steps.is_array()) throw core::InputError("images.steps: expected a list, got " + steps.dump());
    for (const auto& entry : steps) {
      auto step = make_step(entry);
      if (!spec.dataset_steps.empty()) {
        throw core::InputError("images.steps: '" + spec.dataset_steps.back()->description() +
                               "' uses statistics of the finished training images, so it must be the last step");
      }
      if (step.dataset_step) {
        spec.dataset_steps.push_back(std::move(step.dataset_step));
      } else if (step.constituent_step) {
        if (!spec.image_steps.empty()) {
          throw core::InputError("images.steps: '" + step.constituent_step->description() +
                                 "' moves constituents, so it must come before the image step '" +
                                 spec.image_steps.back()->description() + "'");
        }
        spec.constituent_steps.push_back(std::move(step.constituent_step));
      } else {
        spec.image_steps.push_back(std::move(step.image_step));
      }
    }
  }
  ImageGeometry geometry{spec.eta_pixels, spec.phi_pixels, spec.extent};
  for (const auto& step : spec.image_steps) geometry = step->output_geometry(geometry);  // a crop checks its size
  return spec;
}

}  // namespace jetstudy::images
