#include "toolkit/events/hepmc3_writer.h"

#include <HepMC3/GenEvent.h>
#include <HepMC3/GenParticle.h>
#include <HepMC3/WriterAscii.h>
#include <HepMC3/Attribute.h>
#include <unistd.h>

#include "toolkit/core/error.h"

namespace jetstudy::events {

struct HepMC3Writer::State {
  std::filesystem::path final_path;
  std::filesystem::path temporary_path;
  std::unique_ptr<HepMC3::WriterAscii> writer;
  bool closed = false;
};

HepMC3Writer::HepMC3Writer(std::filesystem::path path) : state_(std::make_unique<State>()) {
  state_->final_path = std::move(path);
  if (state_->final_path.has_parent_path()) std::filesystem::create_directories(state_->final_path.parent_path());
  state_->temporary_path = state_->final_path;
  state_->temporary_path += ".tmp-" + std::to_string(::getpid());
  state_->writer = std::make_unique<HepMC3::WriterAscii>(state_->temporary_path.string());
  if (state_->writer->failed()) throw core::InputError(state_->final_path.string() + ": cannot create HepMC3 file");
}

HepMC3Writer::~HepMC3Writer() {
  if (state_->closed) return;
  state_->writer.reset();
  std::error_code ignored;
  std::filesystem::remove(state_->temporary_path, ignored);
}

void HepMC3Writer::write(const Event& event) {
  HepMC3::GenEvent generated(HepMC3::Units::GEV, HepMC3::Units::MM);
  generated.set_event_number(static_cast<int>(event.number));
  for (const auto& particle : event.particles) {
    auto written = std::make_shared<HepMC3::GenParticle>(
        HepMC3::FourVector(particle.px, particle.py, particle.pz, particle.e), particle.pid, 1);
    generated.add_particle(written);  // no vertex: HepMC3 3.1 cannot read back an empty origin vertex
    if (particle.from_pileup) written->add_attribute("jetstudy_pileup", std::make_shared<HepMC3::IntAttribute>(1));
  }
  state_->writer->write_event(generated);
  if (state_->writer->failed()) throw core::InputError(state_->final_path.string() + ": write failed (disk full?)");
}

void HepMC3Writer::close() {
  state_->writer->close();
  state_->writer.reset();
  std::filesystem::rename(state_->temporary_path, state_->final_path);
  state_->closed = true;
}

}  // namespace jetstudy::events
