#include "toolkit/jets/groom_spec.h"

#include <cmath>
#include <sstream>

#include "toolkit/core/error.h"

namespace jetstudy::jets {
namespace {

template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};

void require(bool ok, const std::string& groomer, const std::string& parameter, const std::string& range,
             double value) {
  if (ok) return;
  std::ostringstream message;
  message << groomer << " " << parameter << " must be " << range << " (got " << value << ")";
  throw core::InputError(message.str());
}

bool in_unit_interval(double value) { return std::isfinite(value) && value >= 0 && value < 1; }

}  // namespace

std::string groom_name(const GroomSpec& groom) {
  return std::visit(Overloaded{
                        [](const NoGroom&) { return "none"; },
                        [](const TrimSpec&) { return "trim"; },
                        [](const PruneSpec&) { return "prune"; },
                        [](const SoftDropSpec&) { return "soft_drop"; },
                        [](const MmdtSpec&) { return "mmdt"; },
                    },
                    groom);
}

std::string describe_groom(const GroomSpec& groom) {
  std::ostringstream text;
  std::visit(Overloaded{
                 [&](const NoGroom&) {},
                 [&](const TrimSpec& s) { text << "trimmed (kT R_sub=" << s.subjet_R << ", fcut=" << s.fcut << ")"; },
                 [&](const PruneSpec& s) {
                   text << "pruned (C/A, zcut=" << s.zcut << ", Rcut_factor=" << s.rcut_factor << ")";
                 },
                 [&](const SoftDropSpec& s) {
                   text << "soft drop (beta=" << s.beta << ", zcut=" << s.zcut << ", R0=";
                   if (s.R0 > 0) text << s.R0;
                   else text << "jet R";
                   text << ")";
                 },
                 [&](const MmdtSpec& s) {
                   text << "mMDT (zcut=" << s.zcut;
                   if (s.mu < 1) text << ", mu=" << s.mu;
                   text << ")";
                 },
             },
             groom);
  return text.str();
}

void check_groom(const GroomSpec& groom) {
  std::visit(Overloaded{
                 [](const NoGroom&) {},
                 [](const TrimSpec& s) {
                   require(std::isfinite(s.subjet_R) && s.subjet_R > 0, "trimming", "subjet radius", "> 0",
                           s.subjet_R);
                   require(in_unit_interval(s.fcut), "trimming", "fcut", "in [0, 1)", s.fcut);
                 },
                 [](const PruneSpec& s) {
                   require(in_unit_interval(s.zcut), "pruning", "zcut", "in [0, 1)", s.zcut);
                   require(std::isfinite(s.rcut_factor) && s.rcut_factor > 0, "pruning", "rcut_factor", "> 0",
                           s.rcut_factor);
                 },
                 [](const SoftDropSpec& s) {
                   require(std::isfinite(s.beta) && s.beta >= 0, "soft drop", "beta", ">= 0", s.beta);
                   require(in_unit_interval(s.zcut), "soft drop", "zcut", "in [0, 1)", s.zcut);
                   require(std::isfinite(s.R0) && s.R0 >= 0, "soft drop", "R0", ">= 0 (0: the jet radius)", s.R0);
                 },
                 [](const MmdtSpec& s) {
                   require(in_unit_interval(s.zcut), "mMDT", "zcut", "in [0, 1)", s.zcut);
                   require(std::isfinite(s.mu) && s.mu > 0 && s.mu <= 1, "mMDT", "mu", "in (0, 1] (1: no mass drop)",
                           s.mu);
                 },
             },
             groom);
}

}  // namespace jetstudy::jets
