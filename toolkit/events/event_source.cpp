#include "toolkit/events/event_source.h"

#include "toolkit/core/error.h"
#include "toolkit/core/hdf5_file.h"
#include "toolkit/events/event_file.h"
#include "toolkit/events/hepmc3_reader.h"
#include "toolkit/events/text_event_reader.h"
#include "toolkit/events/toptag_reader.h"

namespace jetstudy::events {
namespace {

// FastJet-style text files through TextEventReader.
class TextEventSource : public EventSource {
 public:
  explicit TextEventSource(const std::filesystem::path& path) : reader_(path.string()) {}
  std::optional<Event> next() override { return reader_.next(); }
  std::string description() const override { return "text event file " + reader_.path(); }

 private:
  TextEventReader reader_;
};

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "events.hepmc3.zst" -> "events.hepmc3"
std::string without_compression(std::string name) {
  for (const char* suffix : {".gz", ".zst"}) {
    if (ends_with(name, suffix)) return name.substr(0, name.size() - std::string(suffix).size());
  }
  return name;
}

bool has_top_tagging_key(const std::filesystem::path& path) {
  namespace h5 = core::hdf5;
  return h5::quietly([&] {
    if (H5Fis_hdf5(path.c_str()) <= 0) return false;
    h5::Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    return file.valid() && H5Lexists(file.get(), "table", H5P_DEFAULT) > 0;
  });
}

}  // namespace

std::unique_ptr<EventSource> open_event_file(const std::filesystem::path& path) {
  const std::string name = without_compression(path.filename().string());
  if (ends_with(name, ".hepmc") || ends_with(name, ".hepmc2") || ends_with(name, ".hepmc3")) {
    return std::make_unique<HepMC3Reader>(path);
  }
  if (ends_with(name, ".h5") || ends_with(name, ".hdf5")) {
    if (!std::filesystem::exists(path)) throw core::InputError(path.string() + ": cannot open (does the file exist?)");
    if (is_event_file(path)) return std::make_unique<EventFileReader>(path);
    if (has_top_tagging_key(path)) return std::make_unique<TopTagReader>(path);
    throw core::InputError(path.string() + ": an HDF5 file that is neither a jetstudy event file (attribute format = "
                                           "'jetstudy-events') nor a top-tagging file (pandas key 'table')");
  }
  if (ends_with(name, ".dat") || ends_with(name, ".txt")) return std::make_unique<TextEventSource>(path);
  throw core::InputError(path.string() + ": unknown kind of event file; expected .hepmc/.hepmc2/.hepmc3 (optionally "
                                         ".gz or .zst), .h5/.hdf5 (jetstudy events or top-tagging), or .dat/.txt "
                                         "(px py pz E per line, #END per event)");
}

}  // namespace jetstudy::events
