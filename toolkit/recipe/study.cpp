#include "toolkit/recipe/study.h"

#include "toolkit/recipe/loader.h"

namespace jetstudy::recipe {

Study load_study(const std::filesystem::path& path, const std::vector<std::string>& overrides,
                 const StudyComponents& components) {
  const Schema schema = study_schema(components);
  const SourceNode tree = load_recipe(path, overrides);

  Study study;
  study.path = path;
  study.config = schema.validate(tree);
  study.name = study.config.at("study").get<std::string>();
  study.expect = study.config.value("expect", nlohmann::json::object());
  study.run = study.config.at("run");
  for (auto& point : expand_sweep(tree, schema, study.config)) study.runs.push_back(make_run_spec(std::move(point)));
  return study;
}

}  // namespace jetstudy::recipe
