// Writing a report to disk in one of its formats: html (one self-contained file), md, json (one file each), csv
// (one file per table). Every file is written atomically, so a reader never sees half a report.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "toolkit/report/figure.h"
#include "toolkit/report/study_report.h"

namespace jetstudy::report {

enum class ReportFormat { html, markdown, csv, json };

// "html", "md" (or "markdown"), "csv", "json"; anything else throws core::InputError listing them.
ReportFormat parse_report_format(const std::string& text);

// The report of one format as a single text (html, md, json); csv has several files: InternalError.
std::string render_report(const StudyReport& report, ReportFormat format, const std::vector<Figure>& figures = {});

// Writes <stem>.html / <stem>.md / <stem>.json, or <stem>-<table>.csv for each table, into `directory` (created
// if needed) and returns the paths written. `stem` is usually safe_directory_name(study). Figures: html only.
std::vector<std::filesystem::path> write_report(const StudyReport& report, ReportFormat format,
                                                const std::filesystem::path& directory, const std::string& stem,
                                                const std::vector<Figure>& figures = {});

// A name made safe as one file or directory name: letters, digits, '.', '-', '_' kept, anything else '_' ("<x>" -> "_x_");
// never empty, never "." or "..".
std::string safe_directory_name(std::string_view name);

}  // namespace jetstudy::report
