#include "toolkit/report/ensemble.h"

#include <fmt/format.h>

#include "toolkit/core/error.h"
#include "toolkit/data/predictions_file.h"
#include "toolkit/metrics/roc.h"

namespace jetstudy::report {

Ensemble ensemble_of_scores(const std::vector<std::vector<float>>& member_scores, const std::vector<float>& labels) {
  JETSTUDY_CHECK(!member_scores.empty(), "an ensemble needs at least one member");
  std::vector<double> mean(labels.size(), 0.0);
  for (const auto& scores : member_scores) {
    JETSTUDY_CHECK(scores.size() == labels.size(), "ensemble member with another number of jets");
    for (std::size_t i = 0; i < scores.size(); ++i) mean[i] += scores[i];
  }
  for (double& score : mean) score /= static_cast<double>(member_scores.size());

  const metrics::RocCurve curve = metrics::roc_curve(mean, std::vector<double>(labels.begin(), labels.end()));
  Ensemble ensemble;
  ensemble.members = member_scores.size();
  ensemble.jets = labels.size();
  ensemble.auc = metrics::auc(curve);
  ensemble.rejection_03 = metrics::rejection_at(curve, 0.3);
  ensemble.rejection_05 = metrics::rejection_at(curve, 0.5);
  ensemble.sic_max = metrics::sic_max(curve);
  ensemble.roc = metrics::compact_curve(curve);
  return ensemble;
}

Ensemble ensemble_of(const std::vector<std::filesystem::path>& prediction_files) {
  JETSTUDY_CHECK(!prediction_files.empty(), "an ensemble needs at least one predictions file");
  const data::Predictions first = data::read_predictions_file(prediction_files.front());
  std::vector<std::vector<float>> scores{first.scores};
  for (std::size_t k = 1; k < prediction_files.size(); ++k) {
    const auto& path = prediction_files[k];
    data::Predictions member = data::read_predictions_file(path);
    const auto mismatch = [&](const std::string& what) {
      return core::InputError(fmt::format("{}: {} than {}; an ensemble needs the same test jets in every member",
                                          path.string(), what, prediction_files.front().string()));
    };
    if (member.scores.size() != first.scores.size())
      throw mismatch(fmt::format("{} jets, other", member.scores.size()));
    if (member.labels != first.labels) throw mismatch("other labels");
    if (!member.dataset_hash.empty() && !first.dataset_hash.empty() && member.dataset_hash != first.dataset_hash)
      throw mismatch("dataset " + member.dataset_hash.substr(0, 12) + ", another");
    scores.push_back(std::move(member.scores));
  }
  return ensemble_of_scores(scores, first.labels);
}

}  // namespace jetstudy::report
