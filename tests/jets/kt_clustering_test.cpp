#include "toolkit/jets/kt_clustering.h"

#include <catch2/catch.hpp>

#include <algorithm>

#include <fastjet/ClusterSequence.hh>

#include "tests/jets/generated_constituents.h"
#include "toolkit/jets/pseudojets.h"

using namespace jetstudy::jets;
namespace gen = jetstudy::events::generator;

namespace {

bool same_four_momentum(const KtPiece& piece, const fastjet::PseudoJet& jet) {
  return piece.px == jet.px() && piece.py == jet.py() && piece.pz == jet.pz() && piece.e == jet.e();
}

std::vector<int> sorted_user_indices(const std::vector<fastjet::PseudoJet>& particles) {
  std::vector<int> indices;
  for (const auto& p : particles) indices.push_back(p.user_index());
  std::sort(indices.begin(), indices.end());
  return indices;
}

std::vector<int> sorted_members(const KtPiece& piece) {
  std::vector<int> members(piece.members.begin(), piece.members.end());
  std::sort(members.begin(), members.end());
  return members;
}

}  // namespace

TEST_CASE("kt_clustering: inclusive kT pieces of R = 0.2 are FastJet's inclusive_jets to the last bit, in its order") {
  int jets = 0, pieces = 0;
  for (const auto process : {gen::Process::top, gen::Process::qcd}) {
    for (const auto& constituents : testing::leading_jet_constituents(process, 40, 31)) {
      const fastjet::ClusterSequence sequence(
          constituents, fastjet::JetDefinition(fastjet::kt_algorithm, 0.2, fastjet::E_scheme, fastjet::N2Plain));
      const std::vector<fastjet::PseudoJet> reference = sequence.inclusive_jets();
      const std::vector<KtPiece> ours = inclusive_kt_pieces(view_of(constituents), 0.2);
      REQUIRE(ours.size() == reference.size());
      for (std::size_t k = 0; k < ours.size(); ++k) {
        CHECK(same_four_momentum(ours[k], reference[k]));
        CHECK(sorted_members(ours[k]) == sorted_user_indices(reference[k].constituents()));
        ++pieces;
      }
      ++jets;
    }
  }
  CHECK(jets >= 70);
  CHECK(pieces > 5 * jets);
}

TEST_CASE("kt_clustering: inclusive kT pieces above a pT are FastJet's inclusive_jets(ptmin), in its order") {
  int jets = 0, kept = 0, left_out = 0;
  for (const auto& constituents : testing::leading_jet_constituents(gen::Process::top, 30, 34)) {
    const fastjet::ClusterSequence sequence(
        constituents, fastjet::JetDefinition(fastjet::kt_algorithm, 0.2, fastjet::E_scheme, fastjet::N2Plain));
    const double pt_min = 0.05 * fastjet::join(constituents).pt();
    const std::vector<fastjet::PseudoJet> reference = sequence.inclusive_jets(pt_min);
    const std::vector<KtPiece> ours = inclusive_kt_pieces(view_of(constituents), 0.2, pt_min * pt_min);
    REQUIRE(ours.size() == reference.size());
    for (std::size_t k = 0; k < ours.size(); ++k) {
      CHECK(same_four_momentum(ours[k], reference[k]));
      CHECK(sorted_members(ours[k]) == sorted_user_indices(reference[k].constituents()));
    }
    kept += static_cast<int>(ours.size());
    left_out += static_cast<int>(sequence.inclusive_jets().size() - ours.size());
    ++jets;
  }
  CHECK(jets >= 25);
  CHECK(kept >= jets);
  CHECK(left_out > 5 * jets);  // most of the pieces are below 5 % of the jet's pT
}

TEST_CASE("kt_clustering: exclusive kT pieces are FastJet's exclusive_jets to the last bit, for N = 1..4") {
  int compared = 0;
  for (const auto& constituents : testing::leading_jet_constituents(gen::Process::top, 30, 32)) {
    const fastjet::ClusterSequence sequence(
        constituents, fastjet::JetDefinition(fastjet::kt_algorithm, fastjet::JetDefinition::max_allowable_R,
                                             fastjet::E_scheme, fastjet::N2Plain));
    for (std::size_t n = 1; n <= 4; ++n) {
      auto reference = sequence.exclusive_jets(static_cast<int>(n));
      auto ours = exclusive_kt_pieces(view_of(constituents), n);
      REQUIRE(ours.size() == n);
      // The same jets; the order in which they are listed is not part of the contract.
      std::sort(reference.begin(), reference.end(),
                [](const fastjet::PseudoJet& a, const fastjet::PseudoJet& b) { return a.kt2() > b.kt2(); });
      std::sort(ours.begin(), ours.end(), [](const KtPiece& a, const KtPiece& b) { return a.pt2() > b.pt2(); });
      for (std::size_t k = 0; k < n; ++k) CHECK(same_four_momentum(ours[k], reference[k]));
    }
    ++compared;
  }
  CHECK(compared >= 25);
}

TEST_CASE("kt_clustering: no constituents give no pieces, and at most N constituents are each their own piece") {
  CHECK(inclusive_kt_pieces(ConstituentView{}, 0.2).empty());
  CHECK(exclusive_kt_pieces(ConstituentView{}, 2).empty());
  CHECK(exclusive_kt_axes(ConstituentView{}, KtRecombination::wta_pt)[0].empty());
  const std::vector<fastjet::PseudoJet> two = {fastjet::PseudoJet(100, 0, 10, 100.5),
                                               fastjet::PseudoJet(0, 50, -5, 50.25)};
  const auto pieces = exclusive_kt_pieces(view_of(two), 3);
  REQUIRE(pieces.size() == 2);
  CHECK(pieces[0].px + pieces[1].px == 100);
  // Two particles 90 degrees apart are never within R = 0.2: two inclusive pieces of one member each.
  const auto inclusive = inclusive_kt_pieces(view_of(two), 0.2);
  REQUIRE(inclusive.size() == 2);
  CHECK(inclusive[0].members.size() == 1);
  CHECK(inclusive[1].members.size() == 1);
  // The axes: one merging leaves one axis; N = 2 is not below the two constituents.
  const auto axes = exclusive_kt_axes(view_of(two), KtRecombination::wta_pt);
  CHECK(axes[0].size() == 1);
  CHECK(axes[1].empty());
}

TEST_CASE("kt_clustering: both axis kinds from one start are the two separate clusterings' to the last bit") {
  const auto same = [](const AxesByN& a, const AxesByN& b) {
    for (std::size_t n = 0; n < a.size(); ++n) {
      if (a[n].size() != b[n].size()) return false;
      for (std::size_t k = 0; k < a[n].size(); ++k) {
        if (a[n][k].y != b[n][k].y || a[n][k].phi != b[n][k].phi) return false;
      }
    }
    return true;
  };
  int jets = 0;
  for (const auto process : {gen::Process::top, gen::Process::w, gen::Process::qcd}) {
    for (const auto& constituents : testing::leading_jet_constituents(process, 20, 41)) {
      const ConstituentView view = view_of(constituents);
      const ExclusiveKtAxes both = exclusive_kt_axes_both(view);
      CHECK(same(both.e_scheme, exclusive_kt_axes(view, KtRecombination::e_scheme)));
      CHECK(same(both.wta, exclusive_kt_axes(view, KtRecombination::wta_pt)));
      CHECK_FALSE(same(both.e_scheme, both.wta));  // the two kinds do differ
      ++jets;
    }
  }
  CHECK(jets >= 50);
  CHECK(exclusive_kt_axes_both(ConstituentView{}).wta[0].empty());
}
