import { type Diagnostic, diagnosticAt, type Fix } from "../diagnostics/diagnostic";
import type { ProgramKind } from "../loader/sections";
import type { Span } from "../source/source-file";
import type { Expr } from "../syntax/ast";
import { sizeOf } from "../types/ctypes";
import type { FunctionSymbol } from "../types/symbols";
import { type AbsValue, type MapValuePointer, PACKET_META_ID } from "./abstract-values";
import type { AnalysisInput } from "./analysis-input";
import { btfWriteProblem } from "./btf-values";
import {
  contextOffsetProblem,
  mapValueOffsetProblem,
  memoryAccessProblem,
  type Problem,
  socketAccessProblem,
} from "./computed-offsets";
import { contextAccessAllowed } from "./context-access";
import type { Environment } from "./environment";
import { lockAccessProblem } from "./spin-locks";
import { frameOffset } from "./stack";

/**
 * The memory checks of the verifier: whether an access through a pointer is one the kernel
 * allows (check_mem_access, for each kind of pointer), in its words. The expression analysis
 * builds on it; what it reports is the analysis's errors.
 */
/** The largest variable offset the kernel lets a pointer carry (BPF_MAX_VAR_OFF). */
const MAX_VAR_OFF = 1n << 29n;

export abstract class AccessChecker {
  readonly errors: Diagnostic[] = [];

  constructor(
    protected readonly input: AnalysisInput,
    protected readonly fn: FunctionSymbol,
    /** The kind of the program being loaded (a subprogram is checked as part of it). */
    protected readonly kind: ProgramKind,
    protected readonly isEntry: boolean,
  ) {}

