// The whole model zoo at a glance.
#include "toolkit/models/builtin.h"

#include <nlohmann/json.hpp>

#include "toolkit/core/registry.h"
#include "toolkit/models/conv_autoencoder.h"
#include "toolkit/models/deeptop.h"
#include "toolkit/models/dense_autoencoder.h"
#include "toolkit/models/lagan.h"
#include "toolkit/models/pumml.h"
#include "toolkit/models/deeptop_options_schema.h"
#include "toolkit/models/dense_network.h"
#include "toolkit/models/likelihood_ratio.h"
#include "toolkit/models/resnet.h"
#include "toolkit/models/resnext.h"
#include "toolkit/models/two_stream.h"
#include "toolkit/recipe/named_schemas.h"

namespace jetstudy::models {
namespace {

std::shared_ptr<NetworkImpl> make_deeptop(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<DeepTopImpl>(DeepTopOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_resnext(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<ResNeXtImpl>(ResNeXtOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_resnet(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<ResNetImpl>(ResNetOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_two_stream(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<TwoStreamImpl>(TwoStreamOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_dense_network(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<DenseNetworkImpl>(DenseNetworkOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_likelihood_ratio(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<LikelihoodRatioImpl>(LikelihoodRatioOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_conv_autoencoder(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<ConvAutoencoderImpl>(ConvAutoencoderOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_dense_autoencoder(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<DenseAutoencoderImpl>(DenseAutoencoderOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_lagan(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<GanImpl>(LaganOptions::from_json(options), input);
}

std::shared_ptr<NetworkImpl> make_pumml(const nlohmann::json& options, const InputSpec& input) {
  return std::make_shared<PummlImpl>(PummlOptions::from_json(options), input);
}

}  // namespace

const std::vector<ArchitectureEntry>& architecture_table() {
  static const std::vector<ArchitectureEntry> kArchitectures = {
      {"deeptop", "DeepTop CNN (arXiv:1701.08784)", NetworkKind::scorer, deeptop_options_schema, make_deeptop},
      {"resnext", "ResNeXt-50 for jet images (arXiv:1611.05431, arXiv:1902.09914)", NetworkKind::scorer,
       resnext_options_schema, make_resnext},
      {"resnet50", "ResNet-50 from scratch (arXiv:1512.03385; CMS Open Data object images)", NetworkKind::scorer,
       resnet_options_schema, make_resnet},
      {"two_stream", "jet + event image CNN (arXiv:1807.10768)", NetworkKind::scorer, two_stream_options_schema,
       make_two_stream},
      {"dense", "dense network on observers", NetworkKind::scorer, dense_network_options_schema, make_dense_network},
      {"likelihood", "binned likelihood ratio of 1-2 observers", NetworkKind::scorer, likelihood_ratio_options_schema,
       make_likelihood_ratio},
      {"conv_ae", "convolutional autoencoder (arXiv:1808.08979, arXiv:1808.08992)", NetworkKind::autoencoder,
       conv_autoencoder_options_schema, make_conv_autoencoder},
      {"dense_ae", "dense autoencoder (arXiv:1808.08992)", NetworkKind::autoencoder, dense_autoencoder_options_schema,
       make_dense_autoencoder},
      {"lagan", "location-aware GAN (arXiv:1701.05927)", NetworkKind::gan, lagan_options_schema, make_lagan},
      {"pumml", "pile-up mitigation per pixel (arXiv:1707.08600)", NetworkKind::pixel_regressor, pumml_options_schema,
       make_pumml},
  };
  return kArchitectures;
}

const char* network_kind_name(NetworkKind kind) {
  switch (kind) {
    case NetworkKind::scorer: return "scorer";
    case NetworkKind::autoencoder: return "autoencoder";
    case NetworkKind::pixel_regressor: return "pixel_regressor";
    case NetworkKind::gan: return "gan";
  }
  return "?";
}

const ArchitectureEntry& find_architecture(const std::string& name) {
  return core::find_by_name(architecture_table(), name, "architecture");
}

std::shared_ptr<NetworkImpl> make_architecture(const nlohmann::json& model, const InputSpec& input) {
  return find_architecture(model.at("arch").get<std::string>()).make(model, input);
}

std::vector<recipe::NamedSchema> architecture_schemas() {
  return recipe::named_schemas(architecture_table());
}

}  // namespace jetstudy::models
