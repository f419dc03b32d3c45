#include "toolkit/models/resnext.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include "toolkit/core/error.h"

namespace jetstudy::models {

ResNeXtOptions ResNeXtOptions::from_json(const nlohmann::json& options) {
  ResNeXtOptions parsed;
  parsed.cardinality(options.at("cardinality").get<std::int64_t>())
      .bottleneck_width(options.at("bottleneck_width").get<std::int64_t>())
      .stages(options.at("stages").get<std::vector<std::int64_t>>())
      .width_factor(options.at("width_factor").get<std::int64_t>())
      .stem_filters(options.at("stem_filters").get<std::int64_t>())
      .stem_kernel(options.at("stem_kernel").get<std::int64_t>())
      .stem_stride(options.at("stem_stride").get<std::int64_t>())
      .stem_pool(options.at("stem_pool").get<bool>())
      .dropout(options.at("dropout").get<double>());
  return parsed;
}

ResNeXtImpl::ResNeXtImpl(ResNeXtOptions options, const InputSpec& input) : options_(std::move(options)), input_(input) {
  if (options_.width_factor() < 1 || options_.cardinality() < 1 || options_.bottleneck_width() < 1)
    throw core::InputError("resnext: model.width_factor, cardinality and bottleneck_width must be positive");
  ResidualTowerOptions tower;
  tower.stem_filters(options_.stem_filters())
      .stem_kernel(options_.stem_kernel())
      .stem_stride(options_.stem_stride())
      .stem_pool(options_.stem_pool())
      .stages(options_.stages())
      .groups(options_.cardinality());
  std::vector<std::int64_t> inner, output;
  for (std::size_t s = 0; s < options_.stages().size(); ++s) {
    const std::int64_t grouped = (options_.cardinality() * options_.bottleneck_width()) << s;
    if (grouped % options_.width_factor() != 0)
      throw core::InputError(fmt::format(
          "resnext: stage {} has cardinality x bottleneck_width x 2^{} = {} filters, which width_factor {} does not "
          "divide",
          s + 1, s, grouped, options_.width_factor()));
    inner.push_back(grouped / options_.width_factor());
    output.push_back((std::int64_t{256} << s) / options_.width_factor());
  }
  tower.inner_widths(inner).output_widths(output);

  tower_ = register_module("tower", ResidualTower("resnext", tower, input));
  dropout_ = register_module("dropout", torch::nn::Dropout(options_.dropout()));
  head_ = register_module("head", torch::nn::Linear(tower_->output_width(), input.outputs));
}

torch::Tensor ResNeXtImpl::forward(const NetworkInput& input) {
  const auto logits = head_->forward(dropout_->forward(tower_->forward(input.images)));
  return input_.outputs == 1 ? logits.squeeze(1) : logits;
}

std::string ResNeXtImpl::description() const {
  return fmt::format("ResNeXt on {}: cardinality {}, bottleneck_width {}, stages {}, width_factor {}, stem {} filters "
                     "{}x{} stride {}{}, dropout {}, {} output(s)",
                     input_.to_string(), options_.cardinality(), options_.bottleneck_width(), options_.stages(),
                     options_.width_factor(), options_.stem_filters(), options_.stem_kernel(), options_.stem_kernel(),
                     options_.stem_stride(), options_.stem_pool() ? " + max-pool" : "", options_.dropout(),
                     input_.outputs);
}

recipe::Schema resnext_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto positive = Schema::integer().greater_than(0);
  return Schema::map({
      Field::defaulted("cardinality", positive, 32, "groups of every 3x3 convolution (ResNeXt-50: 32)"),
      Field::defaulted("bottleneck_width", positive, 4, "filters per group in the first stage (ResNeXt-50: 4)"),
      Field::defaulted("stages", Schema::list(positive).min_length(1), {3, 4, 6, 3},
                       "bottleneck blocks per stage; [3, 4, 6, 3] is ResNeXt-50"),
      Field::defaulted("width_factor", positive, 4,
                       "divides every filter count after the stem (the landscape, arXiv:1902.09914, used 4)"),
      Field::defaulted("stem_filters", positive, 64, "filters of the first convolution (not divided)"),
      Field::defaulted("stem_kernel", positive, 3, "kernel of the first convolution (padded by kernel/2)"),
      Field::defaulted("stem_stride", positive, 1, "stride of the first convolution (1 for jet images)"),
      Field::defaulted("stem_pool", Schema::boolean(), false,
                       "3x3 max-pool with stride 2 after the first convolution (ImageNet-style; off for jet images)"),
      Field::defaulted("dropout", Schema::number().min(0).less_than(1), 0.0, "dropout before the dense layer"),
  });
}

}  // namespace jetstudy::models
