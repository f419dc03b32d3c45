// A process-wide "please stop" flag: set from a signal handler (Ctrl-C, SIGTERM) by the CLI, polled by long
// loops (training batches, dataset building), which then throw core::Interrupted at a safe point.
#pragma once

namespace jetstudy::core {

void request_interrupt() noexcept;  // async-signal-safe
bool interrupt_requested() noexcept;
void clear_interrupt() noexcept;

// Throws core::Interrupted if an interrupt was requested.
void throw_if_interrupted();

// Installs handlers for SIGINT and SIGTERM that call request_interrupt(); a second Ctrl-C restores the default
// action, so an impatient user can still kill the process.
void install_interrupt_handlers();

}  // namespace jetstudy::core
