// A jet as the image pipeline sees it: constituents and subjets in image coordinates (eta, phi) relative to a
// centre that preprocessing steps move. It starts relative to the jet axis (phi differences wrapped into
// (-pi, pi]), so the steps and the pixelisation never meet the 2 pi discontinuity.
#pragma once

#include <vector>

#include "toolkit/jets/jet.h"

namespace jetstudy::images {

struct FramePoint {
  double eta = 0, phi = 0;  // image coordinates, radians (phi) and pseudorapidity units (eta)
  double pt = 0;            // GeV
  int pid = 0;
  int charge = 0;
  double e = 0;   // GeV
  double et = 0;  // transverse energy E / cosh(eta) at the constituent's own eta, GeV
  bool from_pileup = false;  // a pile-up particle (events::Particle::from_pileup), for channel origins
};

struct JetFrame {
  std::vector<FramePoint> constituents;
  std::vector<FramePoint> subjets;  // pT-ordered, leading first (as jets::Jet gives them)
  double axis_eta = 0, axis_phi = 0;  // where the jet axis sits in image coordinates (0,0 before any step)
  double jet_pt = 0;                  // GeV, for steps that need a scale
};

// Constituents and subjets of `jet` relative to the jet axis: (eta - eta_jet, wrap(phi - phi_jet)).
// FramePoint::et is filled only when asked (it costs a cosh per constituent); otherwise it is 0.
JetFrame make_jet_frame(const jets::Jet& jet, bool with_transverse_energy = true);
// The same into an existing frame, reusing its memory (the image builder's per-thread frame).
void fill_jet_frame(JetFrame& frame, const jets::Jet& jet, bool with_transverse_energy = true);

// Shifts every point (and the axis) by (-eta, -phi), wrapping phi into (-pi, pi]: afterwards the point that
// was at (eta, phi) sits at (0, 0).
void shift_frame(JetFrame& frame, double eta, double phi);

}  // namespace jetstudy::images
