#include "toolkit/models/lagan.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "tests/models/network_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/models/builtin.h"

using namespace jetstudy;
using models::GanImpl;
using models::InputSpec;
using models::LaganOptions;
using models::NetworkInput;

namespace {

// Narrow layers so a test step takes milliseconds; the structure is the paper's.
LaganOptions small_options() {
  return LaganOptions{}
      .latent(16)
      .generator_map(8)
      .generator_conv(8)
      .generator_local(4)
      .discriminator_conv(8)
      .discriminator_local(4)
      .minibatch_kernels(4)
      .minibatch_dims(3);
}

// "Real" jets: one hard core at the centre and a softer prong off-centre, positive pixels only.
torch::Tensor two_prong_images(std::int64_t n, std::int64_t size) {
  auto images = torch::zeros({n, 1, size, size});
  const std::int64_t centre = size / 2;
  images.index_put_({torch::indexing::Slice(), 0, centre, centre}, 1.0 + torch::rand({n}));
  images.index_put_({torch::indexing::Slice(), 0, centre + 3, centre - 2}, 0.5 * torch::rand({n}));
  return images;
}

}  // namespace

TEST_CASE("lagan: the paper's 25x25 generator maps 7x7 to 25x25 with a 2x2 last kernel, non-negative images") {
  torch::manual_seed(1);
  GanImpl gan(small_options(), testing::image_input(1, 25, 25));
  torch::NoGradGuard no_grad;
  gan.eval();
  const auto images = gan.generate(torch::randn({4, 16}), torch::tensor({0, 1, 0, 1}));
  CHECK(images.sizes() == torch::IntArrayRef({4, 1, 25, 25}));
  CHECK(images.min().item<float>() >= 0.0f);
  CHECK(images.max().item<float>() > 0.0f);
  CHECK_THAT(gan.description(), Catch::Matchers::Contains("dense 7x7x8") &&
                                    Catch::Matchers::Contains("LC 1 2x2 -> ReLU") &&
                                    Catch::Matchers::Contains("25x25 -> 13x13 -> 13x13 -> 7x7 -> pool 3x3"));
  const auto [real_fake, label] = gan.discriminate(images);
  CHECK(real_fake.sizes() == torch::IntArrayRef({4}));
  CHECK(label.sizes() == torch::IntArrayRef({4}));
}

TEST_CASE("lagan: 16x16 images follow the dataset: a 5x5 map and a 3x3 last kernel give 16x16") {
  torch::manual_seed(2);
  GanImpl gan(small_options(), testing::image_input(1, 16, 16));
  torch::NoGradGuard no_grad;
  gan.eval();
  const auto z = torch::randn({3, 16});
  const auto background = gan.generate(z, torch::zeros({3}, torch::kLong));
  const auto signal = gan.generate(z, torch::ones({3}, torch::kLong));
  CHECK(background.sizes() == torch::IntArrayRef({3, 1, 16, 16}));
  CHECK(background.min().item<float>() >= 0.0f);
  CHECK_THAT(gan.description(), Catch::Matchers::Contains("dense 5x5x8") && Catch::Matchers::Contains("LC 1 3x3"));
  // The class label enters through its own embedding: the same z gives another image for the other class.
  CHECK_FALSE(torch::equal(background, signal));
}

TEST_CASE("lagan: the discriminator's real-vs-generated BCE falls and the trained GAN reloads identically") {
  torch::manual_seed(3);
  GanImpl gan(small_options(), testing::image_input(1, 16, 16));
  torch::Tensor generated;
  {
    torch::NoGradGuard no_grad;
    generated = gan.generate(torch::randn({8, 16}), torch::tensor({0, 1, 0, 1, 0, 1, 0, 1}));
  }
  const NetworkInput input{torch::cat({two_prong_images(8, 16), generated}), {}, {}};
  const auto is_real = torch::cat({torch::ones({8}), torch::zeros({8})});
  const auto [before, after] = testing::loss_before_and_after_steps(
      gan, input,
      [&](const torch::Tensor& logits) { return torch::binary_cross_entropy_with_logits(logits, is_real); }, 20,
      2e-3);
  CHECK(after < 0.5 * before);

  torch::manual_seed(4);
  GanImpl fresh(small_options(), testing::image_input(1, 16, 16));
  CHECK(testing::reloads_to_identical_outputs(gan, fresh, input));
  torch::NoGradGuard no_grad;
  const auto z = torch::randn({2, 16});
  CHECK(torch::equal(gan.generate(z, torch::tensor({0, 1})), fresh.generate(z, torch::tensor({0, 1}))));
}

TEST_CASE("lagan: generator and discriminator split the parameters, so each can get its own optimiser") {
  GanImpl gan(small_options(), testing::image_input(1, 16, 16));
  CHECK(gan.latent_size() == 16);
  const auto generator = models::count_parameters(gan.generator());
  const auto discriminator = models::count_parameters(gan.discriminator());
  CHECK(generator > 0);
  CHECK(discriminator > 0);
  CHECK(generator + discriminator == models::count_parameters(gan));
}

TEST_CASE("lagan: too small images, a wrong latent size and a wrongly shaped batch name the shapes") {
  REQUIRE_THROWS_AS(GanImpl(small_options(), testing::image_input(1, 4, 4)), core::InputError);
  REQUIRE_THROWS_WITH(GanImpl(small_options(), testing::image_input(1, 4, 4)),
                      "lagan: a 1x4x4 image is too small for the discriminator: its sizes through the stride-2 layers "
                      "and the average pooling would be 4x4 -> 2x2 -> 2x2 -> 1x1 -> pool 0x0; images need at least 5x5 "
                      "pixels");
  GanImpl gan(small_options(), testing::image_input(1, 16, 16));
  REQUIRE_THROWS_WITH(gan.generate(torch::zeros({2, 200}), torch::zeros({2})),
                      "lagan: the generator takes latent vectors [N, 16], got [2, 200]");
  REQUIRE_THROWS_WITH(gan.discriminate(torch::zeros({2, 1, 25, 25})),
                      "lagan: built for 1x16x16 images, got a batch of shape [2, 1, 25, 25]");
}

TEST_CASE("lagan: registered as a gan with the paper's defaults: latent 200, dropout 0.2") {
  CHECK(models::find_architecture("lagan").kind == models::NetworkKind::gan);
  auto model = models::find_architecture("lagan").options().validate(YAML::Load("{}"), "recipe.yaml");
  CHECK(model.at("latent") == 200);
  CHECK(model.at("dropout") == 0.2);
  model["arch"] = "lagan";
  const auto network = models::make_architecture(model, testing::image_input(1, 25, 25));
  auto* gan = dynamic_cast<GanImpl*>(network.get());
  REQUIRE(gan != nullptr);
  CHECK(gan->latent_size() == 200);
  CHECK_THAT(gan->description(), Catch::Matchers::Contains("LAGAN on 1x25x25: generator latent 200") &&
                                     Catch::Matchers::Contains("dense 7x7x128 -> conv 64 5x5") &&
                                     Catch::Matchers::Contains("minibatch discrimination 10x10"));
}
