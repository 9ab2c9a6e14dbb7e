
// declare the index in array to use for tail-called function
#define TAIL_CALL_EGRESS_2 0 
#define TAIL_CALL_EGRESS_3 1 


// declare the prototype of function to be stored
long egress2(struct __sk_buff* ctx);
long egress3(struct __sk_buff* ctx);


// create map & initialize values
struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__array(values, long(struct __sk_buff* ctx));
} tail_programs SEC(".maps") = {
	.values = {
		[TAIL_CALL_EGRESS_2] = (void *)&egress2, 
		[TAIL_CALL_EGRESS_3] = (void *)&egress3,

        
	},
};  

// Custom tail_contxt
struct tail_context{
    u8 value_from_1;
    u8 value_from_2;
};

// Every CPU has its own private copy of this map
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct tail_context);
} tail_context_map SEC(".maps");


