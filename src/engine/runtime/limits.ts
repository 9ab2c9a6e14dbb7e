/**
 * Tailscope's own limits on a simulated run: not the kernel's (those are in target/kernel.ts),
 * but what keeps a run that got past an approximate verifier from hanging or exhausting the
 * JavaScript engine, and what the trace and the app are built for.
 */

/**
 * CPUs a scenario may simulate. The kernel supports far more; the trace packs a statement's CPU
 * into 6 bits, and the app draws each CPU's lane and node.
 */
export const MAX_CPUS = 64;

/** Bits of a trace word that hold the CPU (see MAX_CPUS). */
export const CPU_BITS = 6;

/** Virtual time: each statement takes this long; a printk line much longer, as in the kernel's traces. */
export const NS_PER_STATEMENT = 10;

/**
 * Statements one packet may run before Tailscope stops it with a fault. The kernel needs no such
 * budget: its verifier only loads programs that provably end. Tailscope's verifier model is an
 * approximation that errs towards loading, so a loop it let through could run for ever; a
 * million statements is far more than any program the kernel accepts runs per packet in practice
 * (its own verifier gives up after processing a million instructions), and still stops in well
 * under a second.
 */
export const RUNAWAY_STATEMENTS = 1_000_000;

/**
 * bpf2bpf calls nested deeper than this stop the packet. The verifier refuses more than 8
 * frames, and a self call clang makes a loop runs as one (codegen/self-loops.ts), so only a
 * program run past the verifier gets here; each C call takes several of JavaScript's frames,
 * and its stack is not endless.
 */
export const MAX_NESTED_CALLS = 512;
