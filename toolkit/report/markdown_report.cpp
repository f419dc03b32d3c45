#include "toolkit/report/markdown_report.h"

#include <fmt/format.h>

#include "toolkit/report/report_tables.h"

namespace jetstudy::report {
namespace {

// Error messages can be long (a stack of causes): one line of at most max_length bytes, not cut inside a UTF-8 char.
std::string one_line(std::string_view text, std::size_t max_length) {
  std::string line = escape_markdown_cell(text);
  if (line.size() <= max_length) return line;
  std::size_t cut = max_length;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
  return line.substr(0, cut) + "…";
}

void append_table(std::string& out, const Table& table) {
  out += "\n## " + escape_markdown_cell(table.title) + "\n\n|";
  for (const std::string& column : table.columns) out += " " + escape_markdown_cell(column) + " |";
  out += "\n|";
  for (bool numeric : table.numeric) out += numeric ? "--:|" : ":--|";
  out += "\n";
  for (const auto& row : table.rows) {
    out += "|";
    for (const std::string& cell : row) out += " " + one_line(cell, 240) + " |";
    out += "\n";
  }
  if (!table.caption.empty()) out += "\n" + table.caption + "\n";
}

}  // namespace

std::string escape_markdown_cell(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '|') {
      escaped += '\\';
      escaped += c;
    } else if (c == '\n' || c == '\r') {
      escaped += ' ';
    } else if (c == '<') {
      escaped += "&lt;";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

std::string markdown_report(const StudyReport& report) {
  std::string out = "# jetstudy report: " + escape_markdown_cell(report.title) + "\n\n";
  if (!report.description.empty()) out += escape_markdown_cell(report.description) + "\n\n";
  if (!report.recipe_path.empty()) out += "- recipe: " + escape_markdown_cell(report.recipe_path) + "\n";
  if (report.studies.size() > 1) {
    std::string studies;
    for (const std::string& study : report.studies) studies += (studies.empty() ? "" : ", ") + escape_markdown_cell(study);
    out += "- studies: " + studies + "\n";
  }
  std::vector<store::RunRecord> runs;
  for (const Configuration& configuration : report.configurations)
    runs.insert(runs.end(), configuration.runs.begin(), configuration.runs.end());
  out += fmt::format("- runs: {}{}\n", runs.size(), runs.empty() ? "" : " (" + status_counts(runs) + ")");
  if (const std::string remark = earlier_versions_remark(report); !remark.empty())
    out += "- " + escape_markdown_cell(remark) + "\n";
  out += fmt::format("- configurations: {}\n", report.configurations.size());
  if (!report.reference.empty()) out += "- reference: " + escape_markdown_cell(report.reference) + "\n";
  out += "- generated: " + report.generated_at + "\n";

  for (const Table& table : report_tables(report, TableStyle::display)) append_table(out, table);

  if (!report.notes.empty()) {
    out += "\n## Notes\n\n";
    for (const std::string& note : report.notes) out += "- " + escape_markdown_cell(note) + "\n";
  }
  return out;
}

}  // namespace jetstudy::report
