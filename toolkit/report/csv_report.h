// The report's tables as CSV (RFC 4180: CRLF line ends, a field with a comma, quote or line break in double quotes,
// quotes doubled), one file per table, numbers at full precision (median, spread and count in their own columns).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "toolkit/report/study_report.h"

namespace jetstudy::report {

// File name ("configurations.csv", ...) -> contents.
std::map<std::string, std::string> csv_report(const StudyReport& report);

// One field, quoted when RFC 4180 needs it.
std::string csv_field(std::string_view text);

}  // namespace jetstudy::report
