#include "toolkit/store/run_status.h"

#include <catch2/catch.hpp>

#include "toolkit/core/error.h"

using jetstudy::store::may_finish;
using jetstudy::store::may_start;
using jetstudy::store::parse_run_status;
using jetstudy::store::RunStatus;
using jetstudy::store::to_string;

TEST_CASE("run_status: every status round-trips through the spelling stored in the database") {
  for (RunStatus status : {RunStatus::pending, RunStatus::running, RunStatus::done, RunStatus::failed,
                           RunStatus::interrupted}) {
    CHECK(parse_run_status(to_string(status)) == status);
  }
  CHECK(to_string(RunStatus::interrupted) == "interrupted");
}

TEST_CASE("run_status: an unknown spelling is an internal error that names it") {
  REQUIRE_THROWS_AS(parse_run_status("finished"), jetstudy::core::InternalError);
  REQUIRE_THROWS_WITH(parse_run_status("finished"), Catch::Matchers::Contains("'finished'"));
}

TEST_CASE("run_status: pending, failed and interrupted runs may start, done only when forced, running never") {
  CHECK(may_start(RunStatus::pending, false));
  CHECK(may_start(RunStatus::failed, false));
  CHECK(may_start(RunStatus::interrupted, false));
  CHECK_FALSE(may_start(RunStatus::done, false));
  CHECK(may_start(RunStatus::done, true));
  CHECK_FALSE(may_start(RunStatus::running, false));
  CHECK_FALSE(may_start(RunStatus::running, true));
}

TEST_CASE("run_status: only a running run may finish") {
  CHECK(may_finish(RunStatus::running));
  for (RunStatus status : {RunStatus::pending, RunStatus::done, RunStatus::failed, RunStatus::interrupted}) {
    CHECK_FALSE(may_finish(status));
  }
}
