// Object-level events as JSON lines: one event per line,
//   {"process":"ttbar","truth":"ttbar","objects":[{"type":"muon","pt":..,"eta":..,"phi":..,"mass":..,
//    "charge":-1},{"type":"jet",...,"btag":true}],"met":{"pt":..,"phi":..}}
// (the CMS Open Data study read JSON its C++ framework wrote). "truth", "mass", "charge" and "btag" are
// optional on reading (defaults: the process, 0, 0, false); blank lines are skipped. docs/generator.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "toolkit/events/generator/object_events.h"

namespace jetstudy::events::generator {

// One event as one line of JSON (no newline); doubles keep full precision, so reading gives it back exactly.
std::string object_event_to_json_line(const ObjectEvent& event);

// Parses one line; a malformed line throws core::InputError "FILE:LINE: what is wrong".
ObjectEvent parse_object_event_line(const std::string& line, const std::string& file, std::size_t line_number);

// Streams events from a JSON-lines file; event numbers count the non-blank lines from 0.
class ObjectEventJsonlReader {
 public:
  explicit ObjectEventJsonlReader(const std::filesystem::path& path);  // throws InputError if unreadable
  bool next(ObjectEvent& event);  // false at the end of the file

 private:
  std::string file_;
  std::ifstream in_;
  std::size_t line_number_ = 0;
  std::uint64_t events_ = 0;
};

std::vector<ObjectEvent> read_object_events_jsonl(const std::filesystem::path& path);

// Writes the events atomically (complete file or none).
void write_object_events_jsonl(const std::filesystem::path& path, const std::vector<ObjectEvent>& events);

// Generates `events` events and streams them to `path` atomically (what `jetstudy generate` in object mode
// needs; memory stays flat for large samples).
void generate_object_events_jsonl(const std::filesystem::path& path, const ObjectEventOptions& options,
                                  std::uint64_t events);

}  // namespace jetstudy::events::generator
