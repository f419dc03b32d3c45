#include "toolkit/store/utc_time.h"

#include <catch2/catch.hpp>

using jetstudy::store::utc_iso8601;

TEST_CASE("utc_time: one day, one hour, one minute and one second after the epoch") {
  const auto when = std::chrono::system_clock::time_point(std::chrono::seconds(86400 + 3600 + 60 + 1));
  CHECK(utc_iso8601(when) == "1970-01-02T01:01:01Z");
}

TEST_CASE("utc_time: sub-second parts are dropped, so strings sort like times") {
  const auto when = std::chrono::system_clock::time_point(std::chrono::milliseconds(1'700'000'000'999));
  CHECK(utc_iso8601(when) == "2023-11-14T22:13:20Z");
  CHECK(jetstudy::store::utc_now().size() == 20);
}
