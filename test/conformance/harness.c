// Tailscope's conformance harness: loads a BPF object with libbpf and runs packets through the
// real kernel with BPF_PROG_TEST_RUN, one at a time, pinned to the packet's CPU. It reads
// commands on stdin and prints one JSON line per packet, then the maps and globals:
//
//   packet <cpu> <hex frame>          run the entry program once on that CPU
//   update-prog <map> <hex key> <prog>  put a program in a prog-array slot
//   update <map> <hex key> <hex value>  update a data map (BPF_ANY; per-CPU: every CPU)
//   delete <map> <hex key>            delete an element or clear a slot
//   time <cpu> <repeat> <hex frame>  run it <repeat> times; print the mean ns per run
//   dump                              print maps and globals, then exit
//
// printk output is read from a private trace instance, so another reader of trace_pipe cannot
// steal lines (kernel-facts.md §10.2).
#define _GNU_SOURCE
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char instance[256];
static struct bpf_object *obj;
static int ncpus;

static int hexval(char c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

static size_t unhex(const char *hex, unsigned char *out, size_t max)
{
	size_t n = strlen(hex) / 2;
	if (n > max) n = max;
	for (size_t i = 0; i < n; i++) out[i] = hexval(hex[2 * i]) << 4 | hexval(hex[2 * i + 1]);
	return n;
}

static void print_hex(const unsigned char *bytes, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) printf("%02x", bytes[i]);
	putchar('"');
}

static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\') printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20) printf("\\u%04x", *s);
		else putchar(*s);
	}
	putchar('"');
}

static int write_file(const char *path, const char *text, int flags)
{
	int fd = open(path, O_WRONLY | flags);
	if (fd < 0) return -errno;
	ssize_t n = write(fd, text, strlen(text));
	close(fd);
	return n < 0 ? -errno : 0;
}

static int setup_trace_instance(void)
{
	char path[512];
	snprintf(instance, sizeof(instance), "/sys/kernel/tracing/instances/tailscope_%d", getpid());
	if (mkdir(instance, 0755) && errno != EEXIST) return -errno;
	snprintf(path, sizeof(path), "%s/buffer_size_kb", instance);
	write_file(path, "4096", 0);
	snprintf(path, sizeof(path), "%s/events/bpf_trace/bpf_trace_printk/enable", instance);
	return write_file(path, "1", 0);
}

static void clear_trace(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/trace", instance);
	write_file(path, "", O_TRUNC);
}

/** Prints the messages of the trace instance as a JSON array. */
static void print_trace(void)
{
	char path[512], line[2048];
	snprintf(path, sizeof(path), "%s/trace", instance);
	FILE *f = fopen(path, "r");
	int first = 1;
	printf("[");
	while (f && fgets(line, sizeof(line), f)) {
		if (line[0] == '#') continue;
		char *msg = strstr(line, "bpf_trace_printk: ");
		if (!msg) continue;
		msg += strlen("bpf_trace_printk: ");
		size_t len = strlen(msg);
		if (len && msg[len - 1] == '\n') msg[len - 1] = 0;
		printf(first ? "" : ",");
		print_json_string(msg);
		first = 0;
	}
	printf("]");
	if (f) fclose(f);
}

