#include "toolkit/store/utc_time.h"

#include <ctime>

#include "toolkit/core/error.h"

namespace jetstudy::store {

std::string utc_iso8601(std::chrono::system_clock::time_point when) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(when);
  std::tm parts{};
  JETSTUDY_CHECK(gmtime_r(&seconds, &parts) != nullptr, "time out of range for gmtime_r");
  char text[32];
  const std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  JETSTUDY_CHECK(length > 0, "strftime produced nothing");
  return std::string(text, length);
}

std::string utc_now() { return utc_iso8601(std::chrono::system_clock::now()); }

}  // namespace jetstudy::store
