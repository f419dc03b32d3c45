#include "toolkit/report/html_report.h"

#include <fmt/format.h>

#include "toolkit/report/plot/inline_svg.h"
#include "toolkit/report/report_tables.h"

namespace jetstudy::report {
namespace {

// Inline style: readable tables, numbers right-aligned in tabular figures, failures and verdicts coloured.
constexpr const char* kStyle = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1200px;
       padding: 0 1em; color: #1b1b1b; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ccc; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.1em 1em; }
dl.facts dt { color: #555; } dl.facts dd { margin: 0; }
nav a { margin-right: 1em; }
section { overflow-x: auto; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.92em; }
th, td { border: 1px solid #d0d0d0; padding: 0.25em 0.6em; vertical-align: top; }
th { background: #f2f2f2; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.failed td, tr.interrupted td { background: #fdecea; }
td.within { color: #1a7f37; font-weight: 600; } td.outside { color: #b42318; font-weight: 600; }
td.error { font-family: ui-monospace, monospace; font-size: 0.9em; white-space: pre-wrap; max-width: 40em; }
p.caption, p.note { color: #555; font-size: 0.9em; max-width: 60em; }
figure { display: inline-block; margin: 0.5em 1em 1em 0; vertical-align: top; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-weight: 600; }
)";

std::string cell_class(const Table& table, std::size_t column, const std::string& text) {
  if (table.name == "expectations" && table.columns[column] == "verdict") return text == "within" || text == "outside" ? text : "";
  if (table.name == "runs_not_done" && table.columns[column] == "error") return "error";
  return table.numeric[column] ? "num" : "";
}

std::string row_class(const Table& table, const std::vector<std::string>& row) {
  if (table.name != "runs_not_done") return "";
  for (std::size_t i = 0; i < table.columns.size(); ++i)
    if (table.columns[i] == "status") return row[i];
  return "";
}

void append_table(std::string& out, const Table& table) {
  out += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n<table>\n<thead><tr>", table.name, html_escape(table.title));
  for (const std::string& column : table.columns) out += "<th>" + html_escape(column) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : table.rows) {
    const std::string klass = row_class(table, row);
    out += klass.empty() ? "<tr>" : "<tr class=\"" + html_escape(klass) + "\">";
    for (std::size_t i = 0; i < row.size(); ++i) {
      const std::string cell_klass = cell_class(table, i, row[i]);
      out += cell_klass.empty() ? "<td>" : "<td class=\"" + cell_klass + "\">";
      out += html_escape(row[i]) + "</td>";
    }
    out += "</tr>\n";
  }
  out += "</tbody>\n</table>\n";
  if (!table.caption.empty()) out += "<p class=\"caption\">" + html_escape(table.caption) + "</p>\n";
  out += "</section>\n";
}

void append_fact(std::string& out, const std::string& name, const std::string& value) {
  out += "<dt>" + html_escape(name) + "</dt><dd>" + html_escape(value) + "</dd>\n";
}

}  // namespace

// HTML text and attribute values need exactly the escapes of XML (the SVG figures' text uses the same).
std::string html_escape(std::string_view text) { return plot::xml_escape(text); }

std::string html_report(const StudyReport& report, const std::vector<Figure>& figures) {
  const std::vector<Table> tables = report_tables(report, TableStyle::display);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
      "img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>jetstudy report: " + html_escape(report.title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<header>\n<h1>jetstudy report: " + html_escape(report.title) + "</h1>\n";
  if (!report.description.empty()) out += "<p>" + html_escape(report.description) + "</p>\n";
  out += "<dl class=\"facts\">\n";
  if (!report.recipe_path.empty()) append_fact(out, "recipe", report.recipe_path);
  if (report.studies.size() > 1) {
    std::string studies;
    for (const std::string& study : report.studies) studies += (studies.empty() ? "" : ", ") + study;
    append_fact(out, "studies", studies);
  }
  std::vector<store::RunRecord> runs;
  for (const Configuration& configuration : report.configurations)
    runs.insert(runs.end(), configuration.runs.begin(), configuration.runs.end());
  append_fact(out, "runs", fmt::format("{}{}", runs.size(), runs.empty() ? "" : " (" + status_counts(runs) + ")"));
  if (const std::string remark = earlier_versions_remark(report); !remark.empty())
    append_fact(out, "earlier versions", remark);
  append_fact(out, "configurations", std::to_string(report.configurations.size()));
  if (!report.reference.empty()) append_fact(out, "reference", report.reference);
  append_fact(out, "generated", report.generated_at);
  out += "</dl>\n<nav>";
  for (const Table& table : tables) out += fmt::format("<a href=\"#{}\">{}</a>", table.name, html_escape(table.title));
  if (!figures.empty()) out += "<a href=\"#figures\">Figures</a>";
  out += "</nav>\n</header>\n<main>\n";

  for (const Table& table : tables) append_table(out, table);

  if (!figures.empty()) {
    out += "<section id=\"figures\">\n<h2>Figures</h2>\n";
    for (const Figure& figure : figures) {
      out += "<figure>\n<figcaption>" + html_escape(figure.title) + "</figcaption>\n";
      if (!figure.svg.empty()) out += figure.svg + "\n";
      if (!figure.note.empty()) out += "<p class=\"note\">" + html_escape(figure.note) + "</p>\n";
      out += "</figure>\n";
    }
    out += "</section>\n";
  }
  if (!report.notes.empty()) {
    out += "<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n";
    for (const std::string& note : report.notes) out += "<li>" + html_escape(note) + "</li>\n";
    out += "</ul>\n</section>\n";
  }
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace jetstudy::report
