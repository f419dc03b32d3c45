// The report as ONE self-contained HTML file: inline CSS, figures as inline SVG, no scripts, no fonts or images
// fetched from anywhere (a Content-Security-Policy forbids it), so it opens offline and can be mailed around.
// Every user string (study, labels, errors, paths) is HTML-escaped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "toolkit/report/figure.h"
#include "toolkit/report/study_report.h"

namespace jetstudy::report {

// The page: header, the tables of report_tables.h, the figures (a figure without SVG shows its note instead),
// and the notes.
std::string html_report(const StudyReport& report, const std::vector<Figure>& figures = {});

// & < > " ' replaced by entities: safe in element content and in quoted attributes.
std::string html_escape(std::string_view text);

}  // namespace jetstudy::report
