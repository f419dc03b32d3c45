// A stream of particle-level events, whatever produces them (HepMC files, jetstudy's HDF5 event files, the
// top-tagging benchmark, text files, the built-in generator). Sources read lazily: one event per next().
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "toolkit/events/event.h"

namespace jetstudy::events {

class EventSource {
 public:
  virtual ~EventSource() = default;
  // The next event, or nothing once the source is exhausted. Bad input throws core::InputError.
  virtual std::optional<Event> next() = 0;
  // One line for logs and messages, e.g. "HepMC3 file events.hepmc.zst (zstd)".
  virtual std::string description() const = 0;
};

// Opens an event file, choosing the reader by name and contents:
//   *.hepmc, *.hepmc2, *.hepmc3, *.hepmc*.gz, *.hepmc*.zst  HepMC3 Asciiv3 or HepMC2 IO_GenEvent (from its header)
//   *.h5, *.hdf5   jetstudy's event file (attribute format = "jetstudy-events"), or the top-tagging benchmark
//                  (pandas key "table"; one event per jet, all ttv splits)
//   *.dat, *.txt   FastJet-style text, "px py pz E" per line, "#END" after each event
// Anything else throws core::InputError naming the file and the accepted kinds.
std::unique_ptr<EventSource> open_event_file(const std::filesystem::path& path);

}  // namespace jetstudy::events
