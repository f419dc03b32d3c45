// A figure of a report: its title and the SVG text to inline in the HTML (or, when its data is missing, no SVG and
// a note saying why it was skipped).
#pragma once

#include <string>

namespace jetstudy::report {

struct Figure {
  std::string title;
  std::string svg;   // inline <svg>...</svg>; empty when skipped
  std::string note;  // what the figure shows, or why it is missing ("no roc curve stored for any run")
};

}  // namespace jetstudy::report
