#include "toolkit/events/hepmc3_writer.h"

#include <HepMC3/GenEvent.h>
#include <HepMC3/GenParticle.h>
#include <HepMC3/ReaderAscii.h>
#include <HepMC3/Attribute.h>

#include <catch2/catch.hpp>

#include "toolkit/core/temp_directory.h"
#include "toolkit/events/hepmc3_reader.h"

using namespace jetstudy;

TEST_CASE("hepmc3_writer: HepMC3's own reader gets back every particle, its momentum, pid and pile-up flag") {
  const core::TempDirectory directory("hepmc3-writer");
  const auto path = directory / "events.hepmc";
  events::Event first{{{1, 2, 3, 4, 211, 1, false}, {-1, 0.5, 2, 3, 22, 0, true}}, 7};
  events::Event second{{{10, 0, 0, 10, 13, -1, false}}, 8};
  {
    events::HepMC3Writer writer(path);
    writer.write(first);
    writer.write(second);
    CHECK_FALSE(std::filesystem::exists(path));  // complete or absent
    writer.close();
  }
  REQUIRE(std::filesystem::exists(path));

  HepMC3::ReaderAscii reader(path.string());
  HepMC3::GenEvent event;
  REQUIRE(reader.read_event(event));
  CHECK(event.event_number() == 7);
  REQUIRE(event.particles().size() == 2);
  const auto photon = event.particles()[1];
  CHECK(photon->pid() == 22);
  CHECK(photon->status() == 1);
  CHECK(photon->momentum().px() == -1);
  CHECK(photon->momentum().e() == 3);
  const auto flag = photon->attribute<HepMC3::IntAttribute>("jetstudy_pileup");
  REQUIRE(flag);
  CHECK(flag->value() == 1);
  CHECK_FALSE(event.particles()[0]->attribute<HepMC3::IntAttribute>("jetstudy_pileup"));
  REQUIRE(reader.read_event(event));
  CHECK(event.event_number() == 8);
  CHECK(event.particles().at(0)->pid() == 13);
}

TEST_CASE("hepmc3_writer: a writer destroyed before close leaves no file") {
  const core::TempDirectory directory("hepmc3-writer-abandoned");
  {
    events::HepMC3Writer writer(directory / "events.hepmc");
    writer.write(events::Event{{{1, 2, 3, 4, 211, 1, false}}, 1});
  }
  CHECK(std::distance(std::filesystem::directory_iterator(directory.path()), std::filesystem::directory_iterator{}) == 0);
}

TEST_CASE("hepmc3_writer: jetstudy's own reader gets the pile-up flag and the charge back") {
  const core::TempDirectory directory("hepmc3-writer-reader");
  const auto path = directory / "events.hepmc";
  events::HepMC3Writer writer(path);
  writer.write(events::Event{{{1, 2, 3, 4, 211, 1, false}, {-1, 0.5, 2, 3, -321, -1, true}}, 3});
  writer.close();
  events::HepMC3Reader reader(path);
  const auto event = reader.next();
  REQUIRE(event);
  REQUIRE(event->particles.size() == 2);
  CHECK_FALSE(event->particles[0].from_pileup);
  CHECK(event->particles[1].from_pileup);
  CHECK(event->particles[1].charge == -1);
  CHECK(event->number == 3);
}
