// gnuplot as a subprocess: quoting of user strings, the missing-program error, gnuplot's own errors, and
// the SVG made fit to inline (ids, escaping). Also run_program, which feeds stdin and reads stdout together.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "tests/report/plot_svg_checks.h"
#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/report/plot/gnuplot.h"
#include "toolkit/report/plot/inline_svg.h"
#include "toolkit/report/plot/line_plot.h"
#include "toolkit/report/plot/subprocess.h"

namespace plot = jetstudy::report::plot;
using jetstudy::testing::svg_problem;
using jetstudy::core::TempDirectory;

TEST_CASE("gnuplot: quoting doubles single quotes, keeps backslashes and turns line breaks into spaces") {
  CHECK(plot::gnuplot_quote("it's") == "'it''s'");
  CHECK(plot::gnuplot_quote("a\\nb") == "'a\\nb'");
  CHECK(plot::gnuplot_quote("two\nlines\r\tend") == "'two lines  end'");
  CHECK(plot::gnuplot_quote("\xCE\xB5_S") == "'\xCE\xB5_S'");          // valid UTF-8 (epsilon) is kept
  CHECK(plot::gnuplot_quote("bad\xFF") == "'bad\xEF\xBF\xBD'");        // invalid byte -> U+FFFD
  CHECK(plot::gnuplot_number(0.1) == "0.1");
  CHECK(plot::gnuplot_number(1e-05) == "1e-05");
}

TEST_CASE("gnuplot: a missing gnuplot is an input error that names the package gnuplot-nox") {
  REQUIRE_THROWS_AS(plot::run_gnuplot("print 1", "/nonexistent/gnuplot"), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(plot::run_gnuplot("print 1", "/nonexistent/gnuplot"),
                      Catch::Matchers::Contains("cannot run '/nonexistent/gnuplot'") &&
                          Catch::Matchers::Contains("gnuplot-nox"));
  plot::LinePlotOptions options;
  options.gnuplot = "jetstudy-no-such-gnuplot";
  REQUIRE_THROWS_WITH(plot::line_plot({{"a", {0, 1}, {0, 1}}}, options), Catch::Matchers::Contains("gnuplot-nox"));
}

TEST_CASE("gnuplot: a failing script reports gnuplot's own message") {
  REQUIRE_THROWS_WITH(plot::run_gnuplot("plot $no_such_block using 1:2\n"),
                      Catch::Matchers::StartsWith("gnuplot failed (exit status 1)") &&
                          Catch::Matchers::Contains("no_such_block"));
}

TEST_CASE("gnuplot: backquotes and @macros in user strings are printed as typed, never executed") {
  const TempDirectory directory("plot-quote");
  const std::string marker = (directory / "executed").string();
  plot::LinePlotOptions options;
  options.title = "`touch " + marker + "` @GPVAL_VERSION system('true')";
  options.x_label = "p_T^{jet} [GeV]";
  const plot::Plot result = plot::line_plot({{"s", {0, 1}, {0, 1}}}, options);
  CHECK_FALSE(std::filesystem::exists(marker));
  CHECK(result.svg.find("<text>`touch " + marker + "` @GPVAL_VERSION system(&#39;true&#39;)</text>") !=
        std::string::npos);
  CHECK(result.svg.find("<text>p_T^{jet} [GeV]</text>") != std::string::npos);  // noenhanced: no markup
}

TEST_CASE("gnuplot: a title and a series name with markup and quotes come out XML-escaped") {
  plot::LinePlotOptions options;
  options.title = "<script>alert(1)</script> & \"double\" 'single'";
  options.y_label = "line one\nline two";
  const plot::Plot result = plot::line_plot({{"<b>tagger</b> & co", {0, 1}, {0, 1}}}, options);
  REQUIRE(svg_problem(result.svg) == "");
  CHECK(result.svg.find("<script") == std::string::npos);
  CHECK(result.svg.find("<text>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;double&quot; &#39;single&#39;</text>") !=
        std::string::npos);
  CHECK(result.svg.find("<text>&lt;b&gt;tagger&lt;/b&gt; &amp; co</text>") != std::string::npos);
  CHECK(result.svg.find("<text>line one line two</text>") != std::string::npos);
}

TEST_CASE("inline svg: the prolog goes, ids get the plot's prefix and references follow them") {
  const std::string document =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE svg>\n<svg width=\"10\">\n<defs><circle id='gpDot' r='1'/>"
      "<use xlink:href='#gpDot' id='gpPt6'/></defs><g id=\"p_plot_1\"><use xlink:href='#gpPt6' fill='#ff0000'/>"
      "<text>#gpDot' a > b</text></g><rect filter='url(#gpDot)'/></svg>\n";
  const std::string svg = plot::inline_svg(document, "p");
  CHECK(svg ==
        "<svg id=\"p\" class=\"jetstudy-plot\" width=\"10\">\n<defs><circle id='p_gpDot' r='1'/>"
        "<use xlink:href='#p_gpDot' id='p_gpPt6'/></defs><g id=\"p_plot_1\"><use xlink:href='#p_gpPt6' "
        "fill='#ff0000'/><text>#gpDot&#39; a &gt; b</text></g><rect filter='url(#p_gpDot)'/></svg>");
  CHECK(svg_problem(svg) == "");
}

TEST_CASE("inline svg: two plots on one page share no id") {
  const plot::Plot first = plot::line_plot({{"a", {0, 1}, {0, 1}}}, {});
  const plot::Plot second = plot::line_plot({{"a", {0, 1}, {0, 1}}}, {});
  const auto first_ids = jetstudy::testing::ids_of(first.svg);
  const auto second_ids = jetstudy::testing::ids_of(second.svg);
  REQUIRE(first_ids.size() > 15);  // the svg, its canvas, ~16 point markers, two filters, the curve group
  for (const auto& id : first_ids) {
    CHECK(std::find(second_ids.begin(), second_ids.end(), id) == second_ids.end());
  }
  CHECK(std::set<std::string>(first_ids.begin(), first_ids.end()).size() == first_ids.size());
}

TEST_CASE("subprocess: a megabyte through cat comes back whole, stdin and stdout served together") {
  std::string text;
  for (int i = 0; text.size() < (1 << 20); ++i) text += std::to_string(i) + "\n";
  const plot::ProgramResult result = plot::run_program({"cat"}, text);
  CHECK(result.exit_code == 0);
  CHECK(result.standard_output == text);
  CHECK(plot::run_program({"sh", "-c", "echo oops >&2; exit 3"}, "").standard_error == "oops\n");
  CHECK(plot::run_program({"sh", "-c", "exit 3"}, "ignored input").exit_code == 3);
}

TEST_CASE("subprocess: a program past its time limit is killed and reported as timed out") {
  const plot::ProgramResult result = plot::run_program({"sleep", "10"}, "", std::chrono::milliseconds(200));
  CHECK(result.timed_out);
  CHECK(result.exit_code == 128 + 9);
  REQUIRE_THROWS_AS(plot::run_program({"/nonexistent/program"}, ""), plot::ProgramNotFound);
}
