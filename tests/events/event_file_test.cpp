#include "toolkit/events/event_file.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/events/hepmc3_reader.h"

namespace {

using jetstudy::events::Event;
using jetstudy::events::EventFileReader;
using jetstudy::events::Particle;

std::vector<Event> made_up_events(int n) {
  std::vector<Event> events;
  for (int i = 0; i < n; ++i) {
    Event event;
    event.number = static_cast<std::uint64_t>(1000 + i);
    for (int k = 0; k < (i * 7) % 23; ++k) {  // 0..22 particles, some events empty
      Particle p;
      p.px = 0.1 * k + i;
      p.py = -0.3 * k;
      p.pz = 1.0 / (k + 1);
      p.e = 100.0 + k + 1e-9 * i;
      p.pid = k % 2 == 0 ? 211 : -2212;
      p.charge = k % 2 == 0 ? 1 : -1;
      p.from_pileup = k % 3 == 0;
      event.particles.push_back(p);
    }
    events.push_back(event);
  }
  return events;
}

bool same(const Particle& a, const Particle& b) {
  return a.px == b.px && a.py == b.py && a.pz == b.pz && a.e == b.e && a.pid == b.pid && a.charge == b.charge &&
         a.from_pileup == b.from_pileup;
}

}  // namespace

TEST_CASE("event file: 5000 events round-trip exactly, across several write buffers and read blocks") {
  jetstudy::core::TempDirectory dir("eventfile");
  const auto events = made_up_events(5000);
  const auto path = dir / "events.h5";
  jetstudy::events::write_event_file(path, events);
  CHECK(jetstudy::events::is_event_file(path));
  EventFileReader reader(path);
  REQUIRE(reader.size() == 5000);
  std::size_t i = 0;
  while (const auto event = reader.next()) {
    REQUIRE(i < events.size());
    CHECK(event->number == events[i].number);
    REQUIRE(event->particles.size() == events[i].particles.size());
    for (std::size_t k = 0; k < event->particles.size(); ++k) CHECK(same(event->particles[k], events[i].particles[k]));
    ++i;
  }
  CHECK(i == 5000);
  CHECK_FALSE(std::filesystem::exists(dir / "events.h5.tmp"));
  CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), {}) == 1);  // no temporary left
}

TEST_CASE("event file: the real Pythia events survive a round trip through the event file") {
  jetstudy::core::TempDirectory dir("eventfile");
  jetstudy::events::HepMC3Reader hepmc(JETSTUDY_SHARED_DATA "/hepmc3/sk_example_HS.hepmc.zst");
  std::vector<Event> events;
  while (auto event = hepmc.next()) events.push_back(std::move(*event));
  const auto path = dir / "pythia.h5";
  jetstudy::events::write_event_file(path, [&](jetstudy::events::EventFileWriter& writer) {
    for (const auto& event : events) writer.append(event);
    CHECK(writer.events_written() == 25);
  });
  EventFileReader reader(path);
  CHECK(reader.description() == "jetstudy event file " + path.string() + " (25 events)");
  std::size_t particles = 0;
  for (const auto& original : events) {
    const auto event = reader.next();
    REQUIRE(event);
    REQUIRE(event->particles.size() == original.particles.size());
    CHECK(same(event->particles.back(), original.particles.back()));
    particles += event->particles.size();
  }
  CHECK(particles == 9380);
  CHECK_FALSE(reader.next());
}

TEST_CASE("event file: a failing writer leaves no file, a truncated file is an input error naming it") {
  jetstudy::core::TempDirectory dir("eventfile");
  const auto path = dir / "events.h5";
  REQUIRE_THROWS_AS(jetstudy::events::write_event_file(path,
                                                        [](jetstudy::events::EventFileWriter& writer) {
                                                          writer.append(made_up_events(3)[2]);
                                                          throw std::runtime_error("generator crashed");
                                                        }),
                    std::runtime_error);
  CHECK(std::filesystem::is_empty(dir.path()));

  jetstudy::events::write_event_file(path, made_up_events(3000));
  const auto size = std::filesystem::file_size(path);
  const auto cut = dir / "cut.h5";
  std::filesystem::copy_file(path, cut);
  std::filesystem::resize_file(cut, size / 2);
  REQUIRE_THROWS_AS(EventFileReader(cut), jetstudy::core::InputError);
  REQUIRE_THROWS_WITH(EventFileReader(cut), Catch::Matchers::StartsWith(cut.string() + ": "));
  CHECK_FALSE(jetstudy::events::is_event_file(cut));
}

TEST_CASE("event file: an HDF5 file of another format is refused with the attribute it lacks") {
  jetstudy::core::TempDirectory dir("eventfile");
  REQUIRE_THROWS_WITH(EventFileReader("tests/fixtures/events/jetimages.h5"),
                      "tests/fixtures/events/jetimages.h5: attribute 'format' is missing");
  const auto text = dir / "not.h5";
  std::ofstream(text) << "hello\n";
  REQUIRE_THROWS_WITH(EventFileReader(text), text.string() + ": not an HDF5 file (or a truncated one)");
}
