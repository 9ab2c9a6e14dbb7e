/**
 * The change each lesson's exercise asks for, as edits of the lesson's own files: what a
 * student would type. Shared by the Node test of the checks and the e2e test of the panel.
 */
export type Files = Record<string, string>;

/** A file with replacements made, each of which must apply. */
function edit(files: Files, name: string, ...changes: [string, string][]): Files {
  let text = files[name];
  if (text === undefined) throw new Error(`no file ${name}`);
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`${name}: no ${JSON.stringify(from)} to replace`);
    text = text.split(from).join(to);
  }
  return { ...files, [name]: text };
}

export const exerciseSolutions: Record<
  string,
  (files: Files, main: string, seed: { files: Files; main: string }) => Files
> = {
  "01-seed-fixed": (files, main) =>
    edit(files, main, ["ctx2->value_from_2 = 22;", "ctx2->value_from_2 = 33;"]),
  // The published seed's file, replaced by the fixed seed's (its maps.h comes along).
  "02-seed-as-published": (_files, main, seed) => ({ ...seed.files, [main]: seed.files[seed.main] }),
  "03-why-per-cpu": (files, main) =>
    edit(
      files,
      main,
      ["__u32 zero = 0;", "__u32 zero = bpf_get_smp_processor_id();"],
      ["__uint(max_entries, 1);", "__uint(max_entries, 4);"],
    ),
  "04-tail-call-limit": (files, main) =>
    edit(files, main, [
      "*count += 1;",
      "*count += 1;\n\tif (*count > 10) {\n\t\t*count = 0;\n\t\treturn 1;\n\t}",
    ]),
  "05-empty-and-out-of-range": (files, main) =>
    edit(
      files,
      main,
      [
        "int handle_c(struct __sk_buff *skb);",
        "int handle_c(struct __sk_buff *skb);\nint handle_b(struct __sk_buff *skb);",
      ],
      ["[0] = (void *)&handle_a,", "[0] = (void *)&handle_a, [1] = (void *)&handle_b,"],
    ),
  "06-packet-parser": (files, main) =>
    edit(files, main, ["? TC_ACT_SHOT : TC_ACT_OK", "? TC_ACT_OK : TC_ACT_OK"]),
  "07-xdp-dispatcher": (files, main) =>
    edit(files, main, [
      'bpf_printk("xdp_tcp: drop");\n\treturn count(XDP_DROP);',
      'bpf_printk("xdp_tcp: pass");\n\treturn count(XDP_PASS);',
    ]),
  "08-tc-classifier": (files, main) =>
    edit(files, main, [
      'bpf_printk("tc_mark: mark %u, TC_ACT_SHOT", skb->mark);\n\t\treturn TC_ACT_SHOT;',
      'bpf_printk("tc_mark: mark %u, let through", skb->mark);\n\t\treturn TC_ACT_OK;',
    ]),
  "09-bpf2bpf-and-tail-calls": (files, main) => edit(files, main, ["bpf_tail_call(skb, &next, 0);", ""]),
};
