
#include "maps.h"

u8 ZERO = 0;


SEC("cgroup_skb/egress")
long egress3(struct __sk_buff* ctx){
    bpf_printk("[egress3] Someone called me");

    // Query tail_context
    struct tail_context* ctx2 = (struct tail_context*)bpf_map_lookup_elem(&tail_context_map, &ZERO);
    if(!ctx){
        return SK_PASS;
    }

    // Use tail_context values
    bpf_printk("[egress3] first=%d second=%d", ctx2->value_from_1, ctx2->value_from_1);

    return SK_PASS;
}

SEC("cgroup_skb/egress")
long egress2(struct __sk_buff* ctx){


    // Query tail context
    struct tail_context* ctx2 = (struct tail_context*)bpf_map_lookup_elem(&tail_context_map, &ZERO);
    if(!ctx){
        return SK_PASS;
    }

    // Populate tail_context
    ctx2->value_from_2 = 22;

    bpf_printk("[egress2] Calling egress3");
    bpf_tail_call(ctx, &tail_programs, TAIL_CALL_EGRESS_3);
    return SK_PASS;
}


// Initial function
SEC("cgroup_skb/egress")
long egress1(struct __sk_buff* ctx){


    // Query tail context
    struct tail_context* ctx2 = (struct tail_context*)bpf_map_lookup_elem(&tail_context_map, &ZERO);
    if(!ctx){
        return SK_PASS;
    }
    
    // Reset tail context
    __builtin_memset(ctx2, 0, sizeof(struct tail_context));

    ctx2->value_from_1 = 11;

    bpf_printk("[egress1] Calling egress2");
    bpf_tail_call(ctx, &tail_programs, TAIL_CALL_EGRESS_2);
    return SK_PASS;
}

