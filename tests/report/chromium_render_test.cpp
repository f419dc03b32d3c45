// The report as a user gets it, rendered in headless Chromium as on a machine without network: the built
// `jetstudy` binary trains the tiny e2e recipe under a hostile study name into a temporary results directory and
// writes `jetstudy report STUDY --format html`; that page must load without console errors, request nothing from
// the network, show its plots (the ROC curves among them) and show the study name as text. The PNG screenshot
// is kept in the build directory (report_screenshot.png) for a person to look at. Without Chromium the test
// exits with kSkipReturnCode, which ctest reports as skipped.
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "toolkit/core/temp_directory.h"
#include "toolkit/report/plot/subprocess.h"

namespace fs = std::filesystem;
namespace plot = jetstudy::report::plot;
using jetstudy::core::TempDirectory;

namespace {

constexpr int kSkipReturnCode = 77;  // SKIP_RETURN_CODE in tests/report/CMakeLists.txt

// Chromium fetches these for itself (clock, component updates, account list, spelling dictionary) even
// with background networking off; the proxy makes them fail. Any other http(s) request came from the page.
const char* const kChromiumOwnRequests[] = {
    "http://clients2.google.com/time/",          "https://clients2.google.com/time/",
    "http://update.googleapis.com/service/",     "https://update.googleapis.com/service/",
    "https://accounts.google.com/ListAccounts",  "https://redirector.gvt1.com/edgedl/chrome/dict/",
};

// Console lines that mean the page is broken.
const char* const kConsoleErrorMarkers[] = {"Uncaught", "Failed to load resource", "ERR_"};

std::optional<std::string> find_on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  if (path == nullptr) return std::nullopt;
  std::stringstream directories(path);
  for (std::string directory; std::getline(directories, directory, ':');) {
    const fs::path candidate = fs::path(directory) / program;
    std::error_code error;
    if (fs::is_regular_file(candidate, error) && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return std::nullopt;
}

std::string chromium_or_skip() {
  const auto chromium = find_on_path("chromium");
  if (!chromium) {
    std::cout << "SKIPPED: chromium is not installed (Debian package chromium); the report was not rendered\n";
    std::exit(kSkipReturnCode);
  }
  return *chromium;
}

struct BrowserRun {
  int exit_code = 0;
  std::string dom;                          // --dump-dom output
  std::vector<std::string> console_errors;  // console lines with an error marker
  std::vector<std::string> page_requests;   // http(s) requests not made by Chromium for itself
  std::string log;
};

// Flags of a browser on a closed network: no sandbox (we may run as root), no GPU, no first-run or
// background traffic, and a proxy that nothing listens on, so every network request fails visibly.
std::vector<std::string> closed_network_command(const std::string& chromium, const fs::path& profile) {
  return {chromium,
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--user-data-dir=" + profile.string(),
          "--proxy-server=127.0.0.1:9",
          "--enable-logging=stderr"};
}

// Loads `page` and dumps its DOM. Logging at --v=1 also lists every URL request, so a request the page
// makes is caught even when the page shows no console error for it.
BrowserRun dump_dom(const std::string& chromium, const fs::path& page, const fs::path& profile) {
  auto command = closed_network_command(chromium, profile);
  command.insert(command.end(), {"--v=1", "--dump-dom", "file://" + fs::absolute(page).string()});
  const plot::ProgramResult result = plot::run_program(command, "", std::chrono::seconds(120));
  BrowserRun run;
  run.exit_code = result.timed_out ? -1 : result.exit_code;
  run.dom = result.standard_output;
  run.log = result.standard_error;
  std::stringstream lines(result.standard_error);
  for (std::string line; std::getline(lines, line);) {
    if (line.find(":CONSOLE") != std::string::npos) {
      for (const char* marker : kConsoleErrorMarkers) {
        if (line.find(marker) != std::string::npos) {
          run.console_errors.push_back(line);
          break;
        }
      }
    }
    const std::string request_marker = "NotifyBeforeURLRequest: ";
    const std::size_t at = line.find(request_marker);
    if (at == std::string::npos) continue;
    const std::string url = line.substr(at + request_marker.size());
    bool own = false;
    for (const char* prefix : kChromiumOwnRequests) own = own || url.rfind(prefix, 0) == 0;
    if (!own) run.page_requests.push_back(url);
  }
  return run;
}

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++count;
  return count;
}

// The study name the report is made for: markup that would run a script if the report did not escape it.
const std::string kHostileStudy = "<script>alert(1)</script>";

// Runs the built jetstudy binary (no shell, so the study name needs no quoting) from the repository root.
plot::ProgramResult run_jetstudy(std::vector<std::string> arguments) {
  arguments.insert(arguments.begin(), JETSTUDY_BINARY);
  return plot::run_program(arguments, "", std::chrono::minutes(4));
}

// The path after "report: " in jetstudy report's output (the file it wrote).
std::string written_report(const std::string& output) {
  const std::string marker = "report: ";
  const std::size_t at = output.find(marker);
  if (at == std::string::npos) return "";
  const std::size_t end = output.find('\n', at);
  return output.substr(at + marker.size(), end == std::string::npos ? std::string::npos : end - at - marker.size());
}

}  // namespace

