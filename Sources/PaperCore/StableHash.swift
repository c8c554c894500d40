/// A stable 64-bit FNV-1a hash, the same in every process and on every node (unlike `Hasher`,
/// which is seeded per process): for local paper ids, entity tags and job names.
public func fnv1a64(_ text: String) -> UInt64 {
    fnv1a64(bytes: text.utf8)
}

/// The same hash over raw bytes (a file's checksum).
public func fnv1a64<Bytes: Sequence<UInt8>>(bytes: Bytes) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    return hash
}
