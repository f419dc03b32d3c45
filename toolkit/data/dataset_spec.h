// What a dataset is: where its jets come from (the built-in generator, signal vs background), how they are
// clustered and selected, how they become images, which observers travel with them and how they are split.
// Its identity is the content hash of the recipe's `data` and `images` blocks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolkit/data/selection.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/images/image_spec.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::data {

struct GeneratorSource {
  events::generator::Process signal = events::generator::Process::top;      // label 1
  events::generator::Process background = events::generator::Process::qcd;  // label 0
  std::int64_t jets = 0;            // in total: (jets + 1) / 2 signal, jets / 2 background
  double pt_min_gev = 350, pt_max_gev = 450;
  double pileup_mu = 0;
  double quark_fraction = 0.5;
  bool underlying_event = true;
  std::uint64_t seed = 1;

  std::int64_t signal_jets() const { return (jets + 1) / 2; }
  std::int64_t background_jets() const { return jets / 2; }
};

struct SplitFractions {
  double train = 0.8, val = 0.1, test = 0.1;
};

struct DatasetSpec {
  GeneratorSource source;
  jets::JetSpec jets;
  Selection select;
  SplitFractions split;
  std::vector<std::string> observers{"mass", "pt", "eta"};
  images::ImageSpec images;
  nlohmann::json identity;  // {"data": ..., "images": ...} exactly as hashed
  std::string hash;         // core::content_hash(identity)
};

// From a validated recipe (as JSON) with `data` and `images` blocks. Throws core::InputError naming the key
// for anything it cannot build (unknown source kind, groomer, observer, split fractions not summing to 1, ...).
DatasetSpec dataset_spec_from_json(const nlohmann::json& config);

}  // namespace jetstudy::data
