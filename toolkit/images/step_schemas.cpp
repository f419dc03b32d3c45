#include "toolkit/images/step_schemas.h"

#include "toolkit/images/center.h"
#include "toolkit/images/channel.h"
#include "toolkit/images/intensity.h"
#include "toolkit/images/normalize.h"

namespace jetstudy::images {

using recipe::Field;
using recipe::Schema;

std::vector<recipe::NamedSchema> image_step_schemas() {
  const auto pixels = Schema::list(Schema::integer().greater_than(0)).length(2);
  return {
      {"center", "move the chosen axis to the image centre",
       Schema::map({Field::defaulted("on", Schema::one_of(center_on_names(), "axis"), "leading_subjet",
                                     "which axis lands on the central pixel")})},
      {"rotate", "turn the principal axis or the second subjet to +eta (vertical)",
       Schema::map({Field::defaulted("to", Schema::one_of({"principal_axis", "second_subjet"}, "direction"),
                                     "principal_axis", "the direction that ends up along +eta"),
                    Field::defaulted("when", Schema::one_of({"before", "after"}, "place"), "before",
                                     "rotate constituents before pixelisation, or the image after it (bilinear)")})},
      {"flip", "reflect so that the side with more pT is at positive phi",
       Schema::map({Field::defaulted("eta", Schema::boolean(), false, "also put more pT at positive eta")})},
      {"normalize", "rescale each image or pixel",
       Schema::map({Field::defaulted("norm", Schema::one_of(norm_names(), "norm"), "l1",
                                     "l1: sum 1; l2: Euclidean norm 1; standardize: per pixel from training "
                                     "statistics; none")})},
      {"zoom", "scale (eta, phi) offsets by pT / reference_pt before pixelisation",
       Schema::map({Field::defaulted("reference_pt", Schema::number().greater_than(0), 300.0,
                                     "jet pT in GeV at which the image is unchanged")})},
      {"crop", "keep the central pixels",
       Schema::map({Field::required("size", pixels, "[eta_pixels, phi_pixels] kept around the centre")})},
  };
}

Schema image_channel_schema() {
  const auto name = Schema::one_of(channel_names(), "channel");
  return Schema::any_of({
      name,
      Schema::map({
          Field::required("name", name, "the channel"),
          Field::optional("kappa", Schema::number().greater_than(0), "jet_charge: the pT exponent (default 0.5)"),
          Field::optional("size", Schema::list(Schema::integer().greater_than(0)).length(2),
                          "own [eta_pixels, phi_pixels] over the image extent, brought onto the image grid"),
          Field::optional("upsample", Schema::one_of({"nearest", "bilinear"}, "upsampling"),
                          "how a coarser own grid is up-sampled (default nearest)"),
          Field::optional("origin", Schema::one_of({"all", "hard_scatter", "pileup"}, "origin"),
                          "which particles it sums: all (default), hard_scatter or pileup (arXiv:1707.08600)"),
      }),
  });
}

Schema image_intensity_schema() { return Schema::one_of(intensity_names(), "intensity"); }

}  // namespace jetstudy::images
