#include "toolkit/data/selection.h"

#include <fmt/format.h>

#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"

namespace jetstudy::data {
namespace {

Window parse_window(const nlohmann::json& value, const std::string& key) {
  if (!value.is_array() || value.size() != 2 || !value[0].is_number() || !value[1].is_number() ||
      value[0].get<double>() > value[1].get<double>()) {
    throw core::InputError("data.select." + key + ": expected [min, max] with min <= max, got " + value.dump());
  }
  return {value[0].get<double>(), value[1].get<double>()};
}

}  // namespace

std::string Window::to_string() const { return fmt::format("[{}, {}]", min, max); }

bool Selection::passes(const jets::Jet& jet) const {
  if (pt_gev && !pt_gev->contains(jet.pt)) return false;
  if (mass_gev && !mass_gev->contains(jet.m)) return false;
  if (eta && !eta->contains(jet.eta)) return false;
  return true;
}

std::string Selection::description() const {
  std::string text;
  auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
  if (pt_gev) add("pt " + pt_gev->to_string() + " GeV");
  if (mass_gev) add("mass " + mass_gev->to_string() + " GeV");
  if (eta) add("eta " + eta->to_string());
  return text.empty() ? "none" : text;
}

Selection selection_from_json(const nlohmann::json& select) {
  Selection selection;
  if (select.is_null()) return selection;
  if (!select.is_object()) throw core::InputError("data.select: expected a map, got " + select.dump());
  const std::vector<std::string> known = {"pt", "mass", "eta"};
  for (const auto& [key, value] : select.items()) {
    if (key == "pt") {
      selection.pt_gev = parse_window(value, key);
    } else if (key == "mass") {
      selection.mass_gev = parse_window(value, key);
    } else if (key == "eta") {
      selection.eta = parse_window(value, key);
    } else {
      throw core::InputError("data.select: unknown key '" + key + "' (known: pt, mass, eta)" +
                             core::did_you_mean(key, known));
    }
  }
  return selection;
}

}  // namespace jetstudy::data
