#include "toolkit/images/event_image.h"

#include <cmath>
#include <numbers>

#include "toolkit/core/error.h"
#include "toolkit/images/angles.h"
#include "toolkit/images/pixelise.h"

namespace jetstudy::images {
namespace {

constexpr double kPi = std::numbers::pi;

// Into [-pi, pi): the grid's phi range is half-open, so +pi becomes -pi.
double wrap_into_grid(double phi) {
  const double wrapped = wrap_phi(phi);
  return wrapped >= kPi ? wrapped - 2 * kPi : wrapped;
}

bool is_neutrino(int pid) {
  const int a = std::abs(pid);
  return a == 12 || a == 14 || a == 16;
}

}  // namespace

EventImageBuilder::EventImageBuilder(EventImageSpec spec)
    : spec_(std::move(spec)), grid_(spec_.eta_pixels, spec_.phi_pixels, Extent{spec_.eta_min, spec_.eta_max, -kPi, kPi}) {
  for (const auto& channel : spec_.channels) {
    if (channel.channel == Channel::jet_charge) {
      throw core::InputError("event images: jet_charge needs a jet; use it in jet images");
    }
    if (channel.has_own_grid()) throw core::InputError("event images: channels use the event image's own grid");
  }
}

JetImage EventImageBuilder::build(const std::vector<EventParticle>& particles) const {
  JetFrame frame;
  frame.constituents.reserve(particles.size());
  for (const auto& p : particles) {
    const double et = p.e / std::cosh(p.eta);
    frame.constituents.push_back({p.eta, wrap_into_grid(p.phi), p.pt, p.pid, p.charge, p.e, et, p.from_pileup});
  }
  const auto channels = static_cast<std::int64_t>(spec_.channels.size());
  JetImage image{channels, grid_.eta_pixels(), grid_.phi_pixels(),
                 std::vector<float>(static_cast<std::size_t>(channels * grid_.eta_pixels() * grid_.phi_pixels())), 0,
                 grid_.extent()};
  image.dropped_pt_fraction = pixelise(frame, grid_, spec_.channels, image.view(), spec_.intensity);
  return image;
}

JetImage EventImageBuilder::build(const events::Event& event) const {
  std::vector<EventParticle> particles;
  particles.reserve(event.particles.size());
  for (const auto& p : event.particles) {
    if (!spec_.include_neutrinos && is_neutrino(p.pid)) continue;
    const double pt = std::hypot(p.px, p.py);
    if (pt <= 0) continue;
    particles.push_back({pt, std::asinh(p.pz / pt), std::atan2(p.py, p.px), p.charge, p.pid, p.e, p.from_pileup});
  }
  return build(particles);
}

}  // namespace jetstudy::images
