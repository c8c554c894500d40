extension String {
    /// The text made safe inside HTML elements and quoted attributes: `& < > " '` escaped.
    /// Pages and e-mails both show paper text, which is data, never markup.
    public var htmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
