#include "toolkit/report/report_output.h"

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/report/csv_report.h"
#include "toolkit/report/html_report.h"
#include "toolkit/report/json_report.h"
#include "toolkit/report/markdown_report.h"

namespace jetstudy::report {

ReportFormat parse_report_format(const std::string& text) {
  if (text == "html") return ReportFormat::html;
  if (text == "md" || text == "markdown") return ReportFormat::markdown;
  if (text == "csv") return ReportFormat::csv;
  if (text == "json") return ReportFormat::json;
  throw core::InputError("--format " + text + ": unknown report format" +
                         core::did_you_mean(text, {"html", "md", "csv", "json"}) + "; expected html, md, csv or json");
}

std::string render_report(const StudyReport& report, ReportFormat format, const std::vector<Figure>& figures) {
  switch (format) {
    case ReportFormat::html: return html_report(report, figures);
    case ReportFormat::markdown: return markdown_report(report);
    case ReportFormat::json: return json_report(report).dump(2) + "\n";
    case ReportFormat::csv: break;
  }
  JETSTUDY_CHECK(false, "csv reports are several files: use write_report");
  return "";
}

std::vector<std::filesystem::path> write_report(const StudyReport& report, ReportFormat format,
                                                const std::filesystem::path& directory, const std::string& stem,
                                                const std::vector<Figure>& figures) {
  std::vector<std::filesystem::path> written;
  if (format == ReportFormat::csv) {
    for (const auto& [name, contents] : csv_report(report)) {
      written.push_back(directory / (stem + "-" + name));
      core::write_file_atomically(written.back(), contents);
    }
    return written;
  }
  const char* extension = format == ReportFormat::html ? ".html" : format == ReportFormat::markdown ? ".md" : ".json";
  written.push_back(directory / (stem + extension));
  core::write_file_atomically(written.back(), render_report(report, format, figures));
  return written;
}

std::string safe_directory_name(std::string_view name) {
  std::string safe;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                      c == '-' || c == '_';
    safe += keep ? c : '_';
  }
  if (safe.empty() || safe == "." || safe == "..") safe = "_" + safe;
  return safe;
}

}  // namespace jetstudy::report