static void pin(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/*
 * Records a program sends to user space: a ring buffer or a perf buffer is read after each
 * packet, map by map in the object's order, and its records printed with the packet's line.
 */
#define MAX_OUTPUT_MAPS 16
static struct ring_buffer *ring_buffers[MAX_OUTPUT_MAPS];
static struct perf_buffer *perf_buffers[MAX_OUTPUT_MAPS];
static const char *output_names[MAX_OUTPUT_MAPS];
static int output_maps;
static char output[1 << 20];
static size_t output_len;

static void add_record(const char *map, const void *data, size_t size)
{
	static const char digits[] = "0123456789abcdef";
	if (output_len + 2 * size + strlen(map) + 32 > sizeof(output)) return;
	output_len += sprintf(output + output_len, "%s{\"map\":\"%s\",\"data\":\"", output_len ? "," : "", map);
	for (size_t i = 0; i < size; i++) {
		output[output_len++] = digits[((const unsigned char *)data)[i] >> 4];
		output[output_len++] = digits[((const unsigned char *)data)[i] & 15];
	}
	output_len += sprintf(output + output_len, "\"}");
}

static int ring_record(void *ctx, void *data, size_t size)
{
	add_record(ctx, data, size);
	return 0;
}

static void perf_record(void *ctx, int cpu, void *data, __u32 size)
{
	(void)cpu;
	add_record(ctx, data, size);
}

static void open_output_maps(void)
{
	struct bpf_map *map;
	bpf_object__for_each_map(map, obj) {
		enum bpf_map_type type = bpf_map__type(map);
		if (output_maps == MAX_OUTPUT_MAPS) break;
		if (type != BPF_MAP_TYPE_RINGBUF && type != BPF_MAP_TYPE_PERF_EVENT_ARRAY) continue;
		const char *name = bpf_map__name(map);
		output_names[output_maps] = name;
		if (type == BPF_MAP_TYPE_RINGBUF)
			ring_buffers[output_maps] = ring_buffer__new(bpf_map__fd(map), ring_record, (void *)name, NULL);
		else
			perf_buffers[output_maps] = perf_buffer__new(bpf_map__fd(map), 8, perf_record, NULL, (void *)name, NULL);
		output_maps++;
	}
}

static void print_output(void)
{
	output_len = 0;
	for (int i = 0; i < output_maps; i++) {
		if (ring_buffers[i]) ring_buffer__consume(ring_buffers[i]);
		if (perf_buffers[i]) perf_buffer__consume(perf_buffers[i]);
	}
	output[output_len] = 0;
	if (output_maps) printf(",\"output\":[%s]", output);
}

/** Whether the entry's test run starts at the network header (every skb type but tc). */
static int zeroed_l2;

static void run_packet(int prog_fd, int cpu, const char *hex)
{
	static unsigned char data[9216], out[65536];
	size_t len = unhex(hex, data, sizeof(data));
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = data, .data_size_in = len, .repeat = 1,
		    .data_out = out, .data_size_out = sizeof(out));
	pin(cpu);
	clear_trace();
	int err = bpf_prog_test_run_opts(prog_fd, &opts);
	printf("{\"cpu\":%d,\"error\":%d,\"retval\":%u,\"printk\":", cpu, err ? -errno : 0, opts.retval);
	print_trace();
	print_output();
	/*
	 * The packet as the run left it, only when a program changed it (its bytes or its length).
	 * A test run of a type that starts at the network header gives back its MAC header zeroed.
	 */
	size_t zeroed = zeroed_l2 ? (len < 14 ? len : 14) : 0;
	memset(data, 0, zeroed);
	if (!err && (opts.data_size_out != len || memcmp(out, data, len))) {
		printf(",\"packetOut\":");
		print_hex(out, opts.data_size_out);
	}
	printf("}\n");
	fflush(stdout);
}

/** Runs the packet `repeat` times in one BPF_PROG_TEST_RUN and prints the kernel's mean ns per run. */
static void time_packet(int prog_fd, int cpu, int repeat, const char *hex)
{
	unsigned char data[9216];
	size_t len = unhex(hex, data, sizeof(data));
	LIBBPF_OPTS(bpf_test_run_opts, opts, .data_in = data, .data_size_in = len, .repeat = repeat);
	pin(cpu);
	int err = bpf_prog_test_run_opts(prog_fd, &opts);
	printf("{\"cpu\":%d,\"error\":%d,\"duration\":%u}\n", cpu, err ? -errno : 0, opts.duration);
	clear_trace();
	fflush(stdout);
}

