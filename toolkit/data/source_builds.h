// The first half of a dataset build, one function per kind of source: events -> leading jet -> selection ->
// image, label and observers (pre-made images: straight from the file), placed in train / val / test. Each fills the splits' size, images, labels and
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
// Pre-made images (jetimages_build.cpp): throws core::InputError when images.size is not the file's image size.
JetDataset build_from_jetimages(const DatasetSpec& spec, const JetImagesSource& source,
                                const images::ImageBuilder& builder, const ProgressCallback& progress);
// Object images of whole events (objects_build.cpp, arXiv:1807.00083): generated or read from JSON lines; drawn
// with images::ObjectImageBuilder on images.size over images.extent, not with the jet ImageBuilder.
JetDataset build_from_objects(const DatasetSpec& spec, const ObjectsSource& source, const ProgressCallback& progress);

}  // namespace jetstudy::data
