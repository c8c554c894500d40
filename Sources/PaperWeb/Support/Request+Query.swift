import Hummingbird

extension Request {
    /// The query parameter `name`, or `nil` when absent or empty. A `+` means a space, as HTML
    /// forms send it (`%2B` is a plus sign).
    /// Decoded like a form (`FormFields`); the first of repeated names counts.
    func query(_ name: String) -> String? {
        guard let raw = uri.query, let value = FormFields(raw)[name], !value.isEmpty else { return nil }
        return value
    }

    /// An integer query parameter within `range`; absent means `defaultValue`, anything else is a 400.
    func integer(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = query(name) else { return defaultValue }
        guard let value = Int(text), range.contains(value) else {
            throw RequestError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return value
    }
}
