#include "toolkit/report/html_report.h"

#include <catch2/catch.hpp>

#include "tests/report/report_fixture.h"

using namespace jetstudy::report;
using jetstudy::core::TempDirectory;

namespace {

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("html_report: a study named <script> and a label with &\"'<> are shown as text, never as markup") {
  TempDirectory directory("report");
  const std::string study = "<script>alert(1)</script>";
  const auto s = jetstudy::testing::top_study(directory, study, "&\"'<>");
  const std::string html = html_report(study_report(s, study));

  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&\"'<>") == std::string::npos);
  CHECK(html.find("<title>jetstudy report: &lt;script&gt;alert(1)&lt;/script&gt;</title>") != std::string::npos);
  CHECK(html.find("<h1>jetstudy report: &lt;script&gt;alert(1)&lt;/script&gt;</h1>") != std::string::npos);
  CHECK(count_of(html, "<td>&amp;&quot;&#39;&lt;&gt;</td>") >= 3);  // configurations, differences, failures
  CHECK(html_escape("a<b & \"c\" 'd'>") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39;&gt;");
}

TEST_CASE("html_report: one self-contained page: inline style, no scripts, nothing fetched from the network") {
  TempDirectory directory("report");
  const auto s = jetstudy::testing::top_study(directory);
  const std::string html = html_report(study_report(s, "top"), {{"ROC", "<svg id=\"p1\"><path d=\"M0 0\"/></svg>", ""},
                                                               {"SIC", "", "no roc curve stored for any run"}});
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("</html>") != std::string::npos);
  CHECK(count_of(html, "<style>") == 1);
  CHECK(html.find("http://") == std::string::npos);
  CHECK(html.find("https://") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find("default-src 'none'") != std::string::npos);
  // Tables: configurations, ensemble, differences, expectations, runs not done, provenance.
  CHECK(count_of(html, "<table>") == 6);
  CHECK(count_of(html, "</table>") == 6);
  CHECK(html.find("<td class=\"num\">0.9200 ± 0.0200</td>") != std::string::npos);
  CHECK(html.find("<td class=\"within\">within</td>") != std::string::npos);
  CHECK(html.find("<td class=\"outside\">outside</td>") != std::string::npos);
  CHECK(html.find("<tr class=\"failed\">") != std::string::npos);
  // Figures: the SVG inline, a missing one replaced by its note.
  CHECK(html.find("<figcaption>ROC</figcaption>\n<svg id=\"p1\"><path d=\"M0 0\"/></svg>") != std::string::npos);
  CHECK(html.find("<figcaption>SIC</figcaption>\n<p class=\"note\">no roc curve stored for any run</p>") !=
        std::string::npos);
}
