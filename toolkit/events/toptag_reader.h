// Reader of the top-tagging reference dataset (Kasieczka et al., "The Machine Learning Landscape of Top
// Taggers", arXiv:1902.09914): pandas HDFStore files with key "table", one row per jet, columns E_i, PX_i,
// PY_i, PZ_i (i = 0..199, pT-ordered, zero-padded constituents in GeV), truthE, truthPX, truthPY, truthPZ,
// ttv (0 train, 1 test, 2 val) and is_signal_new (1 top, 0 QCD).
//
// Both pandas layouts are read with the HDF5 C library (no Python needed):
//   format="fixed":  /table/block<k>_values (rows x columns) with names in /table/block<k>_items
//   format="table":  compound dataset /table/table, fields values_block_<k> (arrays) whose column names are
//                    the pickled (protocol 0) list in its attribute values_block_<k>_kind; scalar fields
//                    (pandas data_columns) are named by the field itself.
// Rows are read in chunks (default 1024 jets), so memory stays flat for the 1.2M-jet training file.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "toolkit/events/event.h"
#include "toolkit/events/event_source.h"

namespace jetstudy::events {

inline constexpr int kTopTagConstituents = 200;

enum class PandasLayout { kFixed, kTable };

struct TopTagJet {
  Event constituents;                 // non-zero constituents only, massless (px, py, pz, E) in GeV; number = row
  int label = 0;                      // is_signal_new: 1 top, 0 QCD
  int ttv = 0;                        // 0 train, 1 test, 2 val
  std::array<double, 4> truth{};      // truthE, truthPX, truthPY, truthPZ (GeV)
};

class TopTagReader : public EventSource {
 public:
  // `ttv`: keep only rows of that split (0, 1 or 2); nothing: every row. Throws core::InputError naming the
  // file and key when the key "table" is missing, a column is missing or a block has the wrong shape, and
  // (from next_jet) naming the row when its ttv is not 0, 1 or 2 or its is_signal_new not 0 or 1.
  explicit TopTagReader(std::filesystem::path path, std::optional<int> ttv = std::nullopt,
                        std::size_t chunk_rows = 1024);
  ~TopTagReader() override;

  std::optional<TopTagJet> next_jet();
  // The constituents of the next jet, as an event (EventSource).
  std::optional<Event> next() override;
  std::string description() const override;

  PandasLayout layout() const { return layout_; }
  std::uint64_t rows() const { return rows_; }  // jets in the file, all splits

 private:
  struct Blocks;
  void read_chunk();
  // A row's ttv or is_signal_new as the code 0..largest it must be; else core::InputError naming file and row.
  int code_in_row(float value, int largest, const char* column, const char* meaning, std::uint64_t row) const;
  std::filesystem::path path_;
  std::optional<int> ttv_;
  std::size_t chunk_rows_;
  PandasLayout layout_ = PandasLayout::kFixed;
  std::uint64_t rows_ = 0;
  std::uint64_t next_row_ = 0;   // first row not yet read from the file
  std::unique_ptr<Blocks> blocks_;
  std::vector<float> chunk_;     // rows of the current chunk, 806 canonical columns each
  std::size_t chunk_size_ = 0;   // rows in chunk_
  std::size_t chunk_position_ = 0;
  std::uint64_t chunk_first_row_ = 0;
};

// Reads every jet of `path` once and returns jets per second (wall clock); `jets` receives the count read.
double toptag_read_rate(const std::filesystem::path& path, std::uint64_t* jets = nullptr);

}  // namespace jetstudy::events
