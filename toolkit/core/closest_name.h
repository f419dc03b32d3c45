// "Did you mean ...?" for misspelt names: the candidate with the smallest edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jetstudy::core {

// Edit distance: insertions, deletions, substitutions and swaps of two adjacent letters each cost 1
// (optimal string alignment).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name`, if it is close enough to be a plausible typo
// (distance <= max(1, (|name| + 1) / 3): one edit in a 3-letter name, two in a 6-letter one); ties go to the
// earlier candidate.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "" -- ready to append to a message.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace jetstudy::core
