#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/events/text_event_reader.h"

using jetstudy::events::read_text_events;
using jetstudy::events::TextEventReader;

namespace {
const std::string kPythia = JETSTUDY_SHARED_DATA "/pythia/Pythia-PtMin1000-LHC-10ev.dat";
}

TEST_CASE("text_event_reader: FastJet's Pythia example file holds ten events, read particle by particle") {
  const auto events = read_text_events(kPythia);
  REQUIRE(events.size() == 10);
  CHECK(events[0].number == 0);
  CHECK(events[9].number == 9);
  // The first particle of the first event, as written in the file.
  const auto& first = events[0].particles.front();
  CHECK(first.px == Approx(-0.8807412236));
  CHECK(first.py == Approx(-1.2331262152));
  CHECK(first.pz == Approx(-157.4313156510));
  CHECK(first.e == Approx(157.4393822839));
  CHECK(first.pid == 0);
  for (const auto& event : events) CHECK(event.particles.size() > 100);
}

TEST_CASE("text_event_reader: a malformed line names the file and line") {
  const jetstudy::core::TempDirectory directory("text-event-reader");
  const auto path = directory / "bad.dat";
  {
    std::ofstream out(path);
    out << "# a comment\n1 2 3 4\n#END\n1 2 three 4\n#END\n";
  }
  TextEventReader reader(path.string());
  const auto first = reader.next();
  REQUIRE(first);
  CHECK(first->particles.size() == 1);
  REQUIRE_THROWS_WITH(reader.next(), Catch::Matchers::StartsWith(path.string() + ":4: expected a particle line"));
}

TEST_CASE("text_event_reader: a missing file is an input error naming the path") {
  REQUIRE_THROWS_AS(TextEventReader("/nonexistent/events.dat"), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(TextEventReader("/nonexistent/events.dat"),
                      Catch::Matchers::Contains("/nonexistent/events.dat: cannot open"));
}
