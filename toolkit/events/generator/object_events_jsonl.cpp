#include "toolkit/events/generator/object_events_jsonl.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "toolkit/core/atomic_file.h"
#include "toolkit/core/error.h"

namespace jetstudy::events::generator {

namespace {

using Json = nlohmann::json;

class LineError {
 public:
  LineError(const std::string& file, std::size_t line) : where_(file + ":" + std::to_string(line) + ": ") {}
  [[noreturn]] void fail(const std::string& what) const { throw core::InputError(where_ + what); }

  double number(const Json& object, const char* key, const std::string& context) const {
    const auto it = object.find(key);
    if (it == object.end()) fail(context + " has no \"" + key + "\" (a number)");
    if (!it->is_number()) fail(context + " \"" + key + "\" must be a number, got " + it->dump());
    const double value = it->get<double>();
    if (!std::isfinite(value)) fail(context + " \"" + key + "\" must be finite");
    return value;
  }

 private:
  std::string where_;
};

}  // namespace

std::string object_event_to_json_line(const ObjectEvent& event) {
  Json objects = Json::array();
  for (const RecoObject& object : event.objects) {
    Json entry = {{"type", object_type_name(object.type)}, {"pt", object.pt}, {"eta", object.eta},
                  {"phi", object.phi}, {"mass", object.mass}};
    if (object.type == ObjectType::jet) {
      entry["btag"] = object.btag;
    } else {
      entry["charge"] = object.charge;
    }
    objects.push_back(std::move(entry));
  }
  const Json line = {{"process", event.process}, {"truth", event.truth}, {"objects", std::move(objects)},
                     {"met", {{"pt", event.met.pt}, {"phi", event.met.phi}}}};
  return line.dump();
}

ObjectEvent parse_object_event_line(const std::string& line, const std::string& file, std::size_t line_number) {
  const LineError error(file, line_number);
  Json json;
  try {
    json = Json::parse(line);
  } catch (const Json::parse_error& e) {
    error.fail(std::string("not valid JSON (") + e.what() + ")");
  }
  if (!json.is_object()) error.fail("an event must be a JSON object {\"process\": ..., \"objects\": [...], \"met\": {...}}");
  ObjectEvent event;
  const auto process = json.find("process");
  if (process == json.end() || !process->is_string()) error.fail("the event has no \"process\" string");
  event.process = process->get<std::string>();
  const auto truth = json.find("truth");
  event.truth = truth != json.end() && truth->is_string() ? truth->get<std::string>() : event.process;

  const auto objects = json.find("objects");
  if (objects == json.end() || !objects->is_array()) error.fail("the event has no \"objects\" array");
  for (std::size_t i = 0; i < objects->size(); ++i) {
    const Json& entry = (*objects)[i];
    const std::string context = "object " + std::to_string(i);
    if (!entry.is_object()) error.fail(context + " must be a JSON object");
    const auto type = entry.find("type");
    if (type == entry.end() || !type->is_string()) error.fail(context + " has no \"type\" (electron, muon or jet)");
    RecoObject object;
    try {
      object.type = parse_object_type(type->get<std::string>());
    } catch (const core::InputError& e) {
      error.fail(context + ": " + e.what());
    }
    object.pt = error.number(entry, "pt", context);
    object.eta = error.number(entry, "eta", context);
    object.phi = error.number(entry, "phi", context);
    if (entry.contains("mass")) object.mass = error.number(entry, "mass", context);
    if (entry.contains("charge")) {
      const Json& charge = entry["charge"];
      if (!charge.is_number_integer()) error.fail(context + " \"charge\" must be an integer, got " + charge.dump());
      object.charge = charge.get<int>();
    }
    if (entry.contains("btag")) {
      const Json& btag = entry["btag"];
      if (!btag.is_boolean()) error.fail(context + " \"btag\" must be true or false, got " + btag.dump());
      object.btag = btag.get<bool>();
    }
    event.objects.push_back(object);
  }
  const auto met = json.find("met");
  if (met == json.end() || !met->is_object()) error.fail("the event has no \"met\" object {\"pt\": .., \"phi\": ..}");
  event.met.pt = error.number(*met, "pt", "met");
  event.met.phi = error.number(*met, "phi", "met");
  return event;
}

ObjectEventJsonlReader::ObjectEventJsonlReader(const std::filesystem::path& path)
    : file_(path.string()), in_(path) {
  if (!in_) throw core::InputError(file_ + ": cannot open the object-event file for reading");
}

bool ObjectEventJsonlReader::next(ObjectEvent& event) {
  std::string line;
  while (std::getline(in_, line)) {
    ++line_number_;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    event = parse_object_event_line(line, file_, line_number_);
    event.number = events_++;
    return true;
  }
  return false;
}

std::vector<ObjectEvent> read_object_events_jsonl(const std::filesystem::path& path) {
  ObjectEventJsonlReader reader(path);
  std::vector<ObjectEvent> events;
  ObjectEvent event;
  while (reader.next(event)) events.push_back(std::move(event));
  return events;
}

void write_object_events_jsonl(const std::filesystem::path& path, const std::vector<ObjectEvent>& events) {
  std::string text;
  for (const ObjectEvent& event : events) {
    text += object_event_to_json_line(event);
    text += '\n';
  }
  core::write_file_atomically(path, text);
}

void generate_object_events_jsonl(const std::filesystem::path& path, const ObjectEventOptions& options,
                                  std::uint64_t events) {
  ObjectEventGenerator generator(options);
  core::produce_file_atomically(path, [&](const std::filesystem::path& temporary) {
    std::ofstream out(temporary);
    if (!out) throw core::InputError(path.string() + ": cannot write the object-event file");
    for (std::uint64_t i = 0; i < events; ++i) out << object_event_to_json_line(generator.next()) << '\n';
    out.close();
    if (!out) throw core::InputError(path.string() + ": writing the object-event file failed");
  });
}

}  // namespace jetstudy::events::generator