static int control(const char *op, const char *name, const char *keyhex, const char *arg)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, name);
	if (!map) return -ENOENT;
	unsigned char key[512], value[65536];
	unhex(keyhex, key, sizeof(key));
	int fd = bpf_map__fd(map);
	if (!strcmp(op, "delete")) return bpf_map_delete_elem(fd, key) ? -errno : 0;
	if (!strcmp(op, "update-prog")) {
		struct bpf_program *prog = bpf_object__find_program_by_name(obj, arg);
		if (!prog) return -ENOENT;
		int prog_fd = bpf_program__fd(prog);
		return bpf_map_update_elem(fd, key, &prog_fd, BPF_ANY) ? -errno : 0;
	}
	if (!strcmp(op, "update-map")) {
		struct bpf_map *inner = bpf_object__find_map_by_name(obj, arg);
		if (!inner) return -ENOENT;
		int inner_fd = bpf_map__fd(inner);
		return bpf_map_update_elem(fd, key, &inner_fd, BPF_ANY) ? -errno : 0;
	}
	size_t vs = bpf_map__value_size(map);
	enum bpf_map_type type = bpf_map__type(map);
	int percpu = type == BPF_MAP_TYPE_PERCPU_ARRAY || type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	size_t stride = (vs + 7) / 8 * 8;
	memset(value, 0, sizeof(value));
	size_t given = unhex(arg, value, sizeof(value));
	if (percpu && given <= vs)
		for (int c = 1; c < ncpus; c++) memcpy(value + c * stride, value, vs);
	return bpf_map_update_elem(fd, key, value, BPF_ANY) ? -errno : 0;
}

/** A control-plane update of a map without keys (queue, stack, bloom filter): a push of the value. */
static int push(const char *name, const char *hex)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, name);
	if (!map) return -ENOENT;
	static unsigned char value[65536];
	memset(value, 0, sizeof(value));
	unhex(hex, value, sizeof(value));
	return bpf_map_update_elem(bpf_map__fd(map), NULL, value, BPF_ANY) ? -errno : 0;
}

/** The object's map with kernel id `id` (what a map-in-map lookup from user space gives). */
static const char *map_name_by_id(__u32 id)
{
	struct bpf_map *map;
	bpf_object__for_each_map(map, obj) {
		struct bpf_map_info info = {};
		__u32 len = sizeof(info);
		if (!bpf_obj_get_info_by_fd(bpf_map__fd(map), &info, &len) && info.id == id) return bpf_map__name(map);
	}
	return "?";
}

/** Prints the entry at `key` (after a comma unless `first`); 0 when the map has none there. */
static int dump_entry(struct bpf_map *map, const unsigned char *key, int first)
{
	int fd = bpf_map__fd(map);
	size_t ks = bpf_map__key_size(map), vs = bpf_map__value_size(map);
	enum bpf_map_type type = bpf_map__type(map);
	int percpu = type == BPF_MAP_TYPE_PERCPU_ARRAY || type == BPF_MAP_TYPE_PERCPU_HASH || type == BPF_MAP_TYPE_LRU_PERCPU_HASH;
	size_t stride = (vs + 7) / 8 * 8;
	unsigned char *value = calloc(ncpus, stride > 8 ? stride : 8);
	int printed = 0;
	if (bpf_map_lookup_elem(fd, key, value)) goto out;
	printed = 1;
	printf(first ? "{\"key\":" : ",{\"key\":");
	print_hex(key, ks);
	if (type == BPF_MAP_TYPE_ARRAY_OF_MAPS || type == BPF_MAP_TYPE_HASH_OF_MAPS) {
		printf(",\"map\":");
		print_json_string(map_name_by_id(*(__u32 *)value));
	} else if (type == BPF_MAP_TYPE_PROG_ARRAY) {
		struct bpf_prog_info info = {};
		__u32 info_len = sizeof(info);
		int prog_fd = bpf_prog_get_fd_by_id(*(__u32 *)value);
		bpf_obj_get_info_by_fd(prog_fd, &info, &info_len);
		close(prog_fd);
		printf(",\"program\":");
		print_json_string(info.name);
	} else if (percpu) {
		printf(",\"values\":[");
		for (int c = 0; c < ncpus; c++) {
			printf(c ? "," : "");
			print_hex(value + c * stride, vs);
		}
		printf("]");
	} else {
		printf(",\"value\":");
		print_hex(value, vs);
	}
	printf("}");
out:
	free(value);
	return printed;
}

