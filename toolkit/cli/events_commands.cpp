// Commands on events: `generate` (the built-in generator to a file) and `jets INPUT` (cluster the events of a
// file and print the jets, for checking).
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "toolkit/cli/subcommand.h"
#include "toolkit/core/closest_name.h"
#include "toolkit/core/error.h"
#include "toolkit/core/interrupt.h"
#include "toolkit/events/event_file.h"
#include "toolkit/events/event_source.h"
#include "toolkit/events/generator/detector.h"
#include "toolkit/events/generator/generator.h"
#include "toolkit/events/generator/object_events.h"
#include "toolkit/events/generator/object_events_jsonl.h"
#include "toolkit/events/hepmc3_writer.h"
#include "toolkit/jets/jet_finder.h"

namespace jetstudy::cli {
namespace {

struct JetsArguments {
  std::string input;
  jets::JetSpec spec;
  long max_events = -1;
  bool json = false;
};

nlohmann::json jet_json(const jets::Jet& jet) {
  return {{"pt", jet.pt}, {"eta", jet.eta}, {"phi", jet.phi}, {"m", jet.m},
          {"px", jet.px}, {"py", jet.py},   {"pz", jet.pz},   {"e", jet.e}};
}

int print_jets(const JetsArguments& arguments) {
  auto source = events::open_event_file(arguments.input);
  const jets::JetFinder finder(arguments.spec);
  nlohmann::json events = nlohmann::json::array();
  long count = 0;
  while (arguments.max_events < 0 || count < arguments.max_events) {
    const auto event = source->next();
    if (!event) break;
    ++count;
    const auto found = finder.find(*event);  // pT-ordered, leading first
    if (arguments.json) {
      nlohmann::json jets_of_event = nlohmann::json::array();
      for (const auto& jet : found) jets_of_event.push_back(jet_json(jet));
      events.push_back({{"jets", std::move(jets_of_event)}});
      continue;
    }
    fmt::print("event {}: {} particles, jets: {}\n", event->number, event->particles.size(), found.size());
    for (const auto& jet : found)
      fmt::print("  pt {:9.3f}  eta {:7.3f}  phi {:7.3f}  m {:8.3f}  constituents {}\n", jet.pt, jet.eta, jet.phi,
                 jet.m, jet.constituents.size());
  }
  if (arguments.json) fmt::print("{}\n", nlohmann::json{{"events", events}}.dump());
  return kExitSuccess;
}

struct GenerateArguments {
  std::string process;
  long events = 0;
  std::string pt_window = "350:450";
  std::string pt_spectrum = "flat";
  double pt_power = 5;
  double pileup = 0;
  std::uint64_t seed = 1;
  std::string detector = "none";
  double quark_fraction = 0.5;
  double wprime_mass = 800;
  std::string output;
};

bool has_extension(const std::filesystem::path& path, std::initializer_list<const char*> extensions) {
  for (const char* extension : extensions)
    if (path.extension() == extension) return true;
  return false;
}

// Jet processes go to HepMC3 (.hepmc, .hepmc3) or jetstudy's event file (.h5); object-level processes (the CMS
// Open Data study) go to JSON lines (.jsonl).
int generate(const GenerateArguments& arguments) {
  namespace gen = events::generator;
  const std::filesystem::path output = arguments.output;
  const auto object_processes = gen::object_process_names();
  const bool object_mode =
      std::find(object_processes.begin(), object_processes.end(), arguments.process) != object_processes.end();
  if (!object_mode) {
    auto names = gen::process_names();
    names.insert(names.end(), object_processes.begin(), object_processes.end());
    if (std::find(names.begin(), names.end(), arguments.process) == names.end())
      throw core::InputError("--process: unknown process '" + arguments.process + "'" +
                             core::did_you_mean(arguments.process, names));
  }
  core::install_interrupt_handlers();
  if (object_mode) {
    if (!has_extension(output, {".jsonl"}))
      throw core::InputError(output.string() + ": object-level events (" + arguments.process +
                             ") are written as JSON lines: name the file *.jsonl");
    gen::ObjectEventOptions options;
    options.process = gen::parse_object_process(arguments.process);
    options.seed = arguments.seed;
    gen::generate_object_events_jsonl(output, options, static_cast<std::uint64_t>(arguments.events));
    fmt::print("{}: {} {} events\n", output.string(), arguments.events, arguments.process);
    return kExitSuccess;
  }

  gen::GeneratorOptions options;
  options.process = gen::parse_process(arguments.process);
  gen::parse_pt_window(arguments.pt_window, options);
  options.pt_spectrum = gen::parse_pt_spectrum(arguments.pt_spectrum);
  options.pt_power = arguments.pt_power;
  options.pileup_mu = arguments.pileup;
  options.seed = arguments.seed;
  options.detector = gen::parse_detector_level(arguments.detector);
  options.quark_fraction = arguments.quark_fraction;
  options.wprime_mass_gev = arguments.wprime_mass;
  gen::Generator generator(options);
  const auto each_event = [&](auto&& write) {
    for (long i = 0; i < arguments.events; ++i) {
      core::throw_if_interrupted();
      write(generator.next());
    }
  };
  if (has_extension(output, {".hepmc", ".hepmc3"})) {
    events::HepMC3Writer writer(output);
    each_event([&](const events::Event& event) { writer.write(event); });
    writer.close();
  } else if (has_extension(output, {".h5", ".hdf5"})) {
    events::write_event_file(output, [&](events::EventFileWriter& writer) {
      each_event([&](const events::Event& event) { writer.append(event); });
    });
  } else {
    throw core::InputError(output.string() + ": choose the format by extension: .hepmc / .hepmc3 (HepMC3 ASCII) or "
                                             ".h5 (jetstudy event file)");
  }
  fmt::print("{}: {} events, {}\n", output.string(), arguments.events, generator.description());
  return kExitSuccess;
}

}  // namespace

CommandAction define_generate(CLI::App& command) {
  auto arguments = std::make_shared<GenerateArguments>();
  command.add_option("--process", arguments->process,
                     "qcd | w | z | h | top | wprime (jets); ttbar | wjets | dy | dimuon (object-level events)")
      ->required();
  command.add_option("-n,--events", arguments->events, "number of events")->required()->check(CLI::PositiveNumber);
  command.add_option("--pt", arguments->pt_window, "pT window of the hard object, MIN:MAX in GeV")->capture_default_str();
  command.add_option("--pt-spectrum", arguments->pt_spectrum, "flat | falling (as pT^-n)")->capture_default_str();
  command.add_option("--pt-power", arguments->pt_power, "n of a falling spectrum")->capture_default_str();
  command.add_option("--pileup", arguments->pileup, "mean number of pile-up interactions")->check(CLI::NonNegativeNumber);
  command.add_option("--seed", arguments->seed, "random seed")->capture_default_str();
  command.add_option("--detector", arguments->detector, "none | towers | towers+tracks")->capture_default_str();
  command.add_option("--quark-fraction", arguments->quark_fraction, "qcd: fraction of light-quark jets")
      ->check(CLI::Range(0.0, 1.0));
  command.add_option("--wprime-mass", arguments->wprime_mass, "wprime: W' mass in GeV")->capture_default_str();
  command.add_option("-o,--output", arguments->output, "*.hepmc / *.hepmc3 / *.h5 (jets) or *.jsonl (objects)")
      ->required();
  return [arguments] { return generate(*arguments); };
}

CommandAction define_jets(CLI::App& command) {
  auto arguments = std::make_shared<JetsArguments>();
  command.add_option("input", arguments->input, "an event file: HepMC3/HepMC2 (.gz, .zst), jetstudy .h5, text .dat")
      ->required();
  command.add_option("--algorithm", arguments->spec.algorithm, "antikt | kt | cambridge")->capture_default_str();
  command.add_option("--R", arguments->spec.R, "jet radius")->capture_default_str()->check(CLI::PositiveNumber);
  command.add_option("--ptmin", arguments->spec.pt_min_gev, "minimum jet pT in GeV")->capture_default_str();
  command.add_option("--max-events", arguments->max_events, "stop after this many events");
  command.add_flag("--json", arguments->json, "print {\"events\": [{\"jets\": [{pt, eta, phi, m, px, py, pz, e}]}]}");
  return [arguments] { return print_jets(*arguments); };
}

}  // namespace jetstudy::cli
