#include "toolkit/events/pdg_charge.h"

#include <array>
#include <cstdlib>

namespace jetstudy::events {
namespace {

// Three times the charge of codes 1..40: quarks d u s c b t b' t', leptons, gauge and Higgs bosons.
constexpr std::array<int, 41> kFundamental = {
    0,                                      // 0
    -1, 2, -1, 2, -1, 2, -1, 2,             // 1-8: d u s c b t b' t'
    0, 0,                                   // 9, 10
    -3, 0, -3, 0, -3, 0, -3, 0,             // 11-18: e nu_e mu nu_mu tau nu_tau tau' nu_tau'
    0, 0,                                   // 19, 20
    0, 0, 0, 3, 0, 0, 0, 0, 0, 0,           // 21-30: g gamma Z W+ h ...
    0, 0, 0, 3, 0, 0, 3, 0, 0, 0};          // 31-40: Z' W'+ (34), H+ (37)

int quark_three_charge(int flavour) { return flavour >= 1 && flavour <= 8 ? kFundamental[flavour] : 0; }

}  // namespace

int pdg_three_charge(int pid) {
  const int sign = pid < 0 ? -1 : 1;
  const int code = std::abs(pid);
  if (code <= 40) return sign * kFundamental[code];
  if (code >= 1000000000) return sign * 3 * ((code / 10000) % 1000);  // nucleus 10LZZZAAAI: Z protons
  const int q1 = (code / 1000) % 10;
  const int q2 = (code / 100) % 10;
  const int q3 = (code / 10) % 10;
  if (q2 == 0 || q3 == 0) return 0;  // not a hadron in the scheme (e.g. 81-100: generator-specific)
  if (q1 != 0) {                      // baryon (or diquark with q3 = 0, excluded above)
    return sign * (quark_three_charge(q1) + quark_three_charge(q2) + quark_three_charge(q3));
  }
  // Meson q2 q3-bar; by convention the positive code has the heavier quark as the antiquark when that quark
  // is down-type (K+ = u s-bar = 321, B+ = u b-bar = 521), as the quark otherwise (D+ = c d-bar = 411).
  const int three_charge = (q2 == 3 || q2 == 5 || q2 == 7)
                               ? quark_three_charge(q3) - quark_three_charge(q2)
                               : quark_three_charge(q2) - quark_three_charge(q3);
  return sign * three_charge;
}

}  // namespace jetstudy::events
