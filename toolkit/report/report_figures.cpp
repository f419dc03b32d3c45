#include "toolkit/report/report_figures.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>

#include "toolkit/core/canonical_json.h"
#include "toolkit/report/plot/error_bar_plot.h"
#include "toolkit/report/plot/heatmap_plot.h"
#include "toolkit/report/plot/histogram_plot.h"
#include "toolkit/report/plot/line_plot.h"
#include "toolkit/report/plot/scatter_plot.h"

namespace jetstudy::report {
namespace {

using nlohmann::json;

// At most this many configurations get per-configuration figures (mass histograms, images): a big scan would
// otherwise bury the page.
constexpr std::size_t kMaxPerConfigurationFigures = 4;

std::vector<double> numbers(const json& value) {
  std::vector<double> out;
  if (!value.is_array()) return out;
  for (const json& x : value) out.push_back(x.is_number() ? x.get<double>() : NAN);
  return out;
}

void append_to(std::vector<Figure>& figures, std::vector<Figure> more) {
  for (Figure& figure : more) figures.push_back(std::move(figure));
}

// Runs `draw`; a plot that fails (gnuplot missing, bad data) becomes a note instead of failing the report.
Figure drawn(const std::string& title, const std::string& note, const std::function<plot::Plot()>& draw) {
  Figure figure{title, "", note};
  try {
    const plot::Plot result = draw();
    figure.svg = result.svg;
    if (result.dropped_points > 0)
      figure.note += fmt::format("{}{} points not drawable (NaN, infinite, or <= 0 on a log axis) left out",
                                 figure.note.empty() ? "" : "; ", result.dropped_points);
  } catch (const std::exception& error) {
    figure.note = std::string("not drawn: ") + error.what();
  }
  return figure;
}

Figure skipped(const std::string& title, const std::string& why) { return {title, "", why}; }

// The ROC points of a configuration: its ensemble's when it has one, else its representative run's stored curve.
std::optional<std::pair<std::vector<double>, std::vector<double>>> roc_points(const Configuration& configuration,
                                                                              bool* from_ensemble) {
  const json* roc = nullptr;
  if (configuration.ensemble && configuration.ensemble->roc.is_object()) {
    roc = &configuration.ensemble->roc;
    *from_ensemble = true;
  } else if (const auto found = configuration.curves.find("roc"); found != configuration.curves.end()) {
    roc = &found->second;
    *from_ensemble = false;
  }
  if (roc == nullptr || !roc->contains("eps_s") || !roc->contains("eps_b")) return std::nullopt;
  auto eps_s = numbers(roc->at("eps_s")), eps_b = numbers(roc->at("eps_b"));
  if (eps_s.size() != eps_b.size() || eps_s.empty()) return std::nullopt;
  return std::pair{eps_s, eps_b};
}

std::vector<Figure> roc_figures(const StudyReport& report) {
  std::vector<plot::Series> rejection, sic;
  std::vector<std::string> ensembles;
  for (const Configuration& configuration : report.configurations) {
    bool from_ensemble = false;
    const auto points = roc_points(configuration, &from_ensemble);
    if (!points) continue;
    if (from_ensemble) ensembles.push_back(configuration.label);
    plot::Series r{configuration.label, {}, {}}, s{configuration.label, {}, {}};
    const auto& [eps_s, eps_b] = *points;
    for (std::size_t i = 0; i < eps_s.size(); ++i) {
      if (eps_s[i] <= 0.0 || eps_b[i] <= 0.0) continue;  // 1/eps_B undefined, eps_S/sqrt(eps_B) at the origin
      r.x.push_back(eps_s[i]);
      r.y.push_back(1.0 / eps_b[i]);
      s.x.push_back(eps_s[i]);
      s.y.push_back(eps_s[i] / std::sqrt(eps_b[i]));
    }
    rejection.push_back(std::move(r));
    sic.push_back(std::move(s));
  }
  if (rejection.empty())
    return {skipped("ROC curves", "no roc curve stored for any done run"),
            skipped("SIC curves", "no roc curve stored for any done run")};

  std::string source = "Curves of the seed with the median AUC";
  if (!ensembles.empty()) source = fmt::format("Ensemble ROC (mean output over seeds) for {} of {} configurations, else "
                                               "the seed with the median AUC", ensembles.size(), rejection.size());
  const bool reference_drawn = std::any_of(rejection.begin(), rejection.end(),
                                           [&](const plot::Series& s) { return s.name == report.reference; });
  plot::LinePlotOptions roc_options;
  roc_options.title = "background rejection against signal efficiency";
  roc_options.x_label = "signal efficiency εS";
  roc_options.y_label = "background rejection 1/εB";
  roc_options.log_y = true;
  if (reference_drawn && rejection.size() > 1) {
    roc_options.ratio_reference = report.reference;
    roc_options.ratio_label = "ratio to " + report.reference;
  }
  plot::LinePlotOptions sic_options;
  sic_options.title = "significance improvement";
  sic_options.x_label = "signal efficiency εS";
  sic_options.y_label = "εS / √εB";
  return {drawn("ROC curves", source, [&] { return plot::line_plot(rejection, roc_options); }),
          drawn("SIC curves", source, [&] { return plot::line_plot(sic, sic_options); })};
}

Figure learning_figure(const StudyReport& report) {
  std::vector<plot::Series> series;
  for (const Configuration& configuration : report.configurations) {
    const auto found = configuration.curves.find("learning");
    if (found == configuration.curves.end() || !found->second.contains("epoch")) continue;
    const auto epoch = numbers(found->second["epoch"]);
    for (const char* name : {"train_loss", "val_loss"}) {
      if (!found->second.contains(name)) continue;
      plot::Series s{configuration.label + (std::string(name) == "val_loss" ? " validation" : " training"), epoch,
                     numbers(found->second[name])};
      if (s.x.size() == s.y.size() && !s.x.empty()) series.push_back(std::move(s));
    }
  }
  if (series.empty()) return skipped("Learning curves", "no learning curve stored for any done run");
  plot::LinePlotOptions options;
  options.title = "loss per epoch";
  options.x_label = "epoch";
  options.y_label = "loss";
  options.markers = true;
  return drawn("Learning curves", "Training and validation loss of the seed with the median AUC",
               [&] { return plot::line_plot(series, options); });
}

// The first metric (usually AUC) against each swept hyperparameter, one series per combination of the others.
std::vector<Figure> sweep_figures(const StudyReport& report) {
  std::vector<Figure> figures;
  if (report.metrics.empty()) return figures;
  const std::string metric = report.metrics.front();
  std::set<std::string> keys;
  for (const Configuration& configuration : report.configurations)
    if (configuration.point.is_object())
      for (const auto& [key, value] : configuration.point.items()) keys.insert(key);

  for (const std::string& key : keys) {
    // Categorical values (lists, strings) get ticks at 0, 1, 2, ...; numbers are placed at their value.
    std::vector<std::string> categories;
    bool numeric = true;
    for (const Configuration& configuration : report.configurations)
      if (configuration.point.contains(key)) {
        const json& value = configuration.point[key];
        if (!value.is_number()) numeric = false;
        const std::string text = core::canonical_json(value);
        if (std::find(categories.begin(), categories.end(), text) == categories.end()) categories.push_back(text);
      }
    if (categories.size() < 2) continue;

    std::map<std::string, plot::ErrorBarSeries> series;  // by the values of the other keys
    double smallest = INFINITY, largest = 0;
    for (const Configuration& configuration : report.configurations) {
      const auto found = configuration.metrics.find(metric);
      if (!configuration.point.contains(key) || found == configuration.metrics.end()) continue;
      json others = configuration.point;
      others.erase(key);
      const std::string name = others.empty() ? configuration.study : core::canonical_json(others);
      const json& value = configuration.point[key];
      const double x = numeric ? value.get<double>()
                               : static_cast<double>(std::find(categories.begin(), categories.end(),
                                                               core::canonical_json(value)) - categories.begin());
      if (numeric) smallest = std::min(smallest, x), largest = std::max(largest, x);
      const SeedSummary& summary = found->second.summary;
      const double spread = summary.spread.value_or(0.0);
      plot::ErrorBarSeries& s = series[name];
      s.name = name;
      s.x.push_back(x);
      s.y.push_back(summary.median);
      s.y_low.push_back(summary.median - spread);
      s.y_high.push_back(summary.median + spread);
    }
    if (series.empty()) continue;
    plot::PlotOptions options;
    options.title = metric_heading(metric) + " against " + key;
    options.x_label = key;
    options.y_label = metric_heading(metric) + " (median ± spread over seeds)";
    options.log_x = numeric && smallest > 0 && largest / smallest >= 100;
    if (!numeric)
      for (std::size_t i = 0; i < categories.size(); ++i)
        options.x_ticks.push_back({static_cast<double>(i), categories[i]});
    std::vector<plot::ErrorBarSeries> list;
    for (auto& [name, s] : series) list.push_back(std::move(s));
    figures.push_back(drawn(metric_heading(metric) + " against " + key, "", [&] { return plot::error_bar_plot(list, options); }));
  }
  return figures;
}

// Background mass before and after the cut of each configuration (decorrelation studies), shapes normalised.
std::vector<Figure> sculpting_figures(const StudyReport& report) {
  std::vector<Figure> figures;
  for (const Configuration& configuration : report.configurations) {
    for (const auto& [name, curve] : configuration.curves) {
      if (name.rfind("background_", 0) != 0 || !curve.contains("edges") || !curve.contains("before")) continue;
      if (figures.size() >= kMaxPerConfigurationFigures) break;
      const std::string observer = name.substr(11);
      const auto edges = numbers(curve["edges"]);
      std::vector<plot::Histogram> histograms{{"before the cut", edges, numbers(curve["before"])}};
      if (curve.contains("after")) histograms.push_back({fmt::format("after the cut (εS = {})", curve.value("efficiency", 0.0)),
                                                         edges, numbers(curve["after"])});
      plot::HistogramOptions options;
      options.title = "background " + observer + ": " + configuration.label;
      options.x_label = observer == "mass" ? "jet mass [GeV]" : observer;
      options.y_label = "normalised to unit area";
      options.normalise = true;
      figures.push_back(drawn("Background " + observer + " before/after the cut: " + configuration.label, "",
                              [&] { return plot::histogram_plot(histograms, options); }));
    }
  }
  return figures;
}

// R50 against 1/JSD, one labelled point per configuration: the decorrelation plane of a lambda scan.
std::optional<Figure> decorrelation_plane(const StudyReport& report) {
  std::string inverse_jsd;
  for (const std::string& metric : report.metrics)
    if (metric.rfind("inverse_", 0) == 0 && metric.find("jsd@") != std::string::npos) inverse_jsd = metric;
  const bool has_r50 = std::find(report.metrics.begin(), report.metrics.end(), "r50") != report.metrics.end();
  if (inverse_jsd.empty() || !has_r50) return std::nullopt;
  plot::ScatterSeries points{"median over seeds", {}, {}, {}};
  for (const Configuration& configuration : report.configurations) {
    const auto r50 = configuration.metrics.find("r50"), jsd = configuration.metrics.find(inverse_jsd);
    if (r50 == configuration.metrics.end() || jsd == configuration.metrics.end()) continue;
    points.x.push_back(r50->second.summary.median);
    points.y.push_back(jsd->second.summary.median);
    points.labels.push_back(configuration.label);
  }
  plot::PlotOptions options;
  options.title = "background rejection against mass decorrelation";
  options.x_label = "R50 = 1/εB at εS = 0.5";
  options.y_label = "1/JSD (" + inverse_jsd.substr(8) + ")";
  options.log_x = options.log_y = true;
  return drawn("R50 against 1/JSD", "Up and right is better: more rejection, less sculpting",
               [&] { return plot::scatter_plot({points}, options); });
}

// The first channel of a flattened channels x height x width map as a heatmap grid.
std::optional<plot::Grid> first_channel(const json& map, std::size_t height, std::size_t width) {
  const auto values = numbers(map);
  if (height == 0 || width == 0 || values.size() < height * width) return std::nullopt;
  plot::Grid grid;
  grid.rows = height;
  grid.columns = width;
  grid.x_max = static_cast<double>(width);
  grid.y_max = static_cast<double>(height);
  // Image row 0 is the top row; the grid's row 0 is drawn at the bottom.
  for (std::size_t row = 0; row < height; ++row)
    for (std::size_t column = 0; column < width; ++column)
      grid.values.push_back(values[(height - 1 - row) * width + column]);
  return grid;
}

std::vector<Figure> image_figures(const StudyReport& report) {
  std::vector<Figure> figures;
  std::size_t configurations = 0;
  for (const Configuration& configuration : report.configurations) {
    const auto found = configuration.curves.find("image_maps");
    if (found == configuration.curves.end() || configurations >= kMaxPerConfigurationFigures) continue;
    ++configurations;
    const json& maps = found->second;
    const std::size_t height = maps.value("height", 0), width = maps.value("width", 0);
    const struct {
      const char* key;
      const char* title;
      plot::Palette palette;
    } kMaps[] = {{"signal_mean", "average signal image", plot::Palette::sequential},
                 {"background_mean", "average background image", plot::Palette::sequential},
                 {"difference", "signal − background", plot::Palette::diverging},
                 {"correlation", "correlation of pixel and network output", plot::Palette::diverging}};
    for (const auto& map : kMaps) {
      if (!maps.contains(map.key)) continue;
      const auto grid = first_channel(maps[map.key], height, width);
      if (!grid) continue;
      plot::HeatmapOptions options;
      options.title = std::string(map.title) + ": " + configuration.label;
      options.x_label = "pixel (η')";
      options.y_label = "pixel (φ')";
      options.palette = map.palette;
      options.width_px = 420;
      options.height_px = 380;
      options.key = plot::KeyPosition::none;
      if (std::string(map.key) == "correlation") options.colour_min = -1, options.colour_max = 1;
      figures.push_back(drawn(std::string(map.title) + ": " + configuration.label, "first channel, test jets",
                              [&] { return plot::heatmap_plot(*grid, options); }));
    }
  }
  return figures;
}

// The earth mover's distance of `observable` stored in the generation curve for `epoch`, if there is one.
std::optional<double> distance_at(const Configuration& configuration, const std::string& observable, double epoch) {
  const auto found = configuration.curves.find("generation");
  if (found == configuration.curves.end() || !found->second.contains(observable + "_distance")) return std::nullopt;
  const auto epochs = numbers(found->second.value("epoch", json::array()));
  const auto distances = numbers(found->second[observable + "_distance"]);
  for (std::size_t i = 0; i < epochs.size() && i < distances.size(); ++i)
    if (epochs[i] == epoch) return distances[i];
  return std::nullopt;
}

// GANs: generated against real distributions of pT, mass and tau21 over common bins (LAGAN, arXiv:1701.05927,
// Figs. 5-6), one figure per observable and configuration, from the epoch closest to the real mass distribution.
std::vector<Figure> generation_distribution_figures(const StudyReport& report) {
  const struct {
    const char* key;
    const char* name;
    const char* axis;
    const char* unit;
  } kObservables[] = {{"mass", "mass", "jet mass from the pixels [GeV]", " GeV"},
                      {"pt", "pT", "jet pT from the pixels (pixel sum) [GeV]", " GeV"},
                      {"tau21", "τ21", "τ21 from the pixels (WTA kT axes)", ""}};
  std::vector<Figure> figures;
  std::size_t configurations = 0;
  for (const Configuration& configuration : report.configurations) {
    const auto found = configuration.curves.find("generation_distributions");
    if (found == configuration.curves.end() || configurations >= kMaxPerConfigurationFigures) continue;
    ++configurations;
    const json& distributions = found->second;
    const double epoch = distributions.value("epoch", 0.0);
    for (const auto& observable : kObservables) {
      if (!distributions.contains(observable.key)) continue;
      const json& histogram = distributions[observable.key];
      const auto edges = numbers(histogram.value("edges", json::array()));
      const std::vector<plot::Histogram> histograms{{"real", edges, numbers(histogram.value("real", json::array()))},
                                                    {"generated", edges,
                                                     numbers(histogram.value("generated", json::array()))}};
      const std::string title = std::string("GAN distribution, ") + observable.name + ": " + configuration.label;
      std::string note = fmt::format("{} real and {} generated test jets, both classes, at epoch {} (closest in mass)",
                                     distributions.value("jets", 0), distributions.value("jets", 0), epoch);
      if (const auto distance = distance_at(configuration, observable.key, epoch))
        note += fmt::format("; earth mover's distance {:.3g}{}", *distance, observable.unit);
      plot::HistogramOptions options;
      options.title = std::string(observable.name) + ", generated against real: " + configuration.label;
      options.x_label = observable.axis;
      options.y_label = "fraction of jets";
      figures.push_back(drawn(title, note, [&] { return plot::histogram_plot(histograms, options); }));
    }
  }
  return figures;
}

// GANs: how far generated distributions are from real ones per epoch, their distributions against the real ones,
// and average images real vs generated.
std::vector<Figure> generation_figures(const StudyReport& report) {
  std::vector<Figure> figures;
  std::vector<plot::Series> distances;
  for (const Configuration& configuration : report.configurations) {
    const auto found = configuration.curves.find("generation");
    if (found == configuration.curves.end() || !found->second.contains("epoch")) continue;
    const auto epoch = numbers(found->second["epoch"]);
    for (const char* name : {"mass_distance", "pt_distance", "tau21_distance"})
      if (found->second.contains(name))
        distances.push_back({configuration.label + " " + name, epoch, numbers(found->second[name])});
  }
  if (!distances.empty()) {
    plot::LinePlotOptions options;
    options.title = "generated against real distributions";
    options.x_label = "epoch";
    options.y_label = "earth mover's distance";
    options.log_y = true;
    figures.push_back(drawn("GAN: distance of generated to real distributions",
                            "1-D earth mover's distance per observable (mass and pT in GeV)",
                            [&] { return plot::line_plot(distances, options); }));
  }
  append_to(figures, generation_distribution_figures(report));
  std::size_t configurations = 0;
  for (const Configuration& configuration : report.configurations) {
    const auto found = configuration.curves.find("average_images");
    if (found == configuration.curves.end() || configurations >= kMaxPerConfigurationFigures) continue;
    ++configurations;
    for (const char* key : {"real_signal", "generated_signal", "real_background", "generated_background"}) {
      if (!found->second.contains(key)) continue;
      const json& image = found->second[key];
      const auto grid = first_channel(image.value("pixels", json::array()), image.value("height", 0), image.value("width", 0));
      if (!grid) continue;
      plot::HeatmapOptions options;
      options.title = std::string(key) + ": " + configuration.label;
      options.width_px = 420;
      options.height_px = 380;
      options.log_colour = true;
      figures.push_back(drawn(std::string("GAN average image, ") + key + ": " + configuration.label,
                              fmt::format("epoch {}", found->second.value("epoch", 0)),
                              [&] { return plot::heatmap_plot(*grid, options); }));
    }
  }
  return figures;
}

}  // namespace

std::vector<Figure> report_figures(const StudyReport& report) {
  std::vector<Figure> figures;
  const auto append = [&](std::vector<Figure> more) {
    for (Figure& figure : more) figures.push_back(std::move(figure));
  };
  append(roc_figures(report));
  figures.push_back(learning_figure(report));
  append(sweep_figures(report));
  append(sculpting_figures(report));
  if (auto plane = decorrelation_plane(report)) figures.push_back(std::move(*plane));
  append(image_figures(report));
  append(generation_figures(report));
  return figures;
}

}  // namespace jetstudy::report
