// Errors of jetstudy. Two families, because the CLI maps them to different exit codes:
//   InputError (exit 2): the user gave us something wrong -- a recipe, a file, an argument. The message says
//                        where ("file:line:col: ..." or "file: ...") and what would be right.
//   everything else (exit 1): a run failed or jetstudy itself has a bug (JETSTUDY_CHECK).
// Library code never prints or exits; toolkit/cli/main.cpp catches and reports.
#pragma once

#include <stdexcept>
#include <string>

namespace jetstudy::core {

// Something the user supplied is wrong. what() is the complete, printable message.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A number for a message, to six significant digits: 7000, 6997.52, 0.9 (not std::to_string's 7000.000000 nor
// 0.8999999999999999).
std::string rounded(double value);

// A place in a text file; line and column are 1-based (yaml-cpp marks are 0-based: add 1).
struct SourceLocation {
  std::string file;
  int line = 0;    // 0: unknown (e.g. a --set override or a whole-file problem)
  int column = 0;  // 0: unknown

  // "file:line:col", "file:line", or "file" depending on what is known.
  std::string to_string() const;
};

// A recipe problem at a known place: what() reads "file:line:col: message".
class RecipeError : public InputError {
 public:
  RecipeError(SourceLocation where, const std::string& message);
  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

// The user pressed Ctrl-C (or the process got SIGTERM): the current run stops and is marked interrupted.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// A broken invariant inside jetstudy (our bug, not the user's).
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void fail_check(const char* condition, const char* file, int line, const std::string& message);

}  // namespace jetstudy::core

// Checks our own invariants; never use it for user input (throw InputError/RecipeError instead).
#define JETSTUDY_CHECK(condition, message)                                          \
  do {                                                                              \
    if (!(condition)) ::jetstudy::core::fail_check(#condition, __FILE__, __LINE__, (message)); \
  } while (false)
