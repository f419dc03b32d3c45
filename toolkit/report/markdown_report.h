// The minimal Markdown report of a study: one table row per configuration (sweep point), its seeds
// aggregated to median ± sample standard deviation of the test-split AUC and background rejection 1/εB at
// signal efficiency 0.3 and 0.5 (the figures of merit of the top-tagging comparison, arXiv:1902.09914).
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "toolkit/store/store.h"

namespace jetstudy::report {

// The report as Markdown text. A study the store does not hold throws core::InputError listing those it does.
// `generated_at` is printed in the header (tests pass a fixed time).
std::string markdown_report(const store::Store& store, const std::string& study,
                            std::chrono::system_clock::time_point generated_at = std::chrono::system_clock::now());

// `text` made safe inside a Markdown table cell: '\' and '|' escaped, line breaks turned into spaces.
std::string escape_markdown_cell(std::string_view text);

}  // namespace jetstudy::report
