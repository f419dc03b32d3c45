#include "toolkit/core/interrupt.h"

#include <atomic>
#include <csignal>

#include "toolkit/core/error.h"

namespace jetstudy::core {
namespace {

std::atomic<bool> g_interrupt_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the interrupt flag is set from a signal handler");

extern "C" void on_interrupt_signal(int signal_number) {
  if (g_interrupt_requested.load()) {
    std::signal(signal_number, SIG_DFL);  // second signal: let it kill us
    std::raise(signal_number);
    return;
  }
  g_interrupt_requested.store(true);
}

}  // namespace

void request_interrupt() noexcept { g_interrupt_requested.store(true); }
bool interrupt_requested() noexcept { return g_interrupt_requested.load(); }
void clear_interrupt() noexcept { g_interrupt_requested.store(false); }

void throw_if_interrupted() {
  if (interrupt_requested()) throw Interrupted();
}

void install_interrupt_handlers() {
  std::signal(SIGINT, on_interrupt_signal);
  std::signal(SIGTERM, on_interrupt_signal);
}

}  // namespace jetstudy::core
