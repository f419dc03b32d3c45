// Which jets a dataset keeps: closed windows on the leading jet's pT, mass and pseudorapidity (the recipe's
// `data.select`, e.g. {pt: [350, 450], mass: [0, 300]}). An absent window keeps everything.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "toolkit/jets/jet.h"

namespace jetstudy::data {

struct Window {
  double min = 0, max = 0;
  bool contains(double x) const { return x >= min && x <= max; }
  std::string to_string() const;  // "[350, 450]"
};

struct Selection {
  std::optional<Window> pt_gev;
  std::optional<Window> mass_gev;
  std::optional<Window> eta;

  bool passes(const jets::Jet& jet) const;
  std::string description() const;  // "pt [350, 450] GeV, mass [0, 300] GeV" or "none"
};

// From `data.select` (may be null or absent keys). Throws core::InputError for an unknown key or a window that
// is not [min, max] with min <= max.
Selection selection_from_json(const nlohmann::json& select);

}  // namespace jetstudy::data
