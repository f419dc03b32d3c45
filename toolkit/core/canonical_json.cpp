#include "toolkit/core/canonical_json.h"

#include "toolkit/core/sha256.h"

namespace jetstudy::core {

std::string canonical_json(const nlohmann::json& value) {
  // dump() without indentation; ensure_ascii keeps the bytes independent of the locale and terminal.
  return value.dump(-1, ' ', /*ensure_ascii=*/true);
}

std::string content_hash(const nlohmann::json& value) { return sha256_hex(canonical_json(value)); }

}  // namespace jetstudy::core
