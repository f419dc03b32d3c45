#include "toolkit/events/hepmc3_reader.h"

#include <HepMC3/Attribute.h>
#include <HepMC3/GenEvent.h>
#include <HepMC3/GenParticle.h>
#include <HepMC3/ReaderAscii.h>
#include <HepMC3/ReaderAsciiHepMC2.h>
#include <HepMC3/Setup.h>
#include <HepMC3/Units.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <string_view>
#include <vector>

#include "toolkit/core/error.h"
#include "toolkit/events/pdg_charge.h"

namespace jetstudy::events {
namespace {

constexpr std::string_view kVersionPrefix = "HepMC::Version";
constexpr std::string_view kAsciiV3Start = "HepMC::Asciiv3-START_EVENT_LISTING";
constexpr std::string_view kHepMC2Start = "HepMC::IO_GenEvent-START_EVENT_LISTING";

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

// Whitespace-separated fields of one line.
std::vector<std::string_view> fields_of(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

std::optional<long> to_long(std::string_view field) {
  long value = 0;
  const auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  if (error != std::errc() || end != field.data() + field.size()) return std::nullopt;
  return value;
}

// Parses a number the way HepMC writes it; "nan" and "inf" parse (and are then refused by the caller).
std::optional<double> to_double(std::string_view field) {
  const std::string text(field);
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

// One event's lines as they were read, with what its header promised and what followed.
struct HepMC3Reader::Frame {
  std::string text;             // the event's lines, newline-terminated
  std::string number_text;      // event number as written
  std::uint64_t number = 0;
  long first_line = 0;          // the "E" line
  long last_line = 0;
  long particles_declared = 0;  // HepMC3: from the E line; HepMC2: sum over V lines of (orphans in + out)
  long particles_seen = 0;
  long vertices_declared = 0;   // HepMC2 only (HepMC3 does not write implicit vertices)
  long vertices_seen = 0;
  bool ended_by_file_end = false;
};

HepMC3Reader::HepMC3Reader(std::filesystem::path path) : path_(std::move(path)) {
  // HepMC3 reports problems on std::cerr; jetstudy's library never prints: we report them ourselves.
  HepMC3::Setup::set_print_errors(false);
  HepMC3::Setup::set_print_warnings(false);
  input_ = std::make_unique<CompressedInput>(path_);
  read_header();
}

HepMC3Reader::~HepMC3Reader() = default;

std::string HepMC3Reader::description() const {
  std::string text = std::string(format_ == HepMCFormat::kAsciiV3 ? "HepMC3 (Asciiv3)" : "HepMC2 (IO_GenEvent)") +
                     " file " + path_.string();
  if (input_->compression() != Compression::kNone) text += std::string(" (") + compression_name(input_->compression()) + ")";
  return text;
}

bool HepMC3Reader::read_line(std::string& line) {
  if (!std::getline(*input_, line)) return false;
  ++line_number_;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

void HepMC3Reader::read_header() {
  std::string line;
  bool version_seen = false;
  bool listing_seen = false;
  while (read_line(line)) {
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    if (!version_seen && !listing_seen) {
      if (!starts_with(line, kVersionPrefix) && !starts_with(line, kAsciiV3Start) && !starts_with(line, kHepMC2Start)) {
        throw core::InputError(path_.string() + ":" + std::to_string(line_number_) +
                               ": not a HepMC ASCII file: expected 'HepMC::Version ...' followed by '" +
                               std::string(kAsciiV3Start) + "' or '" + std::string(kHepMC2Start) + "', found '" +
                               line.substr(0, 60) + "'");
      }
    }
    if (starts_with(line, kVersionPrefix)) {
      version_seen = true;
      preamble_ += line + '\n';
      continue;
    }
    if (starts_with(line, kAsciiV3Start) || starts_with(line, kHepMC2Start)) {
      format_ = starts_with(line, kAsciiV3Start) ? HepMCFormat::kAsciiV3 : HepMCFormat::kHepMC2;
      listing_seen = true;
      preamble_ += line + '\n';
      continue;
    }
    if (!listing_seen) {
      throw core::InputError(path_.string() + ":" + std::to_string(line_number_) +
                             ": expected '" + std::string(kAsciiV3Start) + "' or '" + std::string(kHepMC2Start) +
                             "' after the version line (HepMC ASCII formats only), found '" + line.substr(0, 60) +
                             "'");
    }
    if (line[0] == 'E') {
      pending_line_ = line;
      pending_line_number_ = line_number_;
      return;
    }
    preamble_ += line + '\n';  // run information: weight names, tools, run attributes
  }
  if (!listing_seen) throw core::InputError(path_.string() + ": empty file (no HepMC header)");
  // A header without events: an empty listing, next() returns nothing.
}

HepMC3Reader::Frame HepMC3Reader::read_frame() {
  Frame frame;
  frame.first_line = pending_line_number_;
  frame.last_line = pending_line_number_;
  const std::string where_prefix = path_.string() + ":";
  const auto fail_at = [&](long line, const std::string& what) -> void {
    throw core::InputError(where_prefix + std::to_string(line) + ": event " + frame.number_text + ": " + what);
  };

  // The event header.
  const auto header = fields_of(pending_line_);
  frame.number_text = header.size() > 1 ? std::string(header[1]) : "?";
  const std::size_t header_fields = format_ == HepMCFormat::kAsciiV3 ? 4 : 12;
  if (header.size() < header_fields) {
    fail_at(frame.first_line, "the event line has " + std::to_string(header.size()) + " fields, expected at least " +
                                  std::to_string(header_fields) + " (malformed or truncated file)");
  }
  const auto number = to_long(header[1]);
  if (!number || *number < 0) fail_at(frame.first_line, "the event number '" + frame.number_text + "' is not a number");
  frame.number = static_cast<std::uint64_t>(*number);
  if (format_ == HepMCFormat::kAsciiV3) {
    const auto particles = to_long(header[3]);
    if (!particles || *particles < 0) fail_at(frame.first_line, "the particle count in the event line is not a number");
    frame.particles_declared = *particles;
  } else {
    const auto vertices = to_long(header[8]);
    if (!vertices || *vertices < 0) fail_at(frame.first_line, "the vertex count in the event line is not a number");
    frame.vertices_declared = *vertices;
  }
  frame.text = pending_line_ + '\n';
  pending_line_.clear();
  pending_line_number_ = 0;

  // Momentum fields of a particle line: HepMC3 "P id mother pid px py pz e m status",
  // HepMC2 "P barcode pid px py pz e m status theta phi end_vertex flow_count [flows]".
  const std::size_t px_field = format_ == HepMCFormat::kAsciiV3 ? 4 : 3;
  const std::size_t particle_fields = format_ == HepMCFormat::kAsciiV3 ? 10 : 13;

  std::string line;
  while (read_line(line)) {
    if (line.empty()) continue;
    if (line[0] == 'E') {
      pending_line_ = line;
      pending_line_number_ = line_number_;
      break;
    }
    if (starts_with(line, "HepMC::")) continue;  // end of listing (or the start of a concatenated file)
    frame.last_line = line_number_;
    if (line[0] == 'P') {
      const auto fields = fields_of(line);
      if (fields.size() < particle_fields) {
        fail_at(line_number_, "particle line has " + std::to_string(fields.size()) + " fields, expected at least " +
                                  std::to_string(particle_fields) + " (malformed or truncated file)");
      }
      for (std::size_t i = px_field; i < px_field + 4; ++i) {
        const auto value = to_double(fields[i]);
        if (!value) fail_at(line_number_, "particle momentum '" + std::string(fields[i]) + "' is not a number");
        if (!std::isfinite(*value)) {
          fail_at(line_number_, "particle momentum is not finite ('" + std::string(fields[i]) +
                                    "'); every px, py, pz, E must be a finite number");
        }
      }
      ++frame.particles_seen;
    } else if (line[0] == 'V' && format_ == HepMCFormat::kHepMC2) {
      const auto fields = fields_of(line);
      const auto orphans = fields.size() >= 9 ? to_long(fields[7]) : std::nullopt;
      const auto outgoing = fields.size() >= 9 ? to_long(fields[8]) : std::nullopt;
      if (!orphans || !outgoing) fail_at(line_number_, "malformed vertex line (expected 'V barcode id x y z t n_in n_out ...')");
      frame.particles_declared += *orphans + *outgoing;
      ++frame.vertices_seen;
    }
    frame.text += line;
    frame.text += '\n';
  }
  frame.ended_by_file_end = pending_line_.empty();

  const bool vertices_short = format_ == HepMCFormat::kHepMC2 && frame.vertices_seen != frame.vertices_declared;
  if (frame.particles_seen != frame.particles_declared || vertices_short) {
    const std::string counts =
        vertices_short ? std::to_string(frame.vertices_seen) + " of " + std::to_string(frame.vertices_declared) + " vertices"
                       : std::to_string(frame.particles_seen) + " of " + std::to_string(frame.particles_declared) + " particles";
    if (frame.ended_by_file_end) {
      fail_at(frame.last_line, "the file ends after " + counts + " of this event (starting at line " +
                                   std::to_string(frame.first_line) + "): truncated file?");
    }
    fail_at(frame.first_line, "the event (lines " + std::to_string(frame.first_line) + "-" +
                                  std::to_string(frame.last_line) + ") holds " + counts +
                                  " its header declares (malformed file)");
  }
  return frame;
}

Event HepMC3Reader::convert(const Frame& frame) const {
  const std::string where = path_.string() + ":" + std::to_string(frame.first_line) + ": event " + frame.number_text;
  std::istringstream text(preamble_ + frame.text);
  HepMC3::GenEvent record(HepMC3::Units::GEV, HepMC3::Units::MM);
  bool read = false;
  try {
    if (format_ == HepMCFormat::kAsciiV3) {
      HepMC3::ReaderAscii reader(text);
      read = reader.read_event(record);
    } else {
      HepMC3::ReaderAsciiHepMC2 reader(text);
      read = reader.read_event(record);
    }
  } catch (const std::exception& error) {
    throw core::InputError(where + ": HepMC3 cannot read the event (lines " + std::to_string(frame.first_line) + "-" +
                           std::to_string(frame.last_line) + "): " + error.what());
  }
  if (!read || static_cast<long>(record.particles().size()) != frame.particles_seen) {
    throw core::InputError(where + ": HepMC3 cannot read the event (lines " + std::to_string(frame.first_line) + "-" +
                           std::to_string(frame.last_line) + "): it found " +
                           std::to_string(record.particles().size()) + " of " + std::to_string(frame.particles_seen) +
                           " particles");
  }
  record.set_units(HepMC3::Units::GEV, HepMC3::Units::MM);

  Event event;
  event.number = frame.number;
  for (const auto& particle : record.particles()) {
    if (particle->status() != 1) continue;
    const auto& momentum = particle->momentum();
    Particle out;
    out.px = momentum.px();
    out.py = momentum.py();
    out.pz = momentum.pz();
    out.e = momentum.e();
    out.pid = particle->pid();
    out.charge = pdg_charge(out.pid);
    // Written by jetstudy's HepMC3Writer for pile-up particles; other generators do not set it.
    if (const auto flag = particle->attribute<HepMC3::IntAttribute>("jetstudy_pileup")) out.from_pileup = flag->value() != 0;
    event.particles.push_back(out);
  }
  return event;
}

std::optional<Event> HepMC3Reader::next() {
  while (!pending_line_.empty()) {
    const Frame frame = read_frame();
    Event event = convert(frame);
    if (event.particles.empty()) {
      ++empty_events_skipped_;
      continue;
    }
    ++events_read_;
    return event;
  }
  return std::nullopt;
}

}  // namespace jetstudy::events
