#include "toolkit/images/jet_frame.h"

#include <cmath>

#include "toolkit/images/angles.h"

namespace jetstudy::images {

JetFrame make_jet_frame(const jets::Jet& jet, bool with_transverse_energy) {
  JetFrame frame;
  fill_jet_frame(frame, jet, with_transverse_energy);
  return frame;
}

void fill_jet_frame(JetFrame& frame, const jets::Jet& jet, bool with_transverse_energy) {
  frame.constituents.clear();
  frame.subjets.clear();
  frame.axis_eta = 0;
  frame.axis_phi = 0;
  frame.jet_pt = jet.pt;
  // Jets made beforehand (a benchmark, a batch) sit out of cache: ask for all their cache lines at once, so the
  // misses overlap instead of stalling one by one at each page the hardware prefetcher will not cross.
  const auto* first = reinterpret_cast<const char*>(jet.constituents.data());
  const auto* last = reinterpret_cast<const char*>(jet.constituents.data() + jet.constituents.size());
  for (const char* line = first; line < last; line += 64) __builtin_prefetch(line);
  __builtin_prefetch(jet.subjets.data());
  // Sized once and written in place (no capacity check per point): this loop reads every constituent of every
  // image.
  frame.constituents.resize(jet.constituents.size());
  FramePoint* point = frame.constituents.data();
  for (const auto& c : jet.constituents) {
    *point++ = {c.eta - jet.eta, delta_phi(c.phi, jet.phi), c.pt, c.pid, c.charge, c.e,
                with_transverse_energy ? c.e / std::cosh(c.eta) : 0.0, c.from_pileup};
  }
  frame.subjets.reserve(jet.subjets.size());
  for (const auto& s : jet.subjets) {
    frame.subjets.push_back({s.eta - jet.eta, delta_phi(s.phi, jet.phi), s.pt, 0, 0});
  }
}

void shift_frame(JetFrame& frame, double eta, double phi) {
  auto move = [&](FramePoint& p) {
    p.eta -= eta;
    p.phi = delta_phi(p.phi, phi);
  };
  for (auto& c : frame.constituents) move(c);
  for (auto& s : frame.subjets) move(s);
  frame.axis_eta -= eta;
  frame.axis_phi = delta_phi(frame.axis_phi, phi);
}

}  // namespace jetstudy::images
