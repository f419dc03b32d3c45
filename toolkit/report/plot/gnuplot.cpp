// See gnuplot.h.
#include "toolkit/report/plot/gnuplot.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "toolkit/core/error.h"
#include "toolkit/report/plot/subprocess.h"

namespace jetstudy::report::plot {
namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not one.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned int minimum = 0, code = 0;
  if (lead >= 0xC2 && lead <= 0xDF) { length = 2; code = lead & 0x1F; minimum = 0x80; }
  else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; code = lead & 0x0F; minimum = 0x800; }
  else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; code = lead & 0x07; minimum = 0x10000; }
  else return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::string gnuplot_quote(std::string_view text) {
  std::string quoted = "'";
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\'') {
      quoted += "''";
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      quoted += ' ';
      ++i;
    } else if (c < 0x80) {
      quoted += static_cast<char>(c);
      ++i;
    } else if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
      quoted.append(text.substr(i, length));
      i += length;
    } else {
      quoted += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
      ++i;
    }
  }
  quoted += '\'';
  return quoted;
}

std::string gnuplot_number(double value) {
  JETSTUDY_CHECK(std::isfinite(value), "gnuplot_number takes finite values only");
  return fmt::format("{}", value);
}

std::string run_gnuplot(const std::string& script, const std::string& program) {
  ProgramResult result;
  try {
    result = run_program({program, "-d"}, script);
  } catch (const ProgramNotFound& error) {
    throw core::InputError(std::string(error.what()) +
                           "; reports draw their plots with gnuplot: install the Debian package gnuplot-nox "
                           "(apt-get install gnuplot-nox)");
  }
  if (result.timed_out) throw std::runtime_error("gnuplot did not finish drawing a plot within the time limit");
  if (result.exit_code != 0) {
    throw std::runtime_error(fmt::format("gnuplot failed (exit status {}): {}", result.exit_code,
                                         result.standard_error));
  }
  return result.standard_output;
}

}  // namespace jetstudy::report::plot
