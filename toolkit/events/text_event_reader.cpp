#include "toolkit/events/text_event_reader.h"

#include <cmath>
#include <sstream>

#include "toolkit/core/error.h"

namespace jetstudy::events {

TextEventReader::TextEventReader(std::string path) : path_(std::move(path)), input_(path_) {
  if (!input_) throw core::InputError(path_ + ": cannot open the event file");
}

std::optional<Event> TextEventReader::next() {
  Event event;
  event.number = events_read_;
  bool any_line = false;
  std::string line;
  while (std::getline(input_, line)) {
    ++line_number_;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    if (line[first] == '#') {
      if (line.compare(first, 4, "#END") == 0) {
        ++events_read_;
        return event;
      }
      continue;
    }
    any_line = true;
    std::istringstream fields(line);
    Particle particle;
    if (!(fields >> particle.px >> particle.py >> particle.pz >> particle.e)) {
      throw core::InputError(path_ + ":" + std::to_string(line_number_) +
                             ": expected a particle line 'px py pz E' (four numbers in GeV), got '" + line + "'");
    }
    event.particles.push_back(particle);
  }
  if (!any_line) return std::nullopt;
  ++events_read_;
  return event;
}

std::vector<Event> read_text_events(const std::string& path) {
  TextEventReader reader(path);
  std::vector<Event> events;
  while (auto event = reader.next()) events.push_back(std::move(*event));
  return events;
}

}  // namespace jetstudy::events
