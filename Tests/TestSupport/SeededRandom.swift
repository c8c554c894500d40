// The benchmarks and the tests draw from one splitmix64, so that a fuzz failure and a benchmark
// data set are both reproducible from their seed. It stays in BenchmarkSupport, which the
// benchmark executables already share; the tests get this one type through TestSupport, without
// the rest of the benchmark code.
@_exported import struct BenchmarkSupport.SeededRandom
