// The report as Markdown: a header (study, recipe, runs, reference, time), then every table of report_tables.h with
// its caption, and the report's notes. For a terminal, a wiki or a pull request; the HTML report adds the figures.
#pragma once

#include <string>
#include <string_view>

#include "toolkit/report/study_report.h"

namespace jetstudy::report {

std::string markdown_report(const StudyReport& report);

// `text` made safe inside a Markdown table cell or heading: '\' and '|' escaped, line breaks turned into spaces,
// '<' written as "&lt;" so a viewer never reads a user string as HTML.
std::string escape_markdown_cell(std::string_view text);

}  // namespace jetstudy::report
