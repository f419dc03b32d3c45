#include "toolkit/report/csv_report.h"

#include "toolkit/report/report_tables.h"

namespace jetstudy::report {
namespace {

std::string csv_line(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += csv_field(fields[i]);
  }
  return line + "\r\n";
}

}  // namespace

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::map<std::string, std::string> csv_report(const StudyReport& report) {
  std::map<std::string, std::string> files;
  for (const Table& table : report_tables(report, TableStyle::data)) {
    std::string contents = csv_line(table.columns);
    for (const auto& row : table.rows) contents += csv_line(row);
    files[table.name + ".csv"] = contents;
  }
  return files;
}

}  // namespace jetstudy::report
