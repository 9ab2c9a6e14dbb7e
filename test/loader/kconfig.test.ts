import { describe, expect, it } from "vitest";
import { compile } from "../../src/engine";
import kernelConfig from "../../src/engine/target/kernel-config.json" with { type: "json" };

/** A tc program reading one __kconfig extern: the load's first error, or the extern's bytes. */
function kconfig(declaration: string, name: string): { error?: string; hex?: string } {
  const source = `#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>
char LICENSE[] SEC("license") = "GPL";
${declaration}
SEC("tc")
int p(struct __sk_buff *skb) { return *(volatile char *)&${name} ? 0 : 1; }
`;
  const result = compile({ files: { "p.c": source }, main: "p.c" });
  const error = result.diagnostics.find((d) => d.severity === "error")?.message;
  if (error) return { error };
  const global = result.object?.globals.find((g) => g.name === name);
  return { hex: global ? Buffer.from(global.initial).toString("hex") : undefined };
}

describe("__kconfig externs, as libbpf 1.1 fills them from this kernel's configuration", () => {
  const options = kernelConfig.options as Record<string, string>;

  it("read yes/no options as bool, char and enum libbpf_tristate", () => {
    expect(options.CONFIG_NET).toBe("y");
    expect(kconfig("extern _Bool CONFIG_NET __kconfig;", "CONFIG_NET")).toEqual({ hex: "01" });
    expect(kconfig("extern char CONFIG_NET __kconfig;", "CONFIG_NET")).toEqual({ hex: "79" });
    expect(kconfig("extern enum libbpf_tristate CONFIG_NET __kconfig;", "CONFIG_NET")).toEqual({
      hex: "01000000",
    });
    expect(kconfig("extern int CONFIG_NET __kconfig;", "CONFIG_NET").error).toBe(
      "extern (kcfg) 'CONFIG_NET': value 'y' implies bool, tristate, or char type",
    );
  });

  it("read numbers into integers that hold them, and strings into char arrays, cut to fit", () => {
    expect(options.CONFIG_HZ).toBe("250");
    expect(kconfig("extern unsigned short CONFIG_HZ __kconfig;", "CONFIG_HZ")).toEqual({ hex: "fa00" });
    expect(kconfig("extern signed char CONFIG_HZ __kconfig;", "CONFIG_HZ").error).toBe(
      "extern (kcfg) 'CONFIG_HZ': value '250' doesn't fit in 1 bytes",
    );
    expect(options.CONFIG_DEFAULT_HOSTNAME).toBe('"(none)"');
    expect(kconfig("extern char CONFIG_DEFAULT_HOSTNAME[4] __kconfig;", "CONFIG_DEFAULT_HOSTNAME")).toEqual({
      hex: "286e6f00",
    });
    expect(kconfig("extern int CONFIG_DEFAULT_HOSTNAME __kconfig;", "CONFIG_DEFAULT_HOSTNAME").error).toBe(
      `extern (kcfg) 'CONFIG_DEFAULT_HOSTNAME': value '"(none)"' implies char array type`,
    );
  });

  it("give 0 for a __weak option the kernel does not set, and fail the load for a strong one", () => {
    expect(kconfig("extern _Bool CONFIG_NOT_SET_HERE __kconfig __weak;", "CONFIG_NOT_SET_HERE")).toEqual({
      hex: "00",
    });
    expect(kconfig("extern _Bool CONFIG_NOT_SET_HERE __kconfig;", "CONFIG_NOT_SET_HERE").error).toBe(
      "extern 'CONFIG_NOT_SET_HERE' (strong): not resolved",
    );
  });

  it("know libbpf's LINUX_ facts and no other", () => {
    const version = kernelConfig.virtual.LINUX_KERNEL_VERSION;
    const hex = Buffer.alloc(4);
    hex.writeUInt32LE(version);
    expect(kconfig("extern unsigned int LINUX_KERNEL_VERSION __kconfig;", "LINUX_KERNEL_VERSION")).toEqual({
      hex: hex.toString("hex"),
    });
    expect(kconfig("extern int LINUX_NOT_A_FACT __kconfig;", "LINUX_NOT_A_FACT").error).toBe(
      "extern (kcfg) 'LINUX_NOT_A_FACT': unrecognized virtual extern",
    );
    expect(kconfig("extern int LINUX_NOT_A_FACT __kconfig __weak;", "LINUX_NOT_A_FACT")).toEqual({
      hex: "00000000",
    });
  });
});
