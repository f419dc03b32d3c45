// Reader for FastJet's plain-text event files (e.g. FastJet's example Pythia-PtMin1000-LHC-10ev.dat): one
// particle per line "px py pz E" in GeV, an event ended by a line "#END", other lines starting with '#'
// are comments. Particles carry no PDG code or charge (pid = charge = 0).
#pragma once

#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/events/event.h"

namespace jetstudy::events {

class TextEventReader {
 public:
  explicit TextEventReader(std::string path);  // throws core::InputError if the file cannot be opened

  // The next event, or nothing at the end of the file. A trailing event without "#END" is returned too.
  // A malformed line throws core::InputError "path:line: ...".
  std::optional<Event> next();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::ifstream input_;
  int line_number_ = 0;
  std::uint64_t events_read_ = 0;
};

// All events of a file.
std::vector<Event> read_text_events(const std::string& path);

}  // namespace jetstudy::events
