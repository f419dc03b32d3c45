// The recipe keys of `model: {arch: deeptop, ...}`; defaults are the 2017 DeepTop network (arXiv:1701.08784).
#include "toolkit/models/deeptop_options_schema.h"

namespace jetstudy::models {

recipe::Schema deeptop_options_schema() {
  using recipe::Field;
  using recipe::Schema;
  const auto positive_list = Schema::list(Schema::integer().greater_than(0)).min_length(1);
  return Schema::map({
      Field::defaulted("filters", positive_list, {8, 8, 8, 8}, "output channels of each conv layer"),
      Field::defaulted("kernel", Schema::integer().greater_than(0), 4, "square kernel size of every conv layer"),
      Field::defaulted("padding", Schema::integer().min(0), 1, "zero padding of every conv layer"),
      Field::defaulted("pool_after", Schema::list(Schema::integer().greater_than(0)), {2},
                       "max-pool after these conv layers (1-based)"),
      Field::defaulted("pool", Schema::integer().greater_than(0), 2, "max-pool window and stride"),
      Field::defaulted("dense", Schema::list(Schema::integer().greater_than(0)), {64, 64, 64}, "widths of the dense layers"),
      Field::defaulted("dropout", Schema::number().min(0).less_than(1), 0.0, "dropout before each dense layer"),
  });
}

}  // namespace jetstudy::models
