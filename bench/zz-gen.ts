import { generatePackets } from "../src/engine/packets";
import { toHex } from "../src/engine/target/bytes";

const p = generatePackets({ count: 1, cpu: "round-robin", seed: 1, template: "ipv4-udp", size: 64 }, 2);
console.log(toHex(p[0].bytes));
