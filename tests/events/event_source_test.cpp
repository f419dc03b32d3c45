#include "toolkit/events/event_source.h"

#include <catch2/catch.hpp>
#include <fstream>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/events/event_file.h"
#include "toolkit/events/pileup_overlay.h"

namespace {

std::size_t count_events(jetstudy::events::EventSource& source) {
  std::size_t n = 0;
  while (source.next()) ++n;
  return n;
}

}  // namespace

TEST_CASE("event source: open_event_file picks the reader from the name and contents") {
  using jetstudy::events::open_event_file;
  auto hepmc = open_event_file(JETSTUDY_SHARED_DATA "/hepmc3/sk_example_HS.hepmc.zst");
  CHECK_THAT(hepmc->description(), Catch::Matchers::StartsWith("HepMC3 (Asciiv3) file"));
  CHECK(count_events(*hepmc) == 25);
  auto hepmc2 = open_event_file(JETSTUDY_SHARED_DATA "/hepmc2/sherpa_wz.hepmc");
  CHECK_THAT(hepmc2->description(), Catch::Matchers::StartsWith("HepMC2 (IO_GenEvent) file"));
  auto text = open_event_file(JETSTUDY_SHARED_DATA "/pythia/Pythia-PtMin1000-LHC-10ev.dat");
  CHECK(count_events(*text) == 10);
  auto toptag = open_event_file("tests/fixtures/events/toptag_table.h5");
  CHECK_THAT(toptag->description(), Catch::Matchers::StartsWith("top-tagging file"));
  CHECK(count_events(*toptag) == 50);

  jetstudy::core::TempDirectory dir("source");
  jetstudy::events::write_event_file(dir / "events.h5", std::vector<jetstudy::events::Event>(3));
  auto own = open_event_file(dir / "events.h5");
  CHECK_THAT(own->description(), Catch::Matchers::StartsWith("jetstudy event file"));
  CHECK(count_events(*own) == 3);
}

TEST_CASE("event source: an unknown extension or a foreign HDF5 file is refused naming the file") {
  using jetstudy::events::open_event_file;
  REQUIRE_THROWS_WITH(open_event_file("events.root"),
                      Catch::Matchers::StartsWith("events.root: unknown kind of event file; expected .hepmc"));
  REQUIRE_THROWS_WITH(open_event_file("tests/fixtures/events/jetimages.h5"),
                      Catch::Matchers::StartsWith("tests/fixtures/events/jetimages.h5: an HDF5 file that is neither"));
}

TEST_CASE("event source: a pile-up overlay source adds flagged particles to every hard event") {
  using namespace jetstudy::events;
  PileupOverlaySource source(open_event_file(JETSTUDY_SHARED_DATA "/hepmc3/sk_hadronic_example_HS.hepmc"),
                             std::make_unique<PileupOverlay>(JETSTUDY_SHARED_DATA "/hepmc3/sk_example_PU.hepmc.zst",
                                                             20.0, 3));
  const auto event = source.next();
  REQUIRE(event);
  std::size_t pileup = 0;
  for (const auto& p : event->particles) pileup += p.from_pileup ? 1 : 0;
  CHECK(event->particles.size() == 619 + pileup);
  CHECK(pileup == source.overlay().particles_added());
  CHECK(source.overlay().interactions_added() > 5);
  CHECK_THAT(source.description(), Catch::Matchers::Contains("+ pile-up: Poisson(mu = 20"));
  CHECK_FALSE(source.next());
}
