// Timestamps as the store writes them: UTC, ISO-8601, second resolution, e.g. "2025-11-22T13:20:05Z".
// Strings of this form sort in time order, so SQL can ORDER BY them.
#pragma once

#include <chrono>
#include <string>

namespace jetstudy::store {

std::string utc_iso8601(std::chrono::system_clock::time_point when);

// utc_iso8601(now).
std::string utc_now();

}  // namespace jetstudy::store