static void dump_map(struct bpf_map *map)
{
	unsigned char key[512], next[512];
	size_t ks = bpf_map__key_size(map);
	int fd = bpf_map__fd(map), first = 1;
	print_json_string(bpf_map__name(map));
	printf(":{\"type\":%d,\"entries\":[", bpf_map__type(map));
	enum bpf_map_type type = bpf_map__type(map);
	int fd_array = type == BPF_MAP_TYPE_PROG_ARRAY || type == BPF_MAP_TYPE_ARRAY_OF_MAPS;
	if (type == BPF_MAP_TYPE_ARRAY || type == BPF_MAP_TYPE_PERCPU_ARRAY || fd_array) {
		for (__u32 i = 0; i < bpf_map__max_entries(map); i++) {
			memset(key, 0, sizeof(key));
			memcpy(key, &i, 4);
			unsigned char probe[65536];
			if (fd_array && bpf_map_lookup_elem(fd, key, probe)) continue;
			if (dump_entry(map, key, first)) first = 0;
		}
	} else if (type == BPF_MAP_TYPE_QUEUE || type == BPF_MAP_TYPE_STACK) {
		/* Values without keys, listed in the order a pop takes them (the dump is the run's end). */
		unsigned char *value = calloc(1, bpf_map__value_size(map));
		while (!bpf_map_lookup_and_delete_elem(fd, NULL, value)) {
			printf(first ? "{\"key\":\"\",\"value\":" : ",{\"key\":\"\",\"value\":");
			print_hex(value, bpf_map__value_size(map));
			printf("}");
			first = 0;
		}
		free(value);
	} else if (!bpf_map_get_next_key(fd, NULL, next)) {
		do {
			memcpy(key, next, ks);
			if (dump_entry(map, key, first)) first = 0;
		} while (!bpf_map_get_next_key(fd, key, next));
	}
	printf("]}");
}

/** Globals: each variable of the .bss/.data/.rodata sections, by name, from the section's map. */
static void dump_globals(void)
{
	struct btf *btf = bpf_object__btf(obj);
	struct bpf_map *map;
	int first = 1;
	printf("{");
	bpf_object__for_each_map(map, obj) {
		if (!bpf_map__is_internal(map)) continue;
		const char *dot = strchr(bpf_map__name(map), '.');
		if (!dot || !btf) continue;
		int sec_id = btf__find_by_name_kind(btf, dot, BTF_KIND_DATASEC);
		if (sec_id < 0) continue;
		size_t vs = bpf_map__value_size(map);
		unsigned char *bytes = calloc(1, vs);
		__u32 zero = 0;
		if (bpf_map_lookup_elem(bpf_map__fd(map), &zero, bytes)) {
			free(bytes);
			continue;
		}
		const struct btf_type *sec = btf__type_by_id(btf, sec_id);
		const struct btf_var_secinfo *var = btf_var_secinfos(sec);
		for (int i = 0; i < btf_vlen(sec); i++, var++) {
			const char *name = btf__name_by_offset(btf, btf__type_by_id(btf, var->type)->name_off);
			printf(first ? "" : ",");
			print_json_string(name);
			printf(":");
			print_hex(bytes + var->offset, var->size);
			first = 0;
		}
		free(bytes);
	}
	printf("}");
}

/*
 * libbpf's warnings, the verifier's log among them, kept to report why a load failed. A log can
 * run to many megabytes (a million instructions walked); its message is at its end, so past the
 * buffer's size the head is kept and the rest keeps only its latest bytes.
 */
#define LOG_HEAD (1 << 19)
#define LOG_TAIL (1 << 19)
static char load_log[LOG_HEAD + LOG_TAIL + 64];
static size_t load_log_len;
static const char elided[] = "\n[... log cut here ...]\n";

/* Where the log was cut, once it overflowed (0 before): the head ends there, the tail follows. */
static size_t log_cut;

static void keep_log(const char *text, size_t len)
{
	if (load_log_len + len <= sizeof(load_log)) {
		memcpy(load_log + load_log_len, text, len);
		load_log_len += len;
		return;
	}
	if (!log_cut) {
		size_t head = load_log_len < LOG_HEAD ? load_log_len : LOG_HEAD;
		memcpy(load_log + head, elided, sizeof(elided) - 1);
		log_cut = head + sizeof(elided) - 1;
		load_log_len = log_cut;
	}
	if (len >= LOG_TAIL) {
		memcpy(load_log + log_cut, text + len - LOG_TAIL, LOG_TAIL);
		load_log_len = log_cut + LOG_TAIL;
		return;
	}
	size_t tail = load_log_len - log_cut;
	size_t keep = tail + len > LOG_TAIL ? LOG_TAIL - len : tail;
	memmove(load_log + log_cut, load_log + load_log_len - keep, keep);
	memcpy(load_log + log_cut + keep, text, len);
	load_log_len = log_cut + keep + len;
}

