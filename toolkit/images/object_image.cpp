#include "toolkit/images/object_image.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

#include "toolkit/core/error.h"
#include "toolkit/images/angles.h"

namespace jetstudy::images {
namespace {

constexpr double kPi = std::numbers::pi;

}  // namespace

std::string object_type_name(ObjectType type) {
  switch (type) {
    case ObjectType::electron: return "electron";
    case ObjectType::muon: return "muon";
    case ObjectType::jet: return "jet";
    case ObjectType::bjet: return "bjet";
    case ObjectType::met: return "met";
  }
  return "?";
}

ObjectImageBuilder::ObjectImageBuilder(ObjectImageSpec spec) : spec_(std::move(spec)) {
  if (spec_.eta_pixels < 1 || spec_.phi_pixels < 1 || !(spec_.eta_min < spec_.eta_max)) {
    throw core::InputError(fmt::format("object images: need positive pixel counts and eta_min < eta_max, got {}x{} "
                                       "over [{}, {}]",
                                       spec_.eta_pixels, spec_.phi_pixels, spec_.eta_min, spec_.eta_max));
  }
  if (!(spec_.radius_per_log_pt >= 0)) {
    throw core::InputError(fmt::format("object images: radius_per_log_pt must be >= 0, got {}", spec_.radius_per_log_pt));
  }
}

double ObjectImageBuilder::radius(double pt) const {
  return pt > 1 ? spec_.radius_per_log_pt * std::log(pt) : 0.0;
}

JetImage ObjectImageBuilder::build(const std::vector<RecoObject>& objects) const {
  const auto channels = static_cast<std::int64_t>(spec_.channels.size());
  const std::int64_t height = spec_.eta_pixels, width = spec_.phi_pixels;
  JetImage image{channels, height, width, std::vector<float>(static_cast<std::size_t>(channels * height * width)), 0,
                 Extent{spec_.eta_min, spec_.eta_max, -kPi, kPi}};
  const ImageView view = image.view();
  const double eta_step = (spec_.eta_max - spec_.eta_min) / static_cast<double>(height);
  const double phi_step = 2 * kPi / static_cast<double>(width);

  for (const auto& object : objects) {
    const auto channel_it = std::find(spec_.channels.begin(), spec_.channels.end(), object.type);
    if (channel_it == spec_.channels.end()) continue;
    const auto channel = static_cast<std::int64_t>(channel_it - spec_.channels.begin());
    const double eta = object.type == ObjectType::met ? 0.0 : object.eta;
    const double phi = wrap_phi(object.phi);
    const double r = radius(object.pt);
    const float value = spec_.fill == ObjectFill::one ? 1.0f : static_cast<float>(object.pt);
    auto paint = [&](std::int64_t h, std::int64_t w) {
      float& pixel = view.at(channel, h, w);
      pixel = spec_.fill == ObjectFill::one ? 1.0f : pixel + value;
    };

    // The pixel holding the object itself.
    const auto own_row = static_cast<std::int64_t>(std::floor((eta - spec_.eta_min) / eta_step));
    const auto own_column = (static_cast<std::int64_t>(std::floor((phi + kPi) / phi_step)) % width + width) % width;
    const auto reach_rows = static_cast<std::int64_t>(std::ceil(r / eta_step)) + 1;
    const auto reach_columns = std::min(width / 2, static_cast<std::int64_t>(std::ceil(r / phi_step)) + 1);
    bool own_drawn = false;
    for (std::int64_t h = std::max<std::int64_t>(0, own_row - reach_rows);
         h <= std::min(height - 1, own_row + reach_rows); ++h) {
      const double d_eta = view.eta_center(h) - eta;
      for (std::int64_t k = -reach_columns; k <= reach_columns; ++k) {
        if (2 * k == width) continue;  // with an even width, -width/2 and +width/2 are the same column
        const std::int64_t w = ((own_column + k) % width + width) % width;
        const double d_phi = delta_phi(view.phi_center(w), phi);
        if (d_eta * d_eta + d_phi * d_phi > r * r) continue;
        paint(h, w);
        own_drawn = own_drawn || (h == own_row && w == own_column);
      }
    }
    if (!own_drawn && own_row >= 0 && own_row < height) paint(own_row, own_column);
  }
  return image;
}

}  // namespace jetstudy::images
