// "Did you mean ...?" for misspelt names: the candidate with the smallest edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jetstudy::core {

// Levenshtein distance (insertions, deletions, substitutions each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name`, if it is close enough to be a plausible typo
// (distance <= max(2, |name| / 3)); ties go to the earlier candidate.
std::optional<std::string> closest_name(std::string_view name, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "" -- ready to append to a message.
std::string did_you_mean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace jetstudy::core
