// How a verifier message of Tailscope's is matched with a line of the kernel's log.

const packetState = /R\d+\(id=\d+,/;

/**
 * Whether Tailscope's message is the kernel's log line. The kernel adds instruction numbers
 * Tailscope cannot know ("… at insn 3"), and some lines name the register clang chose ("ctx ptr
 * R3 off=48", "R0 unbounded memory access"), which Tailscope leaves out; the words must match.
 */
export function sayTheSame(line: string, message: string): boolean {
  return (
    line === message ||
    line.startsWith(`${message} at insn `) ||
    // A few messages end without a newline, so the next line of the log runs on after them.
    line.startsWith(`${message}processed `) ||
    line.replace(/ R\d+ /, " ") === message ||
    line.replace(/ R\d+$/, "") === message ||
    line.replace(/^R\d+ /, "") === message ||
    // A leaked reference's id and the instruction that took it are the kernel's own numbers.
    line.replace(/ id=\d+ alloc_insn=\d+$/, "") === message ||
    // A packet pointer's state names clang's register and the kernel's own counter of ids.
    line.replace(packetState, "R(id=,") === message.replace(packetState, "R(id=,")
  );
}