  protected checkAccess(
    base: AbsValue,
    size: number,
    write: boolean,
    span: Span,
    expr: Expr,
    env: Environment,
  ): void {
    switch (base.kind) {
      case "packet": {
        if (base.variable && base.variable.min < 0n) {
          this.error(
            span,
            "min value is negative, either use unsigned index or do a if (index >=0) check.",
            "The index added to this packet pointer may be negative as far as the verifier knows. Make it unsigned, or check that it is not negative first. (The kernel's message also names the register.)",
            undefined,
          );
          return;
        }
        const range = env.rangeOf(base.id);
        // data_meta's own id is the kernel's 0, as data's is.
        const id = base.id === PACKET_META_ID ? 0 : (base.id ?? 0);
        if (base.off < 0 || base.off + size > range)
          this.error(
            span,
            `invalid access to packet, off=${base.off} size=${size}, R1(id=${id},off=${base.off},r=${range})`,
            base.meta && !base.variable
              ? `Metadata bytes may be read only after a check against data proves they are there: add \`if (meta + ${base.off + size} > data) return …;\` first.`
              : base.variable
                ? `This pointer was moved by a computed index (${base.variable.min} to ${base.variable.max} bytes), so the checks made on \`data\` do not cover it: check the moved pointer itself, \`if ((void *)p + ${base.off + size} > data_end) return …;\`, with the index bounded to at most 0xffff. (The register and id in the kernel's message are clang's and the kernel's own.)`
                : `Packet bytes may be read only after a check against data_end proves they are there: add \`if (data + ${base.off + size} > data_end) return …;\` first.`,
            undefined,
          );
        return;
      }
      case "map_value":
        if (base.nullable && this.nullDereference(base, expr)) return;
        if (base.variable) this.report(span, mapValueOffsetProblem(base, size));
        else if (base.off < 0 || base.off + size > base.valueSize)
          this.error(
            span,
            `invalid access to map value, value_size=${base.valueSize} off=${base.off} size=${size}`,
            `This reaches past the end of the ${base.valueSize}-byte value of ${base.name}.`,
            undefined,
          );
        else if (lockAccessProblem(base, size)) this.report(span, lockAccessProblem(base, size));
        else if (
          write &&
          ((base.name === ".rodata" && !this.storeDeletedByClang(expr)) ||
            base.name === ".kconfig" ||
            base.readOnly)
        )
          this.error(
            span,
            `write into map forbidden, value_size=${base.valueSize} off=${base.off} size=${size}`,
            base.readOnly
              ? `${base.name} is read-only to programs (a device map always is; others with BPF_F_RDONLY_PROG): only user space writes it.`
              : "Constants live in a read-only map.",
            undefined,
          );
        return;
      case "sock":
        this.report(span, socketAccessProblem(base, size, write));
        return;
      case "scalar":
        this.error(
          span,
          "invalid mem access 'scalar'",
          base.invalidatedBy
            ? `This pointer into the packet was made before a call to ${base.invalidatedBy}, which may move or resize the packet: the verifier forgets every packet pointer at that call. Read skb->data and skb->data_end again after it, and check the bounds again. (The kernel's message also names the register.)`
            : "This pointer is a number to the verifier (an integer cast to a pointer, or a tracing argument outside a BTF-typed program): a program may not read memory through it. Read kernel memory with bpf_probe_read_kernel (or BPF_CORE_READ) instead.",
          undefined,
        );
        return;
      case "mem":
        this.report(span, memoryAccessProblem(base, size));
        return;
      case "btf":
        if (base.nullable)
          this.error(
            span,
            "invalid mem access 'trusted_ptr_or_null_'",
            `An iterator's ${base.struct} may be NULL (the iteration's end): check the pointer before reading through it.`,
            undefined,
          );
        else if (write) this.report(span, btfWriteProblem(this.kind, base, size));
        return;
      case "stack":
        // An index the kernel cannot bound to less than 2^29 bytes either way (BPF_MAX_VAR_OFF,
        // check_stack_access_within_bounds) is refused before the frame is even looked at.
        if (base.variable && (base.variable.max >= MAX_VAR_OFF || base.variable.min <= -MAX_VAR_OFF))
          this.error(
            span,
            `invalid unbounded variable-offset ${write ? "write to" : "read from"} stack`,
            `The index into '${base.symbol.name}' can be anything the verifier knows of its type: bound it first (\`if (i >= sizeof(${base.symbol.name})) return …;\` or \`i &= 15\`).`,
            undefined,
          );
        return;
      case "ctx":
        if (base.variable || base.registerOffset) this.report(span, contextOffsetProblem(base));
        else if (this.kind && !contextAccessAllowed(this.kind, base.off, size, write))
          this.error(
            span,
            `invalid bpf_context access off=${base.off} size=${size}`,
            write
              ? `A ${this.kind.type} program may not write this field of its context; only a few (such as mark, priority and cb[]) are writable.`
              : `A ${this.kind.type} program may not read the context at this offset and size.`,
            undefined,
          );
        return;
      case "packet_end":
        this.error(
          span,
          "invalid mem access 'pkt_end'",
          "data_end marks where the packet stops: it is for comparing, not for reading. Read through `data` (or a pointer made from it) after checking it against data_end. (The kernel's message also names the register.)",
          undefined,
        );
        return;
      default:
        return;
    }
  }

  /** An error for a problem an access check found, if it found one. */
  protected report(span: Span, problem: Problem | null): void {
    if (problem) this.error(span, problem.message, problem.explanation, undefined);
  }

  /** A helper reading `size` bytes through a pointer argument in register `reg`. */
  protected checkHelperMemory(
    pointer: AbsValue | undefined,
    size: number,
    reg: number,
    arg: Expr | undefined,
    what: string,
    stackRead = true,
  ): void {
    if (!pointer || !arg) return;
    if (
      pointer.kind === "map_value" &&
      !pointer.nullable &&
      (pointer.off + size > pointer.valueSize || pointer.off < 0)
    ) {
      this.error(
        arg.span,
        `invalid access to map value, value_size=${pointer.valueSize} off=${pointer.off} size=${size}`,
        `${what} is read as ${size} bytes, but it points into ${pointer.name}, which holds only ${pointer.valueSize - pointer.off} byte(s) from there.`,
        undefined,
      );
    } else if (pointer.kind === "stack" && size === 0) {
      this.error(
        arg.span,
        "invalid zero-sized read",
        `${what} has no bytes in this map (a queue, stack or bloom filter has no key): use bpf_map_push_elem, bpf_map_pop_elem or bpf_map_peek_elem.`,
        undefined,
      );
    } else if (pointer.kind === "stack" && stackRead) {
      // Past the local the read goes on into its neighbours, which a privileged loader may
      // read even unwritten (allow_uninit_stack); only past the frame's top is it refused.
      const held = sizeOf(pointer.symbol.type) - pointer.off;
      const placed = frameOffset(this.input.program, this.fn, pointer.symbol);
      const off = placed === null ? -held : placed + pointer.off;
      if (held < size && off + size > 0)
        this.error(
          arg.span,
          `invalid read from stack R${reg} off=${off} size=${size}`,
          `${what} is read as ${size} bytes, but '${pointer.symbol.name}' is only ${held} byte(s): declare it as a ${size}-byte type such as __u${size * 8}.`,
          undefined,
        );
    } else if (pointer.kind === "map_value" && pointer.nullable) {
      this.nullDereference(pointer, arg);
    }
  }

