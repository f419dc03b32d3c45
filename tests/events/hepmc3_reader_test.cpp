#include "toolkit/events/hepmc3_reader.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <string>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/events/compressed_input.h"

namespace {

using jetstudy::events::Event;
using jetstudy::events::HepMC3Reader;
using jetstudy::events::HepMCFormat;

struct Totals {
  double px = 0, py = 0, pz = 0, e = 0;
  int charge = 0;
};

Totals totals(const Event& event) {
  Totals sum;
  for (const auto& p : event.particles) {
    sum.px += p.px;
    sum.py += p.py;
    sum.pz += p.pz;
    sum.e += p.e;
    sum.charge += p.charge;
  }
  return sum;
}

// The decompressed lines of a file, for making damaged copies.
std::vector<std::string> lines_of(const std::filesystem::path& path) {
  jetstudy::events::CompressedInput input(path);
  std::vector<std::string> lines;
  std::string line;
  while (std::getline(input, line)) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("hepmc3 reader: the real Pythia event keeps its 619 final-state particles, summing to the beams") {
  HepMC3Reader reader(JETSTUDY_SHARED_DATA "/hepmc3/sk_hadronic_example_HS.hepmc");
  CHECK(reader.format() == HepMCFormat::kAsciiV3);
  const auto event = reader.next();
  REQUIRE(event);
  CHECK(event->number == 0);
  CHECK(event->particles.size() == 619);  // awk '$1=="P" && $10==1' on the file
  const Totals sum = totals(*event);
  CHECK(sum.px == Approx(0).margin(1e-3));
  CHECK(sum.py == Approx(0).margin(1e-3));
  CHECK(sum.pz == Approx(0).margin(1e-3));
  CHECK(sum.e == Approx(14000).epsilon(1e-9));  // two 7 TeV protons
  CHECK(sum.charge == 2);                         // charge of the two protons, from the PDG codes
  CHECK_FALSE(reader.next());
  CHECK(reader.events_read() == 1);
  CHECK(reader.empty_events_skipped() == 0);
}

TEST_CASE("hepmc3 reader: the zstd hard-scatter file streams 25 events of 14 TeV each") {
  HepMC3Reader reader(JETSTUDY_SHARED_DATA "/hepmc3/sk_example_HS.hepmc.zst");
  CHECK_THAT(reader.description(), Catch::Matchers::EndsWith("sk_example_HS.hepmc.zst (zstd)"));
  std::size_t particles = 0;
  std::uint64_t expected_number = 0;
  while (const auto event = reader.next()) {
    CHECK(event->number == expected_number++);
    CHECK(totals(*event).e == Approx(14000).epsilon(1e-8));
    particles += event->particles.size();
  }
  CHECK(reader.events_read() == 25);
  CHECK(particles == 9380);
}

TEST_CASE("hepmc3 reader: the zstd minimum-bias file streams 100 events with 20273 final-state particles") {
  HepMC3Reader reader(JETSTUDY_SHARED_DATA "/hepmc3/sk_example_PU.hepmc.zst");
  std::size_t particles = 0;
  while (const auto event = reader.next()) particles += event->particles.size();
  CHECK(reader.events_read() == 100);
  CHECK(particles == 20273);
}

TEST_CASE("hepmc3 reader: the HepMC2 Sherpa event is read through ReaderAsciiHepMC2") {
  HepMC3Reader reader(JETSTUDY_SHARED_DATA "/hepmc2/sherpa_wz.hepmc");
  CHECK(reader.format() == HepMCFormat::kHepMC2);
  const auto event = reader.next();
  REQUIRE(event);
  CHECK(event->particles.size() == 256);  // awk '$1=="P" && $9==1' on the file
  const Totals sum = totals(*event);
  CHECK(sum.e == Approx(13000).epsilon(1e-8));
  CHECK(sum.pz == Approx(0).margin(1e-3));
  CHECK(sum.charge == 2);
  CHECK_FALSE(reader.next());
}

TEST_CASE("hepmc3 reader: MeV events are converted to GeV and events without final state are skipped and counted") {
  HepMC3Reader reader("tests/fixtures/events/tiny_events.hepmc");
  const auto first = reader.next();
  REQUIRE(first);
  CHECK(first->number == 7);
  REQUIRE(first->particles.size() == 2);
  CHECK(first->particles[0].pid == 211);
  CHECK(first->particles[0].charge == 1);
  CHECK(first->particles[1].charge == 0);
  const auto third = reader.next();  // event 8 has only a status-2 Z: skipped
  REQUIRE(third);
  CHECK(third->number == 9);
  REQUIRE(third->particles.size() == 1);
  CHECK(third->particles[0].px == Approx(3.0));  // 3000 MeV
  CHECK(third->particles[0].e == Approx(5.0));
  CHECK(third->particles[0].charge == 1);  // e+
  CHECK_FALSE(reader.next());
  CHECK(reader.events_read() == 2);
  CHECK(reader.empty_events_skipped() == 1);
}

TEST_CASE("hepmc3 reader: a file cut in the middle of an event names the file, the line and the event") {
  jetstudy::core::TempDirectory dir("hepmc");
  const auto lines = lines_of(JETSTUDY_SHARED_DATA "/hepmc3/sk_example_HS.hepmc.zst");
  // Event 2 starts at line 6083; cut after line 6500, in the middle of that line's text.
  const auto path = dir / "cut.hepmc";
  {
    std::ofstream out(path);
    for (std::size_t i = 0; i < 6499; ++i) out << lines[i] << '\n';
    out << lines[6499].substr(0, 12);
  }
  HepMC3Reader reader(path);
  CHECK(reader.next()->number == 0);
  CHECK(reader.next()->number == 1);
  REQUIRE_THROWS_WITH(reader.next(), Catch::Matchers::StartsWith(path.string() + ":6500: event 2: ") &&
                                         Catch::Matchers::Contains("truncated"));

  const auto at_line_end = dir / "cut_at_line_end.hepmc";
  {
    std::ofstream out(at_line_end);
    for (std::size_t i = 0; i < 6500; ++i) out << lines[i] << '\n';
  }
  HepMC3Reader second(at_line_end);
  second.next();
  second.next();
  REQUIRE_THROWS_WITH(second.next(), Catch::Matchers::StartsWith(at_line_end.string() + ":6500: event 2: ") &&
                                         Catch::Matchers::Contains("the file ends after") &&
                                         Catch::Matchers::Contains("of 1037 particles"));
}

TEST_CASE("hepmc3 reader: a NaN momentum is an input error naming file, line and event") {
  HepMC3Reader reader("tests/fixtures/events/nan_momentum.hepmc");
  CHECK(reader.next()->particles.size() == 1);
  REQUIRE_THROWS_AS(reader.next(), jetstudy::core::InputError);
  HepMC3Reader again("tests/fixtures/events/nan_momentum.hepmc");
  again.next();
  REQUIRE_THROWS_WITH(again.next(), "tests/fixtures/events/nan_momentum.hepmc:14: event 1: particle momentum is not "
                                    "finite ('nan'); every px, py, pz, E must be a finite number");
}

TEST_CASE("hepmc3 reader: a file that is not HepMC is refused at its first line") {
  REQUIRE_THROWS_WITH(HepMC3Reader(JETSTUDY_SHARED_DATA "/pythia/Pythia-PtMin1000-LHC-10ev.dat"),
                      Catch::Matchers::Contains("Pythia-PtMin1000-LHC-10ev.dat:1: not a HepMC ASCII file"));
}