TEST_CASE("chromium: jetstudy's HTML report of a trained study loads offline without errors, shows its plots and "
          "escapes the study name") {
  const std::string chromium = chromium_or_skip();
  const TempDirectory directory("chromium");
  const fs::path results = directory / "results";

  const auto trained = run_jetstudy({"run", "tests/e2e/recipes/tiny.yaml", "--set", "study=" + kHostileStudy,
                                     "--results", results.string()});
  INFO("jetstudy run: " << trained.standard_output << trained.standard_error);
  REQUIRE(trained.exit_code == 0);
  const auto reported = run_jetstudy({"report", kHostileStudy, "--format", "html", "--out",
                                      (directory / "report").string(), "--results", results.string()});
  INFO("jetstudy report: " << reported.standard_output << reported.standard_error);
  REQUIRE(reported.exit_code == 0);
  const fs::path page = written_report(reported.standard_output);
  REQUIRE(page.parent_path() == directory / "report");
  REQUIRE(page.extension() == ".html");
  REQUIRE(fs::exists(page));
  std::stringstream html;
  html << std::ifstream(page).rdbuf();
  const std::size_t figure_count = count_of(html.str(), "class=\"jetstudy-plot\"");
  REQUIRE(figure_count >= 2);  // at least the ROC and SIC curves of the two seeds
  fs::copy_file(page, fs::path(JETSTUDY_TEST_ARTEFACTS) / "report_chromium_page.html",
                fs::copy_options::overwrite_existing);

  const BrowserRun run = dump_dom(chromium, page, directory / "profile-dom");
  INFO("chromium log (tail): " << run.log.substr(run.log.size() > 3000 ? run.log.size() - 3000 : 0));
  REQUIRE(run.exit_code == 0);
  CHECK(run.console_errors.empty());
  CHECK(run.page_requests.empty());
  // After load the DOM still holds every plot, the ROC among them, and the study name as text.
  CHECK(count_of(run.dom, "class=\"jetstudy-plot\"") == figure_count);
  CHECK(count_of(run.dom, "</svg>") == figure_count);
  CHECK(run.dom.find("background rejection 1/εB") != std::string::npos);  // the ROC's y axis
  CHECK(run.dom.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(count_of(run.dom, "<script") == 0);  // the hostile study name stayed text
  CHECK(run.dom.find("alert(1)</script>") == std::string::npos);

  // The screenshot, kept for a person to look at.
  const fs::path screenshot = fs::path(JETSTUDY_TEST_ARTEFACTS) / "report_screenshot.png";
  fs::remove(screenshot);
  auto command = closed_network_command(chromium, directory / "profile-shot");
  command.insert(command.end(), {"--v=0", "--hide-scrollbars", "--window-size=1200,3000",
                                 "--screenshot=" + screenshot.string(), "file://" + fs::absolute(page).string()});
  const plot::ProgramResult shot = plot::run_program(command, "", std::chrono::seconds(120));
  REQUIRE(shot.exit_code == 0);
  REQUIRE(fs::exists(screenshot));
  std::ifstream png(screenshot, std::ios::binary);
  std::string header(24, '\0');
  png.read(header.data(), 24);
  CHECK(header.substr(1, 3) == "PNG");
  const auto big_endian = [&](int at) {
    return (static_cast<unsigned char>(header[at]) << 24) | (static_cast<unsigned char>(header[at + 1]) << 16) |
           (static_cast<unsigned char>(header[at + 2]) << 8) | static_cast<unsigned char>(header[at + 3]);
  };
  CHECK(big_endian(16) == 1200);  // IHDR width and height: the window size asked for
  CHECK(big_endian(20) == 3000);
  CHECK(fs::file_size(screenshot) > 50'000);  // plots drawn, not a blank page
}

TEST_CASE("chromium: the checks catch a page with a script error and an image fetched from the network") {
  const std::string chromium = chromium_or_skip();
  const TempDirectory directory("chromium-control");
  const fs::path page = directory / "broken.html";
  std::ofstream(page) << "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>"
                         "<img src=\"http://example.invalid/plot.png\"><script>undefined_function();</script>"
                         "</body></html>\n";
  const BrowserRun run = dump_dom(chromium, page, directory / "profile");
  REQUIRE(run.exit_code == 0);
  REQUIRE(run.console_errors.size() == 1);
  CHECK(run.console_errors[0].find("Uncaught ReferenceError: undefined_function is not defined") != std::string::npos);
  CHECK(run.page_requests == std::vector<std::string>{"http://example.invalid/plot.png"});
}
