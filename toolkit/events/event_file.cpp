#include "toolkit/events/event_file.h"

#include <deque>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"

namespace jetstudy::events {
namespace {

namespace h5 = core::hdf5;

constexpr hsize_t kParticleChunk = 1 << 16;  // particles per HDF5 chunk and per buffered write
constexpr hsize_t kEventChunk = 1 << 14;     // events per HDF5 chunk of /events/*
constexpr std::uint64_t kEventsPerRead = 1024;

// The per-particle columns, in one place for writer and reader.
struct ParticleColumns {
  std::vector<double> px, py, pz, e;
  std::vector<std::int32_t> pid;
  std::vector<std::int8_t> charge;
  std::vector<std::uint8_t> from_pileup;

  void clear() {
    px.clear(), py.clear(), pz.clear(), e.clear(), pid.clear(), charge.clear(), from_pileup.clear();
  }
  std::size_t size() const { return px.size(); }
};

}  // namespace

struct EventFileWriter::State {
  std::filesystem::path path;
  h5::Handle file{-1, H5Fclose};
  h5::Handle px{-1, H5Dclose}, py{-1, H5Dclose}, pz{-1, H5Dclose}, e{-1, H5Dclose};
  h5::Handle pid{-1, H5Dclose}, charge{-1, H5Dclose}, from_pileup{-1, H5Dclose};
  h5::Handle offset{-1, H5Dclose}, number{-1, H5Dclose};
  ParticleColumns buffer;
  std::vector<std::uint64_t> offsets, numbers;
  bool closed = false;
};

EventFileWriter::EventFileWriter(std::filesystem::path path) : state_(std::make_unique<State>()) {
  auto& s = *state_;
  s.path = std::move(path);
  h5::quietly([&] {
    s.file = h5::Handle(H5Fcreate(s.path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), H5Fclose);
    if (!s.file.valid()) h5::fail(s.path, "cannot create the event file (does the directory exist?)");
    h5::write_string_attribute(s.file.get(), "format", kEventFileFormat, s.path);
    h5::write_long_attribute(s.file.get(), "format_version", kEventFileFormatVersion, s.path);
    h5::Handle particles(H5Gcreate2(s.file.get(), "particles", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    h5::Handle events(H5Gcreate2(s.file.get(), "events", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    const hid_t p = particles.get();
    s.px = h5::create_extendible(p, "px", H5T_IEEE_F64LE, kParticleChunk, s.path);
    s.py = h5::create_extendible(p, "py", H5T_IEEE_F64LE, kParticleChunk, s.path);
    s.pz = h5::create_extendible(p, "pz", H5T_IEEE_F64LE, kParticleChunk, s.path);
    s.e = h5::create_extendible(p, "e", H5T_IEEE_F64LE, kParticleChunk, s.path);
    s.pid = h5::create_extendible(p, "pid", H5T_STD_I32LE, kParticleChunk, s.path);
    s.charge = h5::create_extendible(p, "charge", H5T_STD_I8LE, kParticleChunk, s.path);
    s.from_pileup = h5::create_extendible(p, "from_pileup", H5T_STD_U8LE, kParticleChunk, s.path);
    s.offset = h5::create_extendible(events.get(), "offset", H5T_STD_U64LE, kEventChunk, s.path);
    s.number = h5::create_extendible(events.get(), "number", H5T_STD_U64LE, kEventChunk, s.path);
  });
  s.offsets.push_back(0);  // offset has one more entry than there are events
}

EventFileWriter::~EventFileWriter() = default;

void EventFileWriter::append(const Event& event) {
  auto& s = *state_;
  JETSTUDY_CHECK(!s.closed, "append() after close()");
  for (const auto& particle : event.particles) {
    s.buffer.px.push_back(particle.px);
    s.buffer.py.push_back(particle.py);
    s.buffer.pz.push_back(particle.pz);
    s.buffer.e.push_back(particle.e);
    s.buffer.pid.push_back(particle.pid);
    s.buffer.charge.push_back(static_cast<std::int8_t>(particle.charge));
    s.buffer.from_pileup.push_back(particle.from_pileup ? 1 : 0);
  }
  particles_ += event.particles.size();
  ++events_;
  s.offsets.push_back(particles_);
  s.numbers.push_back(event.number);
  if (s.buffer.size() >= kParticleChunk || s.numbers.size() >= kEventChunk) flush();
}

void EventFileWriter::flush() {
  auto& s = *state_;
  h5::quietly([&] {
    const hsize_t n = s.buffer.size();
    h5::append(s.px.get(), H5T_NATIVE_DOUBLE, s.buffer.px.data(), n, s.path);
    h5::append(s.py.get(), H5T_NATIVE_DOUBLE, s.buffer.py.data(), n, s.path);
    h5::append(s.pz.get(), H5T_NATIVE_DOUBLE, s.buffer.pz.data(), n, s.path);
    h5::append(s.e.get(), H5T_NATIVE_DOUBLE, s.buffer.e.data(), n, s.path);
    h5::append(s.pid.get(), H5T_NATIVE_INT32, s.buffer.pid.data(), n, s.path);
    h5::append(s.charge.get(), H5T_NATIVE_INT8, s.buffer.charge.data(), n, s.path);
    h5::append(s.from_pileup.get(), H5T_NATIVE_UINT8, s.buffer.from_pileup.data(), n, s.path);
    h5::append(s.offset.get(), H5T_NATIVE_UINT64, s.offsets.data(), s.offsets.size(), s.path);
    h5::append(s.number.get(), H5T_NATIVE_UINT64, s.numbers.data(), s.numbers.size(), s.path);
  });
  s.buffer.clear();
  s.offsets.clear();
  s.numbers.clear();
}

void EventFileWriter::close() {
  auto& s = *state_;
  if (s.closed) return;
  flush();
  s.closed = true;
  s.px = h5::Handle(-1, H5Dclose), s.py = h5::Handle(-1, H5Dclose), s.pz = h5::Handle(-1, H5Dclose);
  s.e = h5::Handle(-1, H5Dclose), s.pid = h5::Handle(-1, H5Dclose), s.charge = h5::Handle(-1, H5Dclose);
  s.from_pileup = h5::Handle(-1, H5Dclose), s.offset = h5::Handle(-1, H5Dclose), s.number = h5::Handle(-1, H5Dclose);
  if (H5Fflush(s.file.get(), H5F_SCOPE_GLOBAL) < 0) h5::fail(s.path, "cannot flush the event file (disk full?)");
  s.file = h5::Handle(-1, H5Fclose);
}

void write_event_file(const std::filesystem::path& target, const std::function<void(EventFileWriter&)>& fill) {
  core::produce_file_atomically(target, [&](const std::filesystem::path& temporary) {
    EventFileWriter writer(temporary);
    fill(writer);
    writer.close();
  });
}

void write_event_file(const std::filesystem::path& target, const std::vector<Event>& events) {
  write_event_file(target, [&](EventFileWriter& writer) {
    for (const auto& event : events) writer.append(event);
  });
}

bool is_event_file(const std::filesystem::path& path) {
  return h5::quietly([&] {
    if (H5Fis_hdf5(path.c_str()) <= 0) return false;
    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!file.valid() || H5Aexists(file.get(), "format") <= 0) return false;
    try {
      return h5::read_string_attribute(file.get(), "format", path) == kEventFileFormat;
    } catch (const core::InputError&) {
      return false;
    }
  });
}

struct EventFileReader::State {
  h5::Handle file{-1, H5Fclose};
  h5::Handle px{-1, H5Dclose}, py{-1, H5Dclose}, pz{-1, H5Dclose}, e{-1, H5Dclose};
  h5::Handle pid{-1, H5Dclose}, charge{-1, H5Dclose}, from_pileup{-1, H5Dclose};
  h5::Handle offset{-1, H5Dclose}, number{-1, H5Dclose};
  std::uint64_t particles = 0;
  std::deque<Event> ready;  // events of the last block read, not yet returned
};

EventFileReader::EventFileReader(std::filesystem::path path) : state_(std::make_unique<State>()), path_(std::move(path)) {
  auto& s = *state_;
  h5::quietly([&] {
    s.file = h5::open_file_read_only(path_);
    const std::string format = h5::read_string_attribute(s.file.get(), "format", path_);
    if (format != kEventFileFormat) {
      h5::fail(path_, "attribute 'format' is '" + format + "', expected '" + kEventFileFormat + "'");
    }
    const long version = h5::read_long_attribute(s.file.get(), "format_version", path_);
    if (version != kEventFileFormatVersion) {
      h5::fail(path_, "format_version " + std::to_string(version) + " is not supported (this jetstudy reads " +
                          std::to_string(kEventFileFormatVersion) + ")");
    }
    const hid_t root = s.file.get();
    s.offset = h5::open_dataset(root, "events/offset", path_, "/events/offset");
    s.number = h5::open_dataset(root, "events/number", path_, "/events/number");
    s.px = h5::open_dataset(root, "particles/px", path_, "/particles/px");
    s.py = h5::open_dataset(root, "particles/py", path_, "/particles/py");
    s.pz = h5::open_dataset(root, "particles/pz", path_, "/particles/pz");
    s.e = h5::open_dataset(root, "particles/e", path_, "/particles/e");
    s.pid = h5::open_dataset(root, "particles/pid", path_, "/particles/pid");
    s.charge = h5::open_dataset(root, "particles/charge", path_, "/particles/charge");
    s.from_pileup = h5::open_dataset(root, "particles/from_pileup", path_, "/particles/from_pileup");

    const auto offsets = h5::dataset_dims(s.offset.get());
    const auto numbers = h5::dataset_dims(s.number.get());
    if (offsets.size() != 1 || offsets[0] < 1 || numbers.size() != 1 || numbers[0] + 1 != offsets[0]) {
      h5::fail(path_, "/events/offset must have one more entry than /events/number (incomplete file?)");
    }
    events_ = numbers[0];
    std::uint64_t last_offset = 0;
    h5::read_rows(s.offset.get(), H5T_NATIVE_UINT64, offsets[0] - 1, 1, &last_offset, path_, "/events/offset");
    s.particles = last_offset;
    for (const auto* column : {&s.px, &s.py, &s.pz, &s.e, &s.pid, &s.charge, &s.from_pileup}) {
      const auto dims = h5::dataset_dims(column->get());
      if (dims.size() != 1 || dims[0] != s.particles) {
        h5::fail(path_, "the /particles arrays must all hold " + std::to_string(s.particles) +
                            " particles, as /events/offset says (incomplete file?)");
      }
    }
  });
}

EventFileReader::~EventFileReader() = default;

std::string EventFileReader::description() const {
  return "jetstudy event file " + path_.string() + " (" + std::to_string(events_) + " events)";
}

void EventFileReader::read_block() {
  auto& s = *state_;
  const std::uint64_t count = std::min(kEventsPerRead, events_ - next_event_);
  std::vector<std::uint64_t> offsets(count + 1), numbers(count);
  ParticleColumns columns;
  h5::quietly([&] {
    h5::read_rows(s.offset.get(), H5T_NATIVE_UINT64, next_event_, count + 1, offsets.data(), path_, "/events/offset");
    h5::read_rows(s.number.get(), H5T_NATIVE_UINT64, next_event_, count, numbers.data(), path_, "/events/number");
    for (std::uint64_t i = 0; i < count; ++i) {
      if (offsets[i + 1] < offsets[i] || offsets[i + 1] > s.particles) {
        h5::fail(path_, "/events/offset is not increasing within the particle arrays at event " +
                            std::to_string(next_event_ + i) + " (corrupt file)");
      }
    }
    const hsize_t first = offsets.front();
    const hsize_t n = offsets.back() - first;
    columns.px.resize(n), columns.py.resize(n), columns.pz.resize(n), columns.e.resize(n);
    columns.pid.resize(n), columns.charge.resize(n), columns.from_pileup.resize(n);
    h5::read_rows(s.px.get(), H5T_NATIVE_DOUBLE, first, n, columns.px.data(), path_, "/particles/px");
    h5::read_rows(s.py.get(), H5T_NATIVE_DOUBLE, first, n, columns.py.data(), path_, "/particles/py");
    h5::read_rows(s.pz.get(), H5T_NATIVE_DOUBLE, first, n, columns.pz.data(), path_, "/particles/pz");
    h5::read_rows(s.e.get(), H5T_NATIVE_DOUBLE, first, n, columns.e.data(), path_, "/particles/e");
    h5::read_rows(s.pid.get(), H5T_NATIVE_INT32, first, n, columns.pid.data(), path_, "/particles/pid");
    h5::read_rows(s.charge.get(), H5T_NATIVE_INT8, first, n, columns.charge.data(), path_, "/particles/charge");
    h5::read_rows(s.from_pileup.get(), H5T_NATIVE_UINT8, first, n, columns.from_pileup.data(), path_,
                  "/particles/from_pileup");
  });
  for (std::uint64_t i = 0; i < count; ++i) {
    Event event;
    event.number = numbers[i];
    event.particles.reserve(offsets[i + 1] - offsets[i]);
    for (std::uint64_t k = offsets[i] - offsets.front(); k < offsets[i + 1] - offsets.front(); ++k) {
      Particle particle;
      particle.px = columns.px[k];
      particle.py = columns.py[k];
      particle.pz = columns.pz[k];
      particle.e = columns.e[k];
      particle.pid = columns.pid[k];
      particle.charge = columns.charge[k];
      particle.from_pileup = columns.from_pileup[k] != 0;
      event.particles.push_back(particle);
    }
    s.ready.push_back(std::move(event));
  }
  next_event_ += count;
}

std::optional<Event> EventFileReader::next() {
  auto& s = *state_;
  if (s.ready.empty() && next_event_ < events_) read_block();
  if (s.ready.empty()) return std::nullopt;
  Event event = std::move(s.ready.front());
  s.ready.pop_front();
  return event;
}

}  // namespace jetstudy::events
