// Object-level events as JSON lines: exact round trip, defaults for optional fields, and malformed lines
// reported with file and line.
#include <catch2/catch.hpp>

#include <fstream>

#include "toolkit/core/error.h"
#include "toolkit/core/temp_directory.h"
#include "toolkit/events/generator/object_events_jsonl.h"

using namespace jetstudy::events::generator;
using jetstudy::core::TempDirectory;

namespace {
void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
}
}  // namespace

TEST_CASE("object_events_jsonl: generated t tbar and dimuon events come back from a file bit for bit") {
  TempDirectory dir("object-jsonl");
  std::vector<ObjectEvent> events;
  for (const ObjectProcess process : {ObjectProcess::ttbar, ObjectProcess::dimuon}) {
    ObjectEventOptions options;
    options.process = process;
    options.seed = 4;
    ObjectEventGenerator generator(options);
    for (int i = 0; i < 50; ++i) events.push_back(generator.next());
  }
  const auto path = dir / "events.jsonl";
  write_object_events_jsonl(path, events);
  const auto back = read_object_events_jsonl(path);
  REQUIRE(back.size() == events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const ObjectEvent &a = events[i], &b = back[i];
    CHECK(b.number == i);
    CHECK(a.process == b.process);
    CHECK(a.truth == b.truth);
    CHECK(a.met.pt == b.met.pt);
    CHECK(a.met.phi == b.met.phi);
    REQUIRE(a.objects.size() == b.objects.size());
    for (std::size_t k = 0; k < a.objects.size(); ++k) {
      const RecoObject &x = a.objects[k], &y = b.objects[k];
      CHECK(x.type == y.type);
      CHECK(x.pt == y.pt);
      CHECK(x.eta == y.eta);
      CHECK(x.phi == y.phi);
      CHECK(x.mass == y.mass);
      CHECK(x.charge == y.charge);
      CHECK(x.btag == y.btag);
    }
  }
  CHECK(object_event_to_json_line(events[0]).rfind("{\"met\":{\"phi\":", 0) == 0);  // keys sorted, one line
}

TEST_CASE("object_events_jsonl: blank lines are skipped and optional fields take their defaults") {
  TempDirectory dir("object-jsonl");
  const auto path = dir / "hand.jsonl";
  write_text(path,
             "{\"process\":\"wjets\",\"objects\":[{\"type\":\"muon\",\"pt\":41.5,\"eta\":0.1,\"phi\":-1,"
             "\"charge\":-1},{\"type\":\"jet\",\"pt\":35,\"eta\":1.2,\"phi\":2}],\"met\":{\"pt\":30,\"phi\":2.1}}\n"
             "\n"
             "{\"process\":\"dimuon\",\"truth\":\"jpsi\",\"objects\":[],\"met\":{\"pt\":1.5,\"phi\":0}}\n");
  const auto events = read_object_events_jsonl(path);
  REQUIRE(events.size() == 2);
  CHECK(events[0].truth == "wjets");
  REQUIRE(events[0].objects.size() == 2);
  CHECK(events[0].objects[0].type == ObjectType::muon);
  CHECK(events[0].objects[0].charge == -1);
  CHECK(events[0].objects[1].mass == 0);
  CHECK(!events[0].objects[1].btag);
  CHECK(events[1].truth == "jpsi");
  CHECK(events[1].number == 1);
}

TEST_CASE("object_events_jsonl: a malformed line is an input error naming the file, the line and the fault") {
  TempDirectory dir("object-jsonl");
  const auto path = dir / "bad.jsonl";
  const std::string good = "{\"process\":\"dy\",\"objects\":[],\"met\":{\"pt\":3,\"phi\":0}}\n";
  struct Case {
    std::string line;
    std::string message;
  };
  const Case cases[] = {
      {"{\"process\":\"dy\",\"objects\":[", "not valid JSON"},
      {"{\"process\":\"dy\",\"objects\":[]}", "the event has no \"met\" object"},
      {"{\"objects\":[],\"met\":{\"pt\":3,\"phi\":0}}", "the event has no \"process\" string"},
      {"{\"process\":\"dy\",\"objects\":[{\"type\":\"tau\",\"pt\":1,\"eta\":0,\"phi\":0}],\"met\":{\"pt\":3,\"phi\":0}}",
       "object 0: unknown object type 'tau' (known: electron, muon, jet)"},
      {"{\"process\":\"dy\",\"objects\":[{\"type\":\"muon\",\"pt\":\"high\",\"eta\":0,\"phi\":0}],\"met\":{\"pt\":3,\"phi\":0}}",
       "object 0 \"pt\" must be a number, got \"high\""},
      {"{\"process\":\"dy\",\"objects\":[{\"type\":\"jet\",\"pt\":40,\"eta\":0,\"phi\":0,\"btag\":1}],\"met\":{\"pt\":3,\"phi\":0}}",
       "object 0 \"btag\" must be true or false"},
      {"[1, 2]", "an event must be a JSON object"},
  };
  for (const Case& c : cases) {
    write_text(path, good + "\n" + c.line + "\n" + good);
    CAPTURE(c.line);
    REQUIRE_THROWS_AS(read_object_events_jsonl(path), jetstudy::core::InputError);
    REQUIRE_THROWS_WITH(read_object_events_jsonl(path), Catch::Matchers::StartsWith(path.string() + ":3: ") &&
                                                            Catch::Matchers::Contains(c.message));
  }
  REQUIRE_THROWS_WITH(read_object_events_jsonl(dir / "missing.jsonl"),
                      Catch::Matchers::Contains("missing.jsonl: cannot open"));
}

TEST_CASE("object_events_jsonl: generating straight to a file gives the generator's events, one per line") {
  TempDirectory dir("object-jsonl");
  ObjectEventOptions options;
  options.process = ObjectProcess::dy;
  options.seed = 8;
  generate_object_events_jsonl(dir / "dy.jsonl", options, 30);
  const auto back = read_object_events_jsonl(dir / "dy.jsonl");
  REQUIRE(back.size() == 30);
  ObjectEventGenerator generator(options);
  for (const auto& event : back) CHECK(object_event_to_json_line(event) == object_event_to_json_line(generator.next()));
}
