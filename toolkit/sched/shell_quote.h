// Quoting of values from recipes for the three languages a cluster submission speaks: bash (the batch
// script's commands), sbatch's own `#SBATCH` line parser, and HTCondor submit descriptions. A value reaches a
// generated file only through one of these functions.
#pragma once

#include <string>
#include <string_view>

namespace jetstudy::sched {

// One bash word that expands to exactly `text`: 'text', with each ' written as '\''. Newlines stay literal
// inside the quotes, so nothing in `text` is ever executed or expanded.
std::string shell_quote(std::string_view text);

// The argument of an `#SBATCH --option=...` line as sbatch reads it: "text" with \ " and # escaped by a
// backslash (sbatch ends a directive at an unescaped #). sbatch reads one line per directive, so a newline,
// carriage return or other control character cannot be quoted: throws core::InputError naming `what`
// (e.g. "run.slurm.partition") and the value.
std::string sbatch_quote(std::string_view text, const std::string& what);

// A value in an HTCondor submit description: $ becomes $(DOLLAR) so no macro is expanded. A line break would
// start a new command: throws core::InputError naming `what` and the value.
std::string condor_value(std::string_view text, const std::string& what);

// One argument inside HTCondor's new-style `arguments = "..."`: 'text' with ' doubled and " doubled, $
// protected as in condor_value.
std::string condor_argument(std::string_view text, const std::string& what);

// Throws core::InputError naming `what` when `text` holds a newline or another control character.
void refuse_control_characters(std::string_view text, const std::string& what);

}  // namespace jetstudy::sched
