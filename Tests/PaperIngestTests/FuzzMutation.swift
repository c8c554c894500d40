import Foundation

/// One way of breaking a document, applied to its bytes.
enum FuzzMutation: String, CaseIterable, Sendable {
    case truncate, flipBytes, insertRandomBytes, deleteRange, insertNUL, insertEscapedNUL, insertInvalidUTF8
    case duplicateRange, duplicateTag, dropTag, hugeNumber, wrongJSONType, deepNesting, empty

    /// Numbers no field should trap on.
    static let hugeNumbers = [
        "99999999999999999999999999999", "-9223372036854775809", "9223372036854775807", "1e400",
        "-1e400", "1.7976931348623157e309", "-0", "NaN", "0.000000000000000000000000001",
    ]

    /// Bytes that are not UTF-8: a lone continuation byte, an overlong form, a surrogate, a code
    /// point past U+10FFFF, a truncated sequence.
    static let invalidUTF8: [[UInt8]] = [[0xFF], [0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]

    /// Applies this mutation to `bytes`.
    func apply(to bytes: inout [UInt8], using random: inout FuzzGenerator) {
        switch self {
        case .truncate:
            bytes.removeSubrange(random.index(bytes.count + 1)...)
        case .flipBytes:
            for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                bytes[random.index(bytes.count)] ^= UInt8.random(in: 1...255, using: &random)
            }
        case .insertRandomBytes:
            let insert = (0..<Int.random(in: 1...16, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            bytes.insert(contentsOf: insert, at: random.index(bytes.count + 1))
        case .deleteRange:
            let start = random.index(bytes.count + 1)
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...200, using: &random)))
        case .insertNUL:
            bytes.insert(0, at: random.index(bytes.count + 1))
        case .insertEscapedNUL:
            // `\u0000` after a quote: inside a JSON string when the quote opens one.
            let quotes = bytes.indices.filter { bytes[$0] == UInt8(ascii: "\"") }
            guard !quotes.isEmpty else { return }
            bytes.insert(contentsOf: Array(#"\u0000"#.utf8), at: random.pick(quotes) + 1)
        case .insertInvalidUTF8:
            bytes.insert(contentsOf: random.pick(Self.invalidUTF8), at: random.index(bytes.count + 1))
        case .duplicateRange:
            let start = random.index(bytes.count + 1)
            let end = min(bytes.count, start + Int.random(in: 1...2000, using: &random))
            bytes.insert(contentsOf: bytes[start..<end], at: random.index(bytes.count + 1))
        case .duplicateTag:
            guard let tag = randomTag(in: bytes, using: &random) else { return }
            bytes.insert(contentsOf: bytes[tag], at: tag.upperBound)
        case .dropTag:
            guard let tag = randomTag(in: bytes, using: &random) else { return }
            bytes.removeSubrange(tag)
        case .hugeNumber:
            let digits = bytes.indices.filter { (0x30...0x39).contains(bytes[$0]) }
            guard !digits.isEmpty else { return }
            var start = random.pick(digits)
            var end = start
            while start > 0, (0x30...0x39).contains(bytes[start - 1]) { start -= 1 }
            while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
            bytes.replaceSubrange(start..<end, with: Array(random.pick(Self.hugeNumbers).utf8))
        case .wrongJSONType:
            bytes = JSONMutation.replacingRandomValue(in: bytes, using: &random)
        case .deepNesting:
            // Deep enough to overflow a recursive parser's stack.
            let opener = random.pick(["[", "{\"paper\":", "<a>"])
            bytes.insert(contentsOf: Array(String(repeating: opener, count: 50_000).utf8), at: random.index(bytes.count + 1))
        case .empty:
            bytes = []
        }
    }

    /// The byte range of a random `<…>` tag, or `nil` when there is none.
    private func randomTag(in bytes: [UInt8], using random: inout FuzzGenerator) -> Range<Int>? {
        guard !bytes.isEmpty else { return nil }
        let from = random.index(bytes.count)
        guard let open = bytes[from...].firstIndex(of: UInt8(ascii: "<")) ?? bytes.firstIndex(of: UInt8(ascii: "<")),
              let close = bytes[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
        return open..<(close + 1)
    }
}

/// Replaces one value of a JSON document (or of one line of a JSON-lines file) by a value of
/// another type: a field that should be a string becomes an array, a number, `null`…
enum JSONMutation {
    static var replacements: [Any] { [
        NSNull(), [Any](), [String: Any](), true, 1e308, Int.max, Int.min, -1, "a\u{0}b", "\u{0}",
        "2604.99999", [1, 2], ["name": 1], String(repeating: "x", count: 5000),
    ] }

    static func replacingRandomValue(in bytes: [UInt8], using random: inout FuzzGenerator) -> [UInt8] {
        // A JSON-lines file: mutate one of its lines.
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.count > 2 {
            var lines = lines.map(Array.init)
            let line = random.index(lines.count)
            lines[line] = replacingRandomValue(inDocument: lines[line], using: &random)
            return Array(lines.joined(separator: [0x0A]))
        }
        return replacingRandomValue(inDocument: bytes, using: &random)
    }

    private static func replacingRandomValue(inDocument bytes: [UInt8], using random: inout FuzzGenerator) -> [UInt8] {
        guard let document = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else {
            return bytes
        }
        var count = 0
        countValues(document, into: &count)
        var target = random.index(count)
        let replacement = random.pick(replacements)
        let mutated = replace(document, target: &target, with: replacement)
        guard let data = try? JSONSerialization.data(withJSONObject: mutated, options: [.fragmentsAllowed]) else {
            return bytes
        }
        return Array(data)
    }

    private static func countValues(_ value: Any, into count: inout Int) {
        count += 1
        if let array = value as? [Any] { array.forEach { countValues($0, into: &count) } }
        if let object = value as? [String: Any] {
            object.sorted { $0.key < $1.key }.forEach { countValues($0.value, into: &count) }
        }
    }

    /// `value` with its `target`-th value (depth first, keys in order) replaced.
    private static func replace(_ value: Any, target: inout Int, with replacement: Any) -> Any {
        if target == 0 {
            target = -1
            return replacement
        }
        target -= 1
        if let array = value as? [Any] {
            return array.map { target < 0 ? $0 : replace($0, target: &target, with: replacement) }
        }
        if let object = value as? [String: Any] {
            var result = object
            for (key, field) in object.sorted(by: { $0.key < $1.key }) where target >= 0 {
                result[key] = replace(field, target: &target, with: replacement)
            }
            return result
        }
        return value
    }
}
