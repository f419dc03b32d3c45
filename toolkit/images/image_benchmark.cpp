#include "toolkit/images/image_benchmark.h"

#include <chrono>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "toolkit/core/error.h"
#include "toolkit/images/center.h"
#include "toolkit/images/flip.h"
#include "toolkit/images/normalize.h"
#include "toolkit/images/rotate.h"

namespace jetstudy::images {

ImageSpec benchmark_image_spec() {
  ImageSpec spec;
  spec.constituent_steps = {std::make_shared<Center>(CenterOn::leading_subjet),
                            std::make_shared<RotateConstituents>(RotateTo::principal_axis), std::make_shared<Flip>()};
  return spec;
}

ImageSpec numpy_peer_image_spec() {
  ImageSpec spec;
  spec.constituent_steps = {std::make_shared<Center>(CenterOn::pt_centroid),
                            std::make_shared<RotateConstituents>(RotateTo::principal_axis), std::make_shared<Flip>()};
  spec.image_steps = {std::make_shared<Normalize>(Norm::l1)};
  return spec;
}

ImageBenchmark benchmark_image_builder(const ImageBuilder& builder, const std::vector<jets::Jet>& jets, int threads,
                                       double min_seconds) {
  if (jets.empty()) throw core::InputError("bench images: no jets to make images of");
  if (threads < 1) throw core::InputError("bench images: threads must be >= 1");
  const auto n = static_cast<std::int64_t>(jets.size());
  const auto size = builder.image_size();
  auto one_pass = [&] {
    if (threads == 1) {
      std::vector<float> slot(static_cast<std::size_t>(size));
      for (const auto& jet : jets) builder.build_into(jet, slot.data());
      return;
    }
    tbb::parallel_for(tbb::blocked_range<std::int64_t>(0, n, 64), [&](const tbb::blocked_range<std::int64_t>& range) {
      std::vector<float> slot(static_cast<std::size_t>(size));
      for (auto i = range.begin(); i < range.end(); ++i) builder.build_into(jets[i], slot.data());
    });
  };

  ImageBenchmark result;
  result.threads = threads;
  tbb::task_arena arena(threads);
  const auto start = std::chrono::steady_clock::now();
  do {
    arena.execute(one_pass);
    result.images += n;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (result.seconds < min_seconds);
  return result;
}

}  // namespace jetstudy::images