  /**
   * A lookup result used before a NULL check: refused, unless the kernel proves it cannot be
   * NULL (an array, a constant in-range key on the stack, a privileged loader: Linux ≥ 6.13,
   * kernel-facts §2.7), when it loads and Tailscope adds a note, once per lookup, since older
   * kernels and unprivileged loaders refuse it. Whether the access was refused.
   */
  protected nullDereference(pointer: MapValuePointer, expr: Expr): boolean {
    const name = this.rootName(expr);
    if (pointer.elidable) {
      if (!this.notedLookups.has(pointer.id)) {
        this.notedLookups.add(pointer.id);
        this.warnings.push(
          diagnosticAt(expr.span, {
            severity: "note",
            stage: "verify",
            message: "this lookup cannot fail: Linux 6.13 and later load it without a NULL check",
            explanation: `The map is an array and the key a constant on the stack within its max_entries, so the kernel (6.13 and later, loading as root) types the result as never NULL and loads the program. Older kernels and unprivileged loaders refuse it with R0 invalid mem access 'map_value_or_null': for portable code, add \`if (!${name ?? "ptr"}) return …;\` before using it.`,
          }),
        );
      }
      return false;
    }
    this.error(
      expr.span,
      `R${pointer.saved ? 6 : 0} invalid mem access 'map_value_or_null'`,
      `bpf_map_lookup_elem returns NULL when the key is not found, and ${name ? `'${name}'` : "this pointer"} is used before any check against NULL on this path${this.checksOtherPointer ? ` (the check above tests '${this.checksOtherPointer}', which is never NULL)` : ""}. Add \`if (!${name ?? "ptr"}) return …;\` before using it.`,
      undefined,
    );
    return true;
  }

  /** Lookups a note about the kernel's NULL elision was given for. */
  private readonly notedLookups = new Set<number>();

  /** Warnings and notes the analysis gives beside its errors. */
  readonly warnings: Diagnostic[] = [];

  /**
   * A store that is not volatile into a const global: the object cannot change, so clang
   * deletes the store as undefined and folds the global's loads to its initial value; the
   * kernel never sees a write. Only a volatile store (`*(volatile int *)&limit = 3`) is kept.
   */
  protected storeDeletedByClang(expr: Expr): boolean {
    if (this.input.program.exprTypes[expr.id]?.volatile === true) return false;
    let current: Expr = expr;
    while (
      current.kind === "member" ||
      current.kind === "index" ||
      current.kind === "unary" ||
      current.kind === "cast"
    )
      current =
        current.kind === "member"
          ? current.object
          : current.kind === "index"
            ? current.array
            : current.operand;
    if (current.kind !== "ident") return false;
    const symbol = this.input.program.references[current.id];
    return symbol?.kind === "variable" && symbol.storage === "global";
  }

  /** The local an access goes through (`ctx2` in `ctx2->value_from_1`), for messages. */
  protected rootName(expr: Expr): string | null {
    let current: Expr = expr;
    for (;;) {
      if (current.kind === "member" || current.kind === "index")
        current = current.kind === "member" ? current.object : current.array;
      else if (current.kind === "unary" || current.kind === "cast") current = current.operand;
      else break;
    }
    return current.kind === "ident" ? current.name : null;
  }

  /** A pointer the function tests for NULL that can never be NULL (the seed's `if (!ctx)`). */
  protected checksOtherPointer: string | null = null;

  protected error(span: Span, message: string, explanation: string, fix: Fix | undefined): void {
    this.errors.push(
      diagnosticAt(span, {
        severity: "error",
        stage: "verify",
        message,
        explanation,
        ...(fix ? { fix } : {}),
      }),
    );
  }
}
