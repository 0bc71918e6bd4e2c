"""zhpipe benchmarks (make bench): throughput, memory and accuracy against ../shared/data."""
