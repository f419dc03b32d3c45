#include "toolkit/images/image_checksum.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "toolkit/core/error.h"

namespace jetstudy::images {
namespace {

double relative_difference(double a, double b) {
  const double scale = std::max(std::abs(a), std::abs(b));
  return scale > 0 ? std::abs(a - b) / scale : 0.0;
}

}  // namespace

void ImageChecksum::add(const ImageView& image) {
  ++images;
  const double row_middle = 0.5 * static_cast<double>(image.height - 1);
  const double column_middle = 0.5 * static_cast<double>(image.width - 1);
  for (std::int64_t c = 0; c < image.channels; ++c) {
    for (std::int64_t h = 0; h < image.height; ++h) {
      const double dh = static_cast<double>(h) - row_middle;
      for (std::int64_t w = 0; w < image.width; ++w) {
        const double p = image.at(c, h, w);
        if (p == 0) continue;
        const double dw = static_cast<double>(w) - column_middle;
        total += p;
        row_moment += p * static_cast<double>(h);
        column_moment += p * static_cast<double>(w);
        row_spread += p * dh * dh;
        column_spread += p * dw * dw;
      }
    }
    central_pixel += image.at(c, image.height / 2, image.width / 2);
  }
}

double ImageChecksum::max_relative_difference(const ImageChecksum& other) const {
  if (images != other.images) return 1.0;
  return std::max({relative_difference(total, other.total), relative_difference(row_moment, other.row_moment),
                   relative_difference(column_moment, other.column_moment),
                   relative_difference(row_spread, other.row_spread),
                   relative_difference(column_spread, other.column_spread),
                   relative_difference(central_pixel, other.central_pixel)});
}

std::string ImageChecksum::description() const {
  return fmt::format(
      "images {}, total {:.7g}, row_moment {:.7g}, column_moment {:.7g}, row_spread {:.7g}, column_spread {:.7g}, "
      "central_pixel {:.7g}",
      images, total, row_moment, column_moment, row_spread, column_spread, central_pixel);
}

nlohmann::json checksum_json(const ImageChecksum& checksum) {
  return {{"images", checksum.images},         {"total", checksum.total},
          {"row_moment", checksum.row_moment}, {"column_moment", checksum.column_moment},
          {"row_spread", checksum.row_spread}, {"column_spread", checksum.column_spread},
          {"central_pixel", checksum.central_pixel}};
}

ImageChecksum checksum_from_json(const nlohmann::json& json) {
  auto number = [&](const char* key) {
    if (!json.is_object() || !json.contains(key) || !json.at(key).is_number()) {
      throw core::InputError(std::string("image checksum: '") + key + "' is missing or not a number in " +
                             json.dump());
    }
    return json.at(key).get<double>();
  };
  ImageChecksum checksum;
  checksum.images = static_cast<std::int64_t>(number("images"));
  checksum.total = number("total");
  checksum.row_moment = number("row_moment");
  checksum.column_moment = number("column_moment");
  checksum.row_spread = number("row_spread");
  checksum.column_spread = number("column_spread");
  checksum.central_pixel = number("central_pixel");
  return checksum;
}

ImageChecksum image_checksum(const ImageBuilder& builder, const std::vector<jets::Jet>& jets) {
  ImageChecksum checksum;
  JetImage image{builder.channels(), builder.height(), builder.width(),
                 std::vector<float>(static_cast<std::size_t>(builder.image_size())), 0, builder.extent()};
  for (const auto& jet : jets) {
    builder.build_into(jet, image.pixels.data());
    checksum.add(image.view());
  }
  return checksum;
}

}  // namespace jetstudy::images
