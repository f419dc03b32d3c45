#include "toolkit/jets/trimming.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include <fastjet/Selector.hh>
#include <fastjet/tools/Filter.hh>

#include "tests/jets/generated_constituents.h"
#include "toolkit/jets/pseudojets.h"

using namespace jetstudy::jets;
namespace gen = jetstudy::events::generator;

TEST_CASE("trimming: the same trimmed jets as fastjet::Filter on generator jets, to the last bit") {
  const TrimSpec spec{0.2, 0.05};
  const fastjet::Filter filter(fastjet::JetDefinition(fastjet::kt_algorithm, spec.subjet_R),
                               fastjet::SelectorPtFractionMin(spec.fcut));
  int jets = 0, dropped = 0;
  for (const auto process : {gen::Process::top, gen::Process::w, gen::Process::qcd}) {
    testing::for_each_leading_jet(process, 30, 33, [&](const fastjet::PseudoJet& jet) {
      // FastJet's trimming of the jet, and ours of its constituents in the order FastJet lists them.
      const fastjet::PseudoJet reference = filter(jet);
      const std::vector<fastjet::PseudoJet> constituents = jet.constituents();
      const TrimmedJet ours = trim(view_of(constituents), jet.kt2(), spec);
      CHECK(ours.px == reference.px());
      CHECK(ours.py == reference.py());
      CHECK(ours.pz == reference.pz());
      CHECK(ours.e == reference.e());
      const auto pieces = reference.pieces();
      REQUIRE(ours.kept.size() == pieces.size());
      std::size_t members = 0;
      for (std::size_t k = 0; k < pieces.size(); ++k) {
        CHECK(ours.kept[k].px == pieces[k].px());
        CHECK(ours.kept[k].e == pieces[k].e());
        CHECK(ours.kept[k].members.size() == pieces[k].constituents().size());
        members += ours.kept[k].members.size();
      }
      CHECK(members == reference.constituents().size());
      dropped += static_cast<int>(constituents.size() - members);
      ++jets;
    });
  }
  CHECK(jets >= 80);
  CHECK(dropped > 10 * jets);  // trimming does remove soft radiation from these jets
}

TEST_CASE("trimming: a subjet just below fcut is dropped, one just above is kept") {
  // A 300 GeV core and a wide-angle subjet of 15.9 (below 5 % of 315.9) or 16.1 GeV (above 5 % of 316.1).
  for (const double soft : {15.9, 16.1}) {
    const std::vector<fastjet::PseudoJet> particles = {fastjet::PseudoJet(300, 0, 0, 300),
                                                       fastjet::PtYPhiM(soft, 0.5, 0.5)};
    const fastjet::PseudoJet jet = fastjet::join(particles);
    const TrimmedJet trimmed = trim(view_of(particles), jet.kt2(), TrimSpec{0.2, 0.05});
    CHECK(trimmed.kept.size() == (soft > 0.05 * jet.pt() ? 2u : 1u));
  }
}
