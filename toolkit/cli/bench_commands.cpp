// `jetstudy bench SUITE`: speed figures, each against a peer measured in the same run or against the issue's
// target where nothing comparable exists. Prints a table, then one summary line per figure
// ("bench events: <what> <value> <unit> (<ratio>x vs <peer>)"); --json prints the same as JSON.
#include <fmt/format.h>

#include <memory>
#include <thread>

#include "toolkit/cli/subcommand.h"
#include "toolkit/core/bench_figure.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/events/generator/generator_benchmark.h"
#include "toolkit/events/toptag_reader.h"
#include "toolkit/images/image_benchmark.h"
#include "toolkit/images/image_builder.h"
#include "toolkit/jets/clustering_benchmark.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::cli {
namespace {

namespace gen = events::generator;
using core::BenchFigure;

struct BenchArguments {
  int events = 2000;
  std::string toptag_file;
  bool json = false;
  CLI::App* events_suite = nullptr;
  CLI::App* images_suite = nullptr;
};

std::vector<events::Event> generate_events(gen::Process process, int count, double pileup_mu) {
  gen::GeneratorOptions options;
  options.process = process;
  options.pt_min_gev = 350;
  options.pt_max_gev = 450;
  options.pileup_mu = pileup_mu;
  options.seed = 20261122;
  gen::Generator generator(options);
  std::vector<events::Event> events;
  for (int i = 0; i < count; ++i) events.push_back(generator.next());
  return events;
}

// Issue 3: generation >= 5,000 jets/s/core; clustering + trimming + substructure >= 0.8 x a plain FastJet
// loop on the same events; reading the top-tagging format >= 200k jets/s.
std::vector<BenchFigure> bench_events(const BenchArguments& arguments) {
  std::vector<BenchFigure> figures;
  for (const auto& rate : gen::measure_generator_rates(arguments.events)) {
    const bool particle_level = rate.detector == "none";
    figures.push_back({fmt::format("generate {} ({})", rate.process, particle_level ? "particles" : rate.detector),
                       rate.events_per_second, "jets/s", "target", 5000, particle_level ? 1.0 : 0.0});
  }
  // What a jet-image study does per event: cluster everything, then groom and describe the leading jet.
  jets::JetSpec spec;
  spec.R = 1.0;
  spec.trim = jets::TrimSpec{0.2, 0.05};
  spec.max_jets = 1;
  for (const auto& [label, mu, count] : {std::tuple{"top, no pile-up", 0.0, arguments.events},
                                         std::tuple{"top, pile-up mu=40", 40.0, std::max(100, arguments.events / 10)}}) {
    const auto sample = generate_events(gen::Process::top, count, mu);
    const int repeats = mu > 0 ? 1 : 3;
    const double plain = jets::fastjet_clustering_rate(sample, spec.R, repeats);
    const double ours = jets::jet_substructure_rate(sample, spec, repeats);
    figures.push_back({fmt::format("cluster+trim+substructure of leading jet ({})", label), ours, "events/s",
                       "plain FastJet anti-kT R=1.0 loop", plain, 0.8});
  }
  if (!arguments.toptag_file.empty()) {
    std::uint64_t jets_read = 0;
    const double rate = events::toptag_read_rate(arguments.toptag_file, &jets_read);
    figures.push_back({fmt::format("read top-tagging file ({} jets)", jets_read), rate, "jets/s", "target", 200000, 1.0});
  }
  return figures;
}

// Issue 4: images with leading-subjet centring, rotation, flip at 40x40 >= 20k jets/s/core using all cores.
std::vector<BenchFigure> bench_images(const BenchArguments& arguments) {
  const auto sample = generate_events(gen::Process::w, arguments.events, 0);
  jets::JetSpec spec;
  spec.trim = jets::TrimSpec{0.2, 0.05};
  const jets::JetFinder finder(spec);
  std::vector<jets::Jet> jets;
  for (const auto& event : sample)
    if (auto found = finder.find(event); !found.empty()) jets.push_back(std::move(found.front()));
  const images::ImageBuilder builder(images::benchmark_image_spec());
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto one = images::benchmark_image_builder(builder, jets, 1);
  const auto all = images::benchmark_image_builder(builder, jets, cores);
  return {{"images 40x40 centre+rotate+flip, 1 core", one.images_per_second(), "jets/s", "target", 20000, 1.0},
          {fmt::format("images 40x40 centre+rotate+flip, per core of {}", cores), all.images_per_second_per_thread(),
           "jets/s/core", "target", 20000, 1.0}};
}

int run_suite(const std::string& suite, const std::vector<BenchFigure>& figures, bool json) {
  if (json) {
    fmt::print("{}\n", core::bench_json(suite, figures).dump(2));
    return kExitSuccess;
  }
  fmt::print("{}\n", core::bench_table(figures));
  for (const auto& figure : figures) fmt::print("{}\n", core::bench_summary_line(suite, figure));
  return kExitSuccess;
}

}  // namespace

CommandAction define_bench(CLI::App& command) {
  auto arguments = std::make_shared<BenchArguments>();
  command.require_subcommand(1);
  command.add_option("--events", arguments->events, "events (or jets) per measurement")->capture_default_str();
  command.add_flag("--json", arguments->json, "print the figures as JSON");
  arguments->events_suite = command.add_subcommand("events", "generation, clustering+substructure, reading");
  arguments->events_suite->add_option("--toptag", arguments->toptag_file, "a top-tagging HDF5 file to time reading");
  arguments->images_suite = command.add_subcommand("images", "jet images from constituents");
  return [arguments] {
    if (arguments->events_suite->parsed()) return run_suite("events", bench_events(*arguments), arguments->json);
    return run_suite("images", bench_images(*arguments), arguments->json);
  };
}

}  // namespace jetstudy::cli
