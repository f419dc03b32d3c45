// The first half of a dataset build, one function per kind of source: events -> leading jet -> selection ->
// image, label and observers, placed in train / val / test. Each fills the splits' size, images, labels and
// observers and the counts "selection", "skipped" and "mean_dropped_pt_fraction"; build_dataset() then
// balances, weights and standardises (build_dataset.h). Internal to toolkit/data.
#pragma once

#include <functional>
#include <string>

#include "toolkit/data/dataset_spec.h"
#include "toolkit/data/jet_dataset.h"
#include "toolkit/images/image_builder.h"

namespace jetstudy::data {

using ProgressCallback = std::function<void(const std::string&)>;

JetDataset build_from_generator(const DatasetSpec& spec, const GeneratorSource& source,
                                const images::ImageBuilder& builder, const ProgressCallback& progress);
JetDataset build_from_toptag(const DatasetSpec& spec, const TopTagSource& source, const images::ImageBuilder& builder,
                             const ProgressCallback& progress);
JetDataset build_from_hepmc(const DatasetSpec& spec, const HepMCSource& source, const images::ImageBuilder& builder,
                            const ProgressCallback& progress);

}  // namespace jetstudy::data
