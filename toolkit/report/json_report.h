// The whole report as JSON, for scripts and notebooks: every configuration with its runs, per-seed values and
// summaries, ensemble, notes and the curves of its representative run; differences, expectations, provenance, runs
// that are not done. Non-finite numbers (a rejection with no background left) are written as the strings "inf" /
// "-inf", which JSON cannot hold as numbers.
#pragma once

#include <nlohmann/json.hpp>

#include "toolkit/report/study_report.h"

namespace jetstudy::report {

nlohmann::json json_report(const StudyReport& report);

}  // namespace jetstudy::report
