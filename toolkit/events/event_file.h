// jetstudy's own HDF5 event file ("jetstudy-events", docs/formats.md): variable-length particle lists stored
// as flat per-particle arrays plus per-event offsets, chunked and compressed, written and read in a stream.
//   /particles/{px,py,pz,e}      float64, GeV
//   /particles/{pid,charge}      int32 PDG code, int8 charge in e
//   /particles/from_pileup       uint8 (1: pile-up)
//   /events/offset               uint64, N + 1 entries: event i owns particles [offset[i], offset[i+1])
//   /events/number               uint64, N entries: Event::number
//   attributes on "/": format = "jetstudy-events", format_version = 1
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "toolkit/events/event.h"
#include "toolkit/events/event_source.h"

namespace jetstudy::events {

inline constexpr const char* kEventFileFormat = "jetstudy-events";
inline constexpr long kEventFileFormatVersion = 1;

// Appends events to a new file at `path` (overwritten), buffering about 64k particles per write. Use
// write_event_file() to produce a file atomically; the writer itself writes where it is told.
class EventFileWriter {
 public:
  explicit EventFileWriter(std::filesystem::path path);  // throws core::InputError if it cannot be created
  ~EventFileWriter();
  EventFileWriter(const EventFileWriter&) = delete;
  EventFileWriter& operator=(const EventFileWriter&) = delete;

  void append(const Event& event);
  // Writes what is buffered and closes the file; further appends are a bug.
  void close();
  std::uint64_t events_written() const { return events_; }

 private:
  void flush();
  struct State;
  std::unique_ptr<State> state_;
  std::uint64_t events_ = 0;
  std::uint64_t particles_ = 0;
};

// Produces `target` atomically: `fill` appends to a writer on a temporary file beside it, which is closed and
// renamed onto `target` when `fill` returns. If `fill` throws, `target` is untouched.
void write_event_file(const std::filesystem::path& target, const std::function<void(EventFileWriter&)>& fill);
void write_event_file(const std::filesystem::path& target, const std::vector<Event>& events);

// True if `path` is an HDF5 file whose root attribute `format` is "jetstudy-events" (false for anything else).
bool is_event_file(const std::filesystem::path& path);

// Streams the events of a jetstudy event file, reading about 1024 events per HDF5 read. Opening checks the
// format attribute and version and that the arrays agree in length; a truncated or inconsistent file is an
// InputError naming it.
class EventFileReader : public EventSource {
 public:
  explicit EventFileReader(std::filesystem::path path);
  ~EventFileReader() override;

  std::optional<Event> next() override;
  std::string description() const override;
  std::uint64_t size() const { return events_; }  // events in the file

 private:
  void read_block();
  struct State;
  std::unique_ptr<State> state_;
  std::filesystem::path path_;
  std::uint64_t events_ = 0;
  std::uint64_t next_event_ = 0;
};

}  // namespace jetstudy::events
