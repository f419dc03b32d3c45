// gnuplot (Debian package gnuplot-nox) as the plotting engine of reports: scripts are piped to its stdin,
// data travels inside the script as datablocks, and the SVG comes back on stdout -- no temporary files.
#pragma once

#include <string>
#include <string_view>

namespace jetstudy::report::plot {

// `text` as a gnuplot string literal: single-quoted (no backslash escapes, no `command` or @macro
// substitution inside), ' doubled, line breaks and other control characters turned into spaces, and invalid
// UTF-8 replaced by U+FFFD so the SVG stays well-formed. Pair it with the `noenhanced` terminal so that
// ^ _ @ { } are printed as typed.
std::string gnuplot_quote(std::string_view text);

// A number as gnuplot reads it back exactly (shortest round-trip form). Only for finite values.
std::string gnuplot_number(double value);

// Runs `program` (found on PATH; "gnuplot" by default) with default settings (-d: no ~/.gnuplot) on
// `script` and returns what it wrote on stdout. Throws core::InputError naming the Debian package when
// gnuplot is not installed, and std::runtime_error carrying gnuplot's message when the script fails.
std::string run_gnuplot(const std::string& script, const std::string& program = "gnuplot");

}  // namespace jetstudy::report::plot