static int quiet(enum libbpf_print_level level, const char *fmt, va_list args)
{
	if (level == LIBBPF_DEBUG) return 0;
	va_list copy;
	va_copy(copy, args);
	char *text = NULL;
	int len = vasprintf(&text, fmt, copy);
	va_end(copy);
	if (len > 0) keep_log(text, (size_t)len);
	free(text);
	return vfprintf(stderr, fmt, args);
}

/** {"loadError":N,"log":"…"}: the errno and libbpf's warnings, verifier log included, as JSON. */
static void print_load_error(int err)
{
	printf("{\"loadError\":%d,\"log\":\"", err);
	for (size_t i = 0; i < load_log_len; i++) {
		unsigned char ch = load_log[i];
		if (ch == '"' || ch == '\\') printf("\\%c", ch);
		else if (ch == '\n') printf("\\n");
		else if (ch < 0x20) printf("\\u%04x", ch);
		else putchar(ch);
	}
	printf("\"}\n");
	fflush(stdout);
	/* Read the commands nobody will run: exiting with them unread breaks the writer's pipe. */
	char line[4096];
	while (fgets(line, sizeof(line), stdin))
		;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: %s OBJECT ENTRY < commands\n", argv[0]);
		return 2;
	}
	libbpf_set_print(quiet);
	ncpus = libbpf_num_possible_cpus();
	obj = bpf_object__open_file(argv[1], NULL);
	if (!obj) {
		print_load_error(-errno);
		return 0;
	}
	int err = bpf_object__load(obj);
	if (err) {
		print_load_error(err);
		return 0;
	}
	struct bpf_program *entry = bpf_object__find_program_by_name(obj, argv[2]);
	if (!entry) {
		print_load_error(-ENOENT);
		return 0;
	}
	enum bpf_prog_type type = bpf_program__type(entry);
	zeroed_l2 = type == BPF_PROG_TYPE_SOCKET_FILTER || type == BPF_PROG_TYPE_CGROUP_SKB ||
		    type == BPF_PROG_TYPE_LWT_IN || type == BPF_PROG_TYPE_LWT_OUT ||
		    type == BPF_PROG_TYPE_LWT_XMIT || type == BPF_PROG_TYPE_LWT_SEG6LOCAL;
	open_output_maps();
	if (setup_trace_instance()) {
		fprintf(stderr, "cannot set up a trace instance under /sys/kernel/tracing\n");
		return 1;
	}
	char line[32768], a[256], b[16384], c[32768];
	while (fgets(line, sizeof(line), stdin)) {
		int cpu, repeat;
		if (sscanf(line, "packet %d %16383s", &cpu, b) == 2) run_packet(bpf_program__fd(entry), cpu, b);
		else if (sscanf(line, "time %d %d %16383s", &cpu, &repeat, b) == 3) time_packet(bpf_program__fd(entry), cpu, repeat, b);
		else if (sscanf(line, "update-prog %255s %16383s %32767s", a, b, c) == 3) printf("{\"control\":%d}\n", control("update-prog", a, b, c));
		else if (sscanf(line, "update-map %255s %16383s %32767s", a, b, c) == 3) printf("{\"control\":%d}\n", control("update-map", a, b, c));
		else if (sscanf(line, "update %255s %16383s %32767s", a, b, c) == 3) printf("{\"control\":%d}\n", control("update", a, b, c));
		else if (sscanf(line, "push %255s %32767s", a, c) == 2) printf("{\"control\":%d}\n", push(a, c));
		else if (sscanf(line, "delete %255s %16383s", a, b) == 2) printf("{\"control\":%d}\n", control("delete", a, b, ""));
		else if (!strncmp(line, "dump", 4)) break;
		fflush(stdout);
	}
	printf("{\"maps\":{");
	struct bpf_map *map;
	int first = 1;
	bpf_object__for_each_map(map, obj) {
		if (bpf_map__is_internal(map)) continue;
		printf(first ? "" : ",");
		dump_map(map);
		first = 0;
	}
	printf("},\"globals\":");
	dump_globals();
	printf("}\n");
	rmdir(instance);
	return 0;
}
